// Shared by the timeline page and its printable handout, so both label an event's status the same way.
import type { TimelineEvent } from '$lib/server/content/module';

export const timelineStatusLabels: Record<TimelineEvent['status'], string> = {
	confirmed: 'Confirmed by other sources',
	alleged: 'Alleged: an accusation, not a finding',
	'article-claim': 'Only the article says so'
};
