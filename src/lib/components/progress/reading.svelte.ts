import { deserialize } from '$app/forms';
import { SvelteSet } from 'svelte/reactivity';
import { localHref } from '$lib/i18n';

export interface ReadingState {
	slug: string;
	sections: { id: string; title: string }[];
	/** what the server says is read */
	readSectionIds: string[];
	/** false for a visitor, whose reading nothing stores */
	tracked: boolean;
}

/**
 * Marks a lesson's sections read as the student reaches them (JavaScript on), by posting the same
 * `markRead` action the page's buttons use. Create one per page: keys carry the lesson slug because
 * SvelteKit reuses the page component from one lesson to the next.
 */
export class ReadingTracker {
	#state: () => ReadingState;
	/** marked on this page since the server's data was loaded */
	#marked = new SvelteSet<string>();
	/** posted and not refused (yet) */
	#sent = new SvelteSet<string>();

	constructor(state: () => ReadingState) {
		this.#state = state;
	}

	isRead(sectionId: string): boolean {
		const { slug, readSectionIds } = this.#state();
		return readSectionIds.includes(sectionId) || this.#marked.has(`${slug}/${sectionId}`);
	}

	get readCount(): number {
		return this.#state().sections.filter((s) => this.isRead(s.id)).length;
	}

	async mark(sectionId: string): Promise<void> {
		const { slug, tracked } = this.#state();
		const key = `${slug}/${sectionId}`;
		if (!tracked || this.isRead(sectionId) || this.#sent.has(key)) return;
		this.#sent.add(key);
		const form = new FormData();
		form.set('sectionId', sectionId);
		try {
			const response = await fetch(localHref(`/lessons/${slug}?/markRead`), {
				method: 'POST',
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
				body: form
			});
			const result = deserialize(await response.text());
			if (result.type === 'success') this.#marked.add(key);
			else this.#sent.delete(key);
		} catch {
			// offline or refused: the section's button still works, and the next visit tries again
			this.#sent.delete(key);
		}
	}

	/** An attachment for the lesson prose: each h2 that scrolls into the upper 60% of the view is read. */
	observe = (prose: HTMLElement) => {
		const { sections, tracked } = this.#state();
		if (!tracked || typeof IntersectionObserver === 'undefined') return;
		const headings = [...prose.querySelectorAll('h2')];
		const watched: { heading: Element; sectionId: string }[] = [];
		headings.forEach((heading, index) => {
			// ids come from the mdsvex plugin; order is the fallback if a heading has none
			const section =
				sections.find((s) => s.id === heading.id) ??
				(headings.length === sections.length ? sections[index] : undefined);
			if (section) watched.push({ heading, sectionId: section.id });
		});
		const observer = new IntersectionObserver(
			(entries) => {
				for (const entry of entries) {
					const sectionId = watched.find((w) => w.heading === entry.target)?.sectionId;
					if (!entry.isIntersecting || !sectionId) continue;
					observer.unobserve(entry.target);
					void this.mark(sectionId);
				}
			},
			{ rootMargin: '0px 0px -40% 0px' }
		);
		for (const { heading } of watched) observer.observe(heading);
		return () => observer.disconnect();
	};
}
