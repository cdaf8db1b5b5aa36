import { mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { PacketDocumentView } from '$lib/content/packet';
import PacketDocumentCard from './PacketDocumentCard.svelte';

// A packet document reads like a citation first: who published it and when, linked to the original.
// Words are quoted only when they were checked against the original; otherwise our summary says so.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
	overwriteGetLocale(() => baseLocale);
});

const navy = {
	id: 'D2',
	title: 'Statement on the Wall Street Journal report',
	citation: 'Secretaría de Marina · Nov 22, 2014',
	date: '2014-11-22',
	url: 'https://www.gob.mx/semar/prensa/x',
	kindLabel: 'Official statement',
	excerpt: null,
	summary: 'The Navy denies joint operations.',
	checked: 'The original could not be reached from here.'
};

function card(document: PacketDocumentView) {
	const holder = window.document.createElement('div');
	window.document.body.append(holder);
	mounted.push(mount(PacketDocumentCard, { target: holder, props: { document } }));
	return holder;
}

describe('PacketDocumentCard', () => {
	it('names the document by its title, linked to the original publisher, with its citation', () => {
		const holder = card(navy);
		const article = holder.querySelector('article');
		const heading = holder.querySelector(`#${article?.getAttribute('aria-labelledby')}`);
		expect(heading?.textContent?.trim()).toBe('Statement on the Wall Street Journal report');
		const link = heading?.querySelector('a');
		expect(link?.getAttribute('href')).toBe('https://www.gob.mx/semar/prensa/x');
		expect(link?.getAttribute('rel')).toContain('external');
		expect(holder.textContent).toContain('Secretaría de Marina · Nov 22, 2014');
		expect(holder.textContent).toContain('How we checked: The original could not be reached');
	});

	it('quotes only a checked excerpt, and otherwise shows the summary alone', () => {
		expect(card(navy).querySelector('blockquote')).toBeNull();
		const quoted = card({ ...navy, excerpt: 'categorically denies' });
		expect(quoted.querySelector('blockquote')?.textContent?.trim()).toBe('categorically denies');
		expect(quoted.textContent).toContain('In short (our words): The Navy denies joint operations.');
	});

	it('shows a Spanish reader the Spanish title with the original, and the excerpt with its translation', () => {
		overwriteGetLocale(() => 'es');
		const holder = card({
			...navy,
			id: 'D1',
			title: 'Personal de los US Marshals vestido como infantes de marina',
			originalTitle: 'U.S. Marshals Service Personnel Dressed as Mexican Marines',
			excerpt: 'U.S. Justice Department personnel are disguising themselves',
			excerptLang: 'en',
			excerptTranslation: 'Personal del Departamento de Justicia se disfraza',
			summary: 'El reportaje se apoya en personas que no se nombran.'
		});
		expect(holder.querySelector('h3')?.textContent?.trim()).toBe(
			'Personal de los US Marshals vestido como infantes de marina'
		);
		const original = holder.querySelector('.packet-document-original-title');
		expect(original?.textContent).toContain('Título original:');
		expect(original?.querySelector('[lang="en"]')?.textContent).toBe(
			'U.S. Marshals Service Personnel Dressed as Mexican Marines'
		);
		expect(holder.querySelector('blockquote')?.getAttribute('lang')).toBe('en');
		const translation = holder.querySelector('.packet-document-translation');
		expect(translation?.getAttribute('lang')).toBe('es');
		expect(translation?.textContent).toContain('Traducción al español — cita el original');
		expect(translation?.textContent).toContain('Personal del Departamento de Justicia se disfraza');
		expect(holder.textContent).toContain('En breve (en nuestras palabras):');
	});

	it('gives no translation to an excerpt already in Spanish, and marks it as Spanish', () => {
		const holder = card({
			...navy,
			excerpt: 'Se niega categóricamente',
			excerptLang: 'es',
			excerptTranslation: null
		});
		expect(holder.querySelector('blockquote')?.getAttribute('lang')).toBe('es');
		expect(holder.querySelector('.packet-document-translation')).toBeNull();
	});
});
