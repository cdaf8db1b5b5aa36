// Shared by the timeline page and its printable handout, so both label an event's status the same way.

/** Every status lessons/module.yaml allows for a timeline event, with the words readers see. */
export const timelineStatusLabels = {
	confirmed: 'Confirmed by other sources',
	alleged: 'Alleged: an accusation, not a finding',
	'article-claim': 'Only the article says so'
} as const;
