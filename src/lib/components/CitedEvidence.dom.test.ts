import { mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { ResolvedEvidence } from '$lib/quiz/feedback';
import CitedEvidence from './CitedEvidence.svelte';

// Evidence under an answer quotes the English article; a Spanish reader also gets our translation of the
// paragraph, labelled as a translation and marked as Spanish, while the quote stays English and marked so.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
	overwriteGetLocale(() => baseLocale);
});

const p06: ResolvedEvidence = {
	kind: 'paragraph',
	sourceId: 'truthout-2014',
	paragraph: 'p06',
	before: 'In a statement about this account, Mexico’s Navy Secretariat said, “',
	quoted: 'We categorically deny',
	after: ' …”'
};

function show(evidence: ResolvedEvidence[]) {
	const holder = document.createElement('div');
	document.body.append(holder);
	mounted.push(mount(CitedEvidence, { target: holder, props: { evidence } }));
	return holder;
}

describe('CitedEvidence', () => {
	it('shows a Spanish reader the English quote and, beside it, the labelled Spanish translation', () => {
		overwriteGetLocale(() => 'es');
		const holder = show([{ ...p06, translation: 'En un comunicado sobre este relato…' }]);
		const quote = holder.querySelector('blockquote');
		expect(quote?.getAttribute('lang')).toBe('en');
		expect(quote?.querySelector('mark')?.textContent).toBe('We categorically deny');
		const translation = holder.querySelector('.evidence-translation');
		expect(translation?.getAttribute('lang')).toBe('es');
		expect(translation?.textContent).toContain(
			'Traducción al español — cita el original en inglés'
		);
		expect(translation?.textContent).toContain('En un comunicado sobre este relato…');
		expect(quote?.textContent).not.toContain('En un comunicado');
		const link = holder.querySelector('figcaption a');
		expect(link?.getAttribute('href')).toBe('/es/sources/truthout-2014#p06');
		expect(link?.textContent).toBe('Lee el párrafo 6 (p06) en el artículo');
	});

	it('shows an English reader the quote alone', () => {
		const holder = show([p06]);
		expect(holder.querySelector('.evidence-translation')).toBeNull();
		expect(holder.querySelector('figcaption a')?.getAttribute('href')).toBe(
			'/sources/truthout-2014#p06'
		);
		expect(holder.textContent).toContain('Read paragraph 6 (p06) in the article');
	});
});
