/**
 * The dashboard heatmap's bands for a 0…100 score. Each band has a colour, a mark and a word, so the colour
 * is never the only cue; 80 and 60 are the lines teachers commonly use for "secure" and "needs support".
 */
export const scoreBands = [
	{ id: 'secure', from: 80, mark: '●', label: '80% and up' },
	{ id: 'developing', from: 60, mark: '◐', label: '60–79%' },
	{ id: 'support', from: 0, mark: '○', label: 'Below 60%' }
] as const;

export type ScoreBand = (typeof scoreBands)[number];

/** Pure: the band of a rounded 0…100 score; null when there is no score yet. */
export function scoreBand(percent: number | null): ScoreBand | null {
	if (percent === null) return null;
	return scoreBands.find((band) => percent >= band.from) ?? scoreBands[2];
}
