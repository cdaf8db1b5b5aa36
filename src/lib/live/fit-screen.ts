/**
 * A phone screen of the live player should need no scrolling: this action shrinks the text inside `node`
 * (its --fit custom property, from 1 down in steps) until the page is no taller than the window. Without
 * JavaScript the CSS sizes by prompt length alone.
 */

const steps = [1, 0.92, 0.85, 0.78, 0.72, 0.66];

/** Set while fitting; the page's CSS turns transitions off under it (see LivePlay.svelte). */
export const fittingClass = 'fitting-screen';

const fits = () => document.documentElement.scrollHeight <= window.innerHeight;

export function fitScreen(node: HTMLElement, key?: unknown) {
	let shownFor = key;
	let frame = 0;
	const fit = () => {
		// each step is measured at once: no transition (reduced motion makes every one 0.01 ms) may hold it back
		node.classList.add(fittingClass);
		for (const step of steps) {
			node.style.setProperty('--fit', String(step));
			if (fits()) break;
		}
		node.classList.remove(fittingClass);
	};
	// measured in the next frame: a screen replacing another is mounted while the old one is still there
	const fitSoon = () => {
		cancelAnimationFrame(frame);
		frame = requestAnimationFrame(fit);
	};
	fitSoon();
	window.addEventListener('resize', fitSoon);
	return {
		update(next?: unknown) {
			if (next === shownFor) return;
			shownFor = next;
			fitSoon();
		},
		destroy() {
			cancelAnimationFrame(frame);
			window.removeEventListener('resize', fitSoon);
		}
	};
}
