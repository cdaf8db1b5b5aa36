/**
 * How a live answer tile looks, by its place in the question: the same letter, shape and colour on the
 * projector, the phone and the reveal's chart, so "the red triangle" and "A" name one choice. Colour is
 * never the only cue: every tile also has its letter and its shape.
 */
export const tileShapes = ['triangle', 'diamond', 'circle', 'square', 'star', 'hexagon'] as const;
export type TileShape = (typeof tileShapes)[number];

export interface TileLook {
	letter: string;
	shape: TileShape;
	/** a CSS colour: one of the --tile-N tokens (tokens.css), white text on it in both themes */
	colour: string;
}

/** The look of the tile at this index (0 = A); past the sixth, shapes and colours come round again. */
export function tileLook(index: number): TileLook {
	const turn = index % tileShapes.length;
	return {
		letter: String.fromCharCode(65 + index),
		shape: tileShapes[turn] ?? 'circle',
		colour: `var(--tile-${turn + 1})`
	};
}
