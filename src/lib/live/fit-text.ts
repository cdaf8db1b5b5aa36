import type { Action } from 'svelte/action';

/**
 * The largest font size from `min` to `max` (whole pixels) at which `fits` says the text fits, by halving
 * the range; `min` when nothing fits, since text below it would be unreadable from the back of the room.
 */
export function largestFit(max: number, min: number, fits: (size: number) => boolean): number {
	let low = Math.floor(min);
	let high = Math.floor(max);
	if (high <= low || fits(high)) return Math.max(low, high);
	// invariant: high does not fit; low is the floor we accept either way
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (fits(middle)) low = middle;
		else high = middle;
	}
	return low;
}

/** Whether an element's content spills out of its box (a pixel of rounding aside). */
export function overflows(node: HTMLElement): boolean {
	return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
}

export interface FitTextOptions {
	/** the smallest size, as a share of the CSS size (default 0.4) */
	minShare?: number;
	/** anything that changes the text: a new value fits the text again */
	key?: unknown;
}

/**
 * Shrinks an element's font-size from its CSS size until its content no longer overflows its box; the box
 * must have a bounded height (a grid cell, a max-height). Without JavaScript the CSS size stands, and the
 * box's own overflow rule (hidden or auto) decides what a very long text does.
 */
export const fitText: Action<HTMLElement, FitTextOptions | undefined> = (node, initial) => {
	let options = initial ?? {};
	let frame = 0;
	const fit = () => {
		cancelAnimationFrame(frame);
		node.style.fontSize = '';
		node.style.overflow = 'hidden';
		const cssSize = parseFloat(getComputedStyle(node).fontSize);
		if (!Number.isFinite(cssSize) || !overflows(node)) return;
		const size = largestFit(cssSize, cssSize * (options.minShare ?? 0.4), (px) => {
			node.style.fontSize = `${px}px`;
			return !overflows(node);
		});
		node.style.fontSize = `${size}px`;
	};
	const later = () => {
		cancelAnimationFrame(frame);
		frame = requestAnimationFrame(fit);
	};
	fit();
	// the box changes with the window, full screen, and the rows around it
	const observer = new ResizeObserver(later);
	observer.observe(node);
	if (node.parentElement) observer.observe(node.parentElement);
	// a web font arriving late changes every line's width
	void document.fonts?.ready.then(later);
	return {
		update(next) {
			options = next ?? {};
			fit();
		},
		destroy() {
			cancelAnimationFrame(frame);
			observer.disconnect();
		}
	};
};
