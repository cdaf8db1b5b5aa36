import { describe, expect, it } from 'vitest';
import { buildContent } from './build';
import { readContentFiles } from './content-files';
import { translatedContent } from './localize';
import { packetDocumentView } from './packet';
import { parseSource } from './source';
import { parsePacketTranslation, parseSourceTranslation } from './source-translation';

// The article and the packet stay in their own words; a Spanish reader gets our translation beside them. A
// translation that lacks a paragraph, adds one or leaves one empty is refused at its file and line.

const files = readContentFiles();
const built = buildContent(files);
const spanish = translatedContent(built.content, built.translations);
const source = built.content.sources.get('truthout-2014');

const messages = (errors: { message: string }[]) => errors.map((error) => error.message);

describe('the real translation files', () => {
	it('pass: every body paragraph and the headline, every packet document, nothing extra', () => {
		expect(built.errors).toEqual([]);
		const ours = built.editorial.filter((error) => /lessons\/sources\//.test(error.file));
		expect(messages(ours)).toEqual([]);
		expect(built.translations.sources?.get('truthout-2014')?.size).toBe(36);
		expect([...(built.translations.packet?.keys() ?? [])]).toEqual([
			...built.content.documents.keys()
		]);
	});

	it('keep every hedge of the English paragraphs they translate', () => {
		const translated = built.translations.sources?.get('truthout-2014');
		const hedges: [RegExp, RegExp][] = [
			[/\ballegedly\b/gi, /\bsupuestamente\b/gi],
			[/\breportedly\b/gi, /\bsegún se informa\b/gi],
			[/\bis thought to\b/gi, /\bse cree que\b/gi],
			[/\bevidently\b/gi, /\bevidentemente\b/gi]
		];
		const weakened = [...(source?.paragraphs.values() ?? [])].flatMap((paragraph) =>
			hedges.flatMap(([english, es]) => {
				const want = paragraph.text.match(english)?.length ?? 0;
				const got = translated?.get(paragraph.id)?.match(es)?.length ?? 0;
				return want === got ? [] : [`${paragraph.id}: ${english.source} ${want}, Spanish ${got}`];
			})
		);
		expect(weakened).toEqual([]);
	});

	it('lay the Spanish beside the English in the Spanish content, and leave the English content alone', () => {
		const p18 = spanish.sources.get('truthout-2014')?.paragraphs.get('p18');
		expect(p18?.text).toBe(source?.paragraphs.get('p18')?.text);
		expect(p18?.translation).toMatch(/supuestamente orquestada/);
		expect(source?.paragraphs.get('p18')?.translation).toBeUndefined();
		expect(
			spanish.sources.get('truthout-2014')?.blocks.find((block) => block.id === 'h01')?.translation
		).toMatch(/^El apoyo de Estados Unidos/);
	});

	it('give the packet Spanish titles, summaries and checks, with the excerpt in its own language', () => {
		const [d1, d2] = ['D1', 'D2'].map((id) => {
			const document = spanish.documents.get(id);
			if (!document) throw new Error(`no ${id}`);
			return packetDocumentView(document);
		});
		expect(d1?.title).toMatch(/^Personal del Servicio de Alguaciles/);
		expect(d1?.originalTitle).toBe(built.content.documents.get('D1')?.title);
		expect(d1?.excerpt).toBe(built.content.documents.get('D1')?.excerpt);
		expect(d1?.excerptLang).toBe('en');
		expect(d1?.excerptTranslation).toMatch(/^Personal del Departamento de Justicia/);
		expect(d2?.excerptLang).toBe('es');
		expect(d2?.excerptTranslation).toBeNull();
		const english = built.content.documents.get('D1');
		expect(english && packetDocumentView(english)).not.toHaveProperty('excerptTranslation');
	});
});

const sampleSource = parseSource(
	[
		'---',
		'id: sample',
		"title: 'A sample'",
		'outlet: Sample',
		"published: '2014'",
		"url: 'https://example.org/a'",
		'---',
		'<!-- h01: headline -->',
		'A headline',
		'<!-- p01 -->',
		'One.',
		'<!-- p02 -->',
		'Two.',
		'<!-- p03 -->',
		'Three.'
	].join('\n'),
	'sample.md'
);

describe('parseSourceTranslation', () => {
	const check = (text: string) => parseSourceTranslation(sampleSource, 'sample.es.yaml', text);

	it('reads one Spanish text per body paragraph and the headline', () => {
		const result = check('h01: Un titular\np01: Uno.\np02: Dos.\np03: Tres.\n');
		expect(result.errors).toEqual([]);
		expect(result.editorial).toEqual([]);
		expect(result.value.get('p02')).toBe('Dos.');
	});

	it('refuses a missing, an extra and an empty paragraph, each at its line', () => {
		const result = check('h01: Un titular\np01: Uno.\np03: " "\np09: Nueve.\n');
		expect(messages(result.editorial)).toEqual([
			'sample.es.yaml:4: p09: not a body paragraph of sample',
			'sample.es.yaml:2: p02: missing',
			'sample.es.yaml:3: p03: no Spanish text'
		]);
		expect(result.value.has('p03')).toBe(false);
		expect(result.value.get('p01')).toBe('Uno.');
	});

	it('reports a file that does not parse as an error at its line, not a crash', () => {
		const result = check('h01: Un titular\np01: [Uno.\n');
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]?.message).toMatch(/^sample\.es\.yaml:\d+: YAML/);
	});
});

describe('parsePacketTranslation', () => {
	const documents = new Map(
		[...built.content.documents].filter(([id]) => id === 'D1' || id === 'D2')
	);
	const check = (text: string) => parsePacketTranslation(documents, 'packet.es.yaml', text);
	const d2 = 'D2:\n  title: T\n  summary: S\n  checked: C\n  excerptInSpanish: true\n';

	it('reads the Spanish texts, and the excerpt translation only where the excerpt is not Spanish', () => {
		const result = check(
			`D1:\n  title: T\n  summary: S\n  checked: C\n  excerptTranslation: Traducción\n${d2}`
		);
		expect(result.editorial).toEqual([]);
		expect(result.value.get('D1')?.excerptTranslation).toBe('Traducción');
		expect(result.value.get('D2')?.excerptInSpanish).toBe(true);
	});

	it('refuses a missing document, an extra one, an empty text and a missing excerpt translation', () => {
		const result = check(
			`D1:\n  title: T\n  summary: ''\n  checked: C\nD9:\n  title: T\n` // D2 missing
		);
		expect(messages(result.editorial)).toEqual([
			// a document's line is its entry's first line
			'packet.es.yaml:6: D9: not a document of packet.yaml',
			'packet.es.yaml:3: D1.summary: no Spanish text',
			'packet.es.yaml:2: D1.excerptTranslation: missing (or say excerptInSpanish: true if the excerpt is in Spanish)',
			'packet.es.yaml:1: D2: missing'
		]);
		expect(result.value.has('D1')).toBe(false);
	});

	it('refuses a translation of an excerpt that is already Spanish, and an unknown field', () => {
		const result = check(
			`D1:\n  title: T\n  summary: S\n  checked: C\n  excerptTranslation: X\n  note: N\n${d2}  excerptTranslation: Y\n`
		);
		expect(messages(result.editorial)).toEqual([
			expect.stringMatching(/^packet\.es\.yaml:6: D1\.note: unknown field/),
			'packet.es.yaml:12: D2.excerptTranslation: the excerpt is already in Spanish: no translation'
		]);
	});
});

describe('buildContent with the Spanish beside the sources', () => {
	it('flags a source or a packet without its Spanish twin, when the Spanish files are read', () => {
		const { editorial } = buildContent({ ...files, spanishSources: [], spanishPacket: undefined });
		expect(messages(editorial)).toEqual(
			expect.arrayContaining([
				'lessons/sources/truthout-2014.md:1: has no Spanish translation (lessons/sources/truthout-2014.es.yaml)',
				'lessons/sources/packet.yaml:1: has no Spanish translation (lessons/sources/packet.es.yaml)'
			])
		);
	});
});
