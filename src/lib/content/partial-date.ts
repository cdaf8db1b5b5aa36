/**
 * A content date at the precision the sources allow, in an Intl locale (pages pass intlLocale(), the reader's):
 * '2014' → 2014, '2014-09' → Sep 2014 (sept 2014 in es-419), '2014-09-26' → Sep 26, 2014 (26 sept 2014).
 * It takes no i18n import so content scripts can build with it; the default is the content's own English.
 */
export function formatPartialDate(date: string, locale = 'en-US'): string {
	const [year = '', month, day] = date.split('-');
	if (!month) return year;
	const when = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
	return new Intl.DateTimeFormat(locale, {
		timeZone: 'UTC',
		year: 'numeric',
		month: 'short',
		...(day ? { day: 'numeric' } : {})
	}).format(when);
}
