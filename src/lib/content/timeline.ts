// Shared by the timeline page and its printable handout, so both label an event's status the same way.
import { m } from '$lib/i18n';

/** Every status lessons/module.yaml allows for a timeline event. */
export type TimelineStatus = 'confirmed' | 'alleged' | 'article-claim';

const statusMessages: Record<TimelineStatus, () => string> = {
	confirmed: m.timeline_status_confirmed,
	alleged: m.timeline_status_alleged,
	'article-claim': m.timeline_status_article_claim
};

/** The words readers see for an event's status, in their language. */
export function timelineStatusLabel(status: TimelineStatus): string {
	return statusMessages[status]();
}
