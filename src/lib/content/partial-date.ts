const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A content date at the precision the sources allow: '2014' → 2014, '2014-09' → Sep 2014, '2014-09-26' → Sep 26, 2014. */
export function formatPartialDate(date: string): string {
	const [year = '', month, day] = date.split('-');
	if (!month) return year;
	const monthName = months[Number(month) - 1];
	return day ? `${monthName} ${Number(day)}, ${year}` : `${monthName} ${year}`;
}
