/**
 * A phone screen of the live player should need no scrolling: this action shrinks the text inside `node`
 * (its --fit custom property, from 1 down in steps) until the page is no taller than the window. Without
 * JavaScript the CSS sizes by prompt length alone.
 */

const steps = [1, 0.92, 0.85, 0.78, 0.72, 0.66];

const fits = () => document.documentElement.scrollHeight <= window.innerHeight;

export function fitScreen(node: HTMLElement, key?: unknown) {
	let shownFor = key;
	const fit = () => {
		for (const step of steps) {
			node.style.setProperty('--fit', String(step));
			if (fits()) return;
		}
	};
	fit();
	window.addEventListener('resize', fit);
	return {
		update(next?: unknown) {
			if (next === shownFor) return;
			shownFor = next;
			fit();
		},
		destroy() {
			window.removeEventListener('resize', fit);
		}
	};
}
