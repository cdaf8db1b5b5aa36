import { z } from 'zod';
import { m } from '../../paraglide/messages';
import type { PacketDocumentView } from '../../content/packet';
import { formatPartialDate } from '../../content/partial-date';
import { ContentError } from './source';
import type { PacketTranslation } from './source-translation';
import { readYaml, zodIssuesToErrors } from './yaml-file';

const text = z.string().trim().min(1);

/** The kinds of document, each with its label in the reader's language (called at request time). */
export const documentKinds = {
	'news-report': () => m.packet_kind_news_report(),
	'official-statement': () => m.packet_kind_official_statement(),
	letter: () => m.packet_kind_letter(),
	'government-report': () => m.packet_kind_government_report(),
	'press-release': () => m.packet_kind_press_release(),
	'court-record': () => m.packet_kind_court_record(),
	'commission-report': () => m.packet_kind_commission_report(),
	poll: () => m.packet_kind_poll(),
	biography: () => m.packet_kind_biography()
} as const;

const packetSchema = z.array(
	z.strictObject({
		id: z.string().regex(/^D\d{1,2}$/, 'packet document ids look like D4'),
		title: text,
		publisher: text,
		author: text.optional(),
		date: z
			.string()
			.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "dates look like '2014', '2014-11' or '2014-11-21'"),
		/** the original publisher's page, never a repost */
		url: z.url(),
		kind: z.enum(Object.keys(documentKinds) as [keyof typeof documentKinds]),
		/** verbatim from the original, only where the wording was checked */
		excerpt: text.optional(),
		/** our own words */
		summary: text,
		/** how the wording or the facts were checked, or that they could not be from here */
		checked: text,
		facts: z.array(z.string().regex(/^B\d{1,2}$/, 'fact-sheet entries look like B5')).default([])
	})
);

export type PacketDocument = z.infer<typeof packetSchema>[number] & {
	/** Spanish beside the original (Spanish content only: localize.ts) */
	spanish?: PacketTranslation;
};

/** The document packet (lessons/sources/packet.yaml): originals students read laterally. */
export function parsePacket(
	text: string,
	file: string,
	factIds: Set<string>
): { documents: Map<string, PacketDocument>; errors: ContentError[] } {
	const yaml = readYaml(text, file);
	const parsed = packetSchema.safeParse(yaml.data);
	if (!parsed.success)
		return { documents: new Map(), errors: zodIssuesToErrors(yaml, parsed.error.issues) };
	const errors: ContentError[] = [];
	const documents = new Map<string, PacketDocument>();
	parsed.data.forEach((document, index) => {
		if (documents.has(document.id))
			errors.push(
				new ContentError(file, yaml.lineOf([index, 'id']), `duplicate document "${document.id}"`)
			);
		document.facts.forEach((fact, factIndex) => {
			if (!factIds.has(fact))
				errors.push(
					new ContentError(
						file,
						yaml.lineOf([index, 'facts', factIndex]),
						`unknown fact-sheet entry "${fact}"`
					)
				);
		});
		documents.set(document.id, document);
	});
	return { documents, errors };
}

/**
 * What a page shows of a document; the citation reads publisher, author, date. In Spanish content the title,
 * summary and check are Spanish, the original title is kept beside it, and the excerpt stays in its own
 * language with our translation beside it when that is not Spanish.
 */
export function packetDocumentView(document: PacketDocument): PacketDocumentView {
	const spanish = document.spanish;
	return {
		id: document.id,
		title: spanish?.title ?? document.title,
		citation: [document.publisher, document.author, formatPartialDate(document.date)]
			.filter(Boolean)
			.join(' · '),
		date: document.date,
		url: document.url,
		kindLabel: documentKinds[document.kind](),
		excerpt: document.excerpt ?? null,
		summary: spanish?.summary ?? document.summary,
		checked: spanish?.checked ?? document.checked,
		...(spanish && {
			originalTitle: document.title,
			excerptLang: document.excerpt ? (spanish.excerptInSpanish ? 'es' : 'en') : null,
			excerptTranslation: spanish.excerptTranslation
		})
	};
}
