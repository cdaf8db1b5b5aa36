import type { Content } from './build';
import type { Translations } from './localize';
import type { PacketDocument } from './packet';
import { ContentError, type SourceDocument } from './source';
import { readYaml, type YamlFile } from './yaml-file';

/**
 * Spanish beside the English originals: a source's paragraphs (lessons/sources/<id>.es.yaml) and the packet's
 * titles, summaries and checks (lessons/sources/packet.es.yaml). The originals are never replaced: a reader
 * quotes the English, and the Spanish is shown next to it, labelled as a translation.
 */

/** What a packet document says in Spanish; its excerpt stays in its original language. */
export interface PacketTranslation {
	title: string;
	summary: string;
	checked: string;
	/** our Spanish translation of an excerpt that is not in Spanish */
	excerptTranslation: string | null;
	/** the excerpt is already in Spanish (it needs no translation) */
	excerptInSpanish: boolean;
}

interface Checked<T> {
	value: T;
	/** a file that does not parse: the server cannot use it */
	errors: ContentError[];
	/** a gap (missing, extra or empty): check:content fails, the server shows the English alone there */
	editorial: ContentError[];
}

function read(file: string, text: string): { yaml: YamlFile | null; errors: ContentError[] } {
	try {
		return { yaml: readYaml(text, file), errors: [] };
	} catch (error) {
		if (error instanceof ContentError) return { yaml: null, errors: [error] };
		throw error;
	}
}

const isMap = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The blocks a source's translation must carry: every body paragraph, and the headline (h01) if there is one. */
export function translatedBlockIds(source: SourceDocument): string[] {
	return source.blocks
		.filter((block) => block.kind === 'body' || block.id === 'h01')
		.map((block) => block.id);
}

/** A source's Spanish paragraphs by block id, with a file:line for each missing, extra or empty one. */
export function parseSourceTranslation(
	source: SourceDocument,
	file: string,
	text: string
): Checked<Map<string, string>> {
	const paragraphs = new Map<string, string>();
	const { yaml, errors } = read(file, text);
	const editorial: ContentError[] = [];
	if (!yaml) return { value: paragraphs, errors, editorial };
	if (!isMap(yaml.data)) {
		errors.push(new ContentError(file, 1, 'a translation maps block ids (p01…) to Spanish text'));
		return { value: paragraphs, errors, editorial };
	}
	const data = yaml.data;
	const wanted = translatedBlockIds(source);
	for (const id of Object.keys(data).filter((id) => !wanted.includes(id)))
		editorial.push(
			new ContentError(file, yaml.lineOf([id]), `${id}: not a body paragraph of ${source.id}`)
		);
	let previous: string | null = null;
	for (const id of wanted) {
		const value = data[id];
		// a missing paragraph is placed after the one before it, where it belongs
		if (!(id in data))
			editorial.push(
				new ContentError(file, previous ? yaml.lineOf([previous]) : 1, `${id}: missing`)
			);
		else if (typeof value !== 'string' || value.trim() === '')
			editorial.push(new ContentError(file, yaml.lineOf([id]), `${id}: no Spanish text`));
		else paragraphs.set(id, value.trim());
		if (id in data) previous = id;
	}
	return { value: paragraphs, errors, editorial };
}

const packetFields = ['title', 'summary', 'checked', 'excerptTranslation', 'excerptInSpanish'];

/** The packet in Spanish by document id, with a file:line for each gap against packet.yaml. */
export function parsePacketTranslation(
	documents: Map<string, PacketDocument>,
	file: string,
	text: string
): Checked<Map<string, PacketTranslation>> {
	const translations = new Map<string, PacketTranslation>();
	const { yaml, errors } = read(file, text);
	const editorial: ContentError[] = [];
	if (!yaml) return { value: translations, errors, editorial };
	if (!isMap(yaml.data)) {
		errors.push(
			new ContentError(file, 1, 'the packet translation maps document ids (D1…) to texts')
		);
		return { value: translations, errors, editorial };
	}
	const data = yaml.data;
	const gap = (path: string[], message: string) =>
		editorial.push(new ContentError(file, yaml.lineOf(path), `${path.join('.')}: ${message}`));
	for (const id of Object.keys(data).filter((id) => !documents.has(id)))
		gap([id], 'not a document of packet.yaml');
	for (const [id, document] of documents) {
		const entry = data[id];
		if (!isMap(entry)) {
			gap([id], id in data ? 'expected title, summary and checked' : 'missing');
			continue;
		}
		for (const key of Object.keys(entry).filter((key) => !packetFields.includes(key)))
			gap([id, key], `unknown field (expected ${packetFields.join(', ')})`);
		const texts: Partial<Record<'title' | 'summary' | 'checked', string>> = {};
		for (const key of ['title', 'summary', 'checked'] as const) {
			const value = entry[key];
			if (typeof value === 'string' && value.trim() !== '') texts[key] = value.trim();
			else gap([id, key], key in entry ? 'no Spanish text' : 'missing');
		}
		const translation = entry.excerptTranslation;
		const inSpanish = entry.excerptInSpanish === true;
		if ('excerptInSpanish' in entry && typeof entry.excerptInSpanish !== 'boolean')
			gap([id, 'excerptInSpanish'], 'is true or absent');
		let excerptTranslation: string | null = null;
		if (!document.excerpt) {
			if ('excerptTranslation' in entry || inSpanish)
				gap([id], 'the English has no excerpt: leave out excerptTranslation and excerptInSpanish');
		} else if (inSpanish) {
			if ('excerptTranslation' in entry)
				gap([id, 'excerptTranslation'], 'the excerpt is already in Spanish: no translation');
		} else if (typeof translation === 'string' && translation.trim() !== '')
			excerptTranslation = translation.trim();
		else
			gap(
				[id, 'excerptTranslation'],
				'excerptTranslation' in entry
					? 'no Spanish text'
					: 'missing (or say excerptInSpanish: true if the excerpt is in Spanish)'
			);
		if (texts.title && texts.summary && texts.checked)
			translations.set(id, {
				title: texts.title,
				summary: texts.summary,
				checked: texts.checked,
				excerptTranslation,
				excerptInSpanish: inSpanish
			});
	}
	return { value: translations, errors, editorial };
}

/**
 * The sources and the packet as a Spanish reader gets them (translatedContent): every English text kept, each
 * translated paragraph carrying its Spanish, each packet document its Spanish texts; a gap stays English alone.
 */
export function translatedSources(
	content: Pick<Content, 'sources' | 'documents'>,
	translations: Pick<Translations, 'sources' | 'packet'>
): Pick<Content, 'sources' | 'documents'> {
	const sources = new Map(
		[...content.sources].map(([id, source]): [string, SourceDocument] => {
			const spanish = translations.sources?.get(id);
			if (!spanish) return [id, source];
			const blocks = source.blocks.map((block) => {
				const translation = spanish.get(block.id);
				return translation ? { ...block, translation } : block;
			});
			const paragraphs = new Map(blocks.filter((b) => b.kind === 'body').map((b) => [b.id, b]));
			return [id, { ...source, blocks, paragraphs }];
		})
	);
	const documents = new Map(
		[...content.documents].map(([id, document]): [string, PacketDocument] => {
			const spanish = translations.packet?.get(id);
			return [id, spanish ? { ...document, spanish } : document];
		})
	);
	return { sources, documents };
}
