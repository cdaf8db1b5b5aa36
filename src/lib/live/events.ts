/**
 * The names of a live session's stream events, shared by the server that sends them (server/live/sse.ts)
 * and the pages that listen (live-events.svelte.ts). Each event carries the whole view for its audience:
 *   lobby | question | paused | reveal | ended  the phase changed (or this is the stream's first event)
 *   players   a new version in the same phase: a rename or removal, extra time, …
 *   answers   hosts only, no new version: answers came in or someone joined
 */
export const liveEventNames = [
	'lobby',
	'question',
	'paused',
	'reveal',
	'ended',
	'players',
	'answers'
] as const;

export type LiveEventName = (typeof liveEventNames)[number];

/** The events that announce a phase change; every other event keeps the phase. */
export const phaseEventNames = [
	'lobby',
	'question',
	'paused',
	'reveal',
	'ended'
] as const satisfies readonly LiveEventName[];

export type PhaseEventName = (typeof phaseEventNames)[number];
