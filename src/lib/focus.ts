/**
 * Where keyboard focus goes after a form or a live update changes the page. Both wait a task: after a
 * successful use:enhance action SvelteKit resets focus itself, and when the URL has a #fragment (the skip
 * link leaves #main) it does so in a timeout, which would otherwise move focus back to the fragment.
 */

/** Moves focus to `target` once SvelteKit has finished with it. */
export function focusSoon(target: () => HTMLElement | null | undefined): Promise<void> {
	return new Promise((resolve) =>
		setTimeout(() => {
			target()?.focus();
			resolve();
		})
	);
}

/** Moves focus to `fallback` only if the focused control was removed, leaving focus on the page's body. */
export function refocusIfLost(fallback: () => HTMLElement | null | undefined): Promise<void> {
	return focusSoon(() => {
		const active = document.activeElement;
		return active && active !== document.body ? null : fallback();
	});
}
