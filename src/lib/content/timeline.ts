// Shared by the timeline page and its printable handout, so both read an event the same way.
import type { TimelineEvent } from '$lib/server/content/module';

export const timelineStatusLabels: Record<TimelineEvent['status'], string> = {
	confirmed: 'Confirmed by other sources',
	alleged: 'Alleged: an accusation, not a finding',
	'article-claim': 'Only the article says so'
};

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2014-09-26' → 'Sep 26, 2014'; '2014-09' → 'Sep 2014'; '2014' stays as it is. */
export function formatTimelineDate(date: string): string {
	const [year = '', month, day] = date.split('-');
	if (!month) return year;
	const monthName = months[Number(month) - 1];
	return day ? `${monthName} ${Number(day)}, ${year}` : `${monthName} ${year}`;
}
