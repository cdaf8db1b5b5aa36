import { describe, expect, it } from 'vitest';
import { getContent } from '.';
import { buildContent, type TextFile } from './build';
import { readContentFiles } from './content-files';
import { checkModuleTranslation, moduleTextSkeleton, translatedModule } from './module-translation';
import { lessonFiles, sampleFactsFile, sampleSourceFile } from './sample-files';

// A small module.yaml and its Spanish twin; the sample lesson's slug is "sample".
const englishModule: TextFile = {
	file: 'lessons/module.yaml',
	text: `title: Security cooperation
compellingQuestion: Should the US keep helping?
introduction: One article, weighed.
outcomes:
  - Students can source an article.
  - Students can check a claim.
supportingQuestions:
  - Who is behind it?
timeline:
  - date: '2014-07-11'
    label: A Marshal is wounded; unnamed sources allege a gunfight.
    paragraphs: [p01]
    status: alleged
  - date: '2014-11-21'
    label: The Journal publishes its report.
    facts: [B1]
    status: confirmed
teacherGuide:
  overview: Plan on one period.
  standards:
    - framework: CCSS
      code: RH.9-10.8
      wording: Assess the extent to which the reasoning and evidence in a text support the author's claims.
      where: The article's unsourced figures.
  accommodations:
    - Give struggling readers the adapted article.
  lessons:
    - slug: sample
      discussionPrompts:
        - Who says so?
      teachingNotes:
        - Keep what is alleged alleged.
`
};

const spanishText = `title: Cooperación en seguridad
compellingQuestion: ¿Debe Estados Unidos seguir ayudando?
introduction: Un artículo, evaluado.
outcomes:
  - Puedes analizar la fuente de un artículo.
  - Puedes comprobar una afirmación.
supportingQuestions:
  - ¿Quién está detrás?
timeline:
  - date: '2014-07-11'
    label: Un alguacil estadounidense resulta herido; fuentes anónimas afirman que hubo un tiroteo.
  - date: '2014-11-21'
    label: The Wall Street Journal publica su reportaje.
teacherGuide:
  overview: Planea un periodo.
  standards:
    - code: RH.9-10.8
      wording: “Assess the extent to which the reasoning and evidence in a text support the author's claims.” (‘Evaluar en qué medida el razonamiento y la evidencia de un texto apoyan las afirmaciones del autor.’)
      where: Las cifras sin fuente del artículo.
  accommodations:
    - Dales el artículo adaptado a quienes tienen dificultades de lectura.
  lessons:
    - slug: sample
      discussionPrompts:
        - ¿Quién lo dice?
      teachingNotes:
        - Mantén como acusación lo que es una acusación.
`;

const spanishModule = (text: string): TextFile => ({ file: 'lessons/module.es.yaml', text });

const build = (spanish?: TextFile) =>
	buildContent({
		sources: [
			{
				...sampleSourceFile,
				text: sampleSourceFile.text.replace('id: sample', 'id: truthout-2014')
			}
		],
		facts: sampleFactsFile,
		lessons: [lessonFiles('01-sample', 'Sample', '## A\n')],
		module: englishModule,
		moduleSpanish: spanish
	});

const messages = (spanish: string) => build(spanishModule(spanish)).editorial.map((e) => e.message);

describe('moduleTextSkeleton', () => {
	it('keeps every text of the module, its plain lists too, with the anchors, and leaves out paragraphs, facts, statuses and sources', () => {
		const module = build().content.module;
		expect(module).not.toBeNull();
		if (!module) return;
		const skeleton = moduleTextSkeleton(module);
		expect(skeleton).toMatchObject({
			outcomes: ['Students can source an article.', 'Students can check a claim.'],
			timeline: [
				{ date: '2014-07-11', label: 'A Marshal is wounded; unnamed sources allege a gunfight.' },
				{ date: '2014-11-21', label: 'The Journal publishes its report.' }
			],
			teacherGuide: {
				lessons: [{ slug: 'sample', teachingNotes: ['Keep what is alleged alleged.'] }]
			}
		});
		expect(JSON.stringify(skeleton)).not.toMatch(/"(paragraphs|facts|status|framework|sources)"/);
	});
});

describe('the Spanish module in the content build', () => {
	it('passes a complete translation', () => {
		const built = build(spanishModule(spanishText));
		expect(built.errors.map((e) => e.message)).toEqual([]);
		expect(built.editorial.map((e) => e.message)).toEqual([]);
	});

	it('reports a missing, an extra and an empty entry, and a shifted anchor, each at its line (editorial, not errors)', () => {
		const broken = spanishText
			// missing: the second outcome (line 6)
			.replace('  - Puedes comprobar una afirmación.\n', '')
			// extra: a key module.yaml does not have (line 13 once the outcome is gone)
			.replace(
				'    label: The Wall Street Journal publica su reportaje.\n',
				'    label: The Wall Street Journal publica su reportaje.\n    status: confirmado\n'
			)
			// empty: the overview (line 15)
			.replace('  overview: Planea un periodo.', "  overview: ''")
			// an anchor that is not the English one (line 23)
			.replace('    - slug: sample', '    - slug: other');
		const built = build(spanishModule(broken));
		expect(built.errors).toEqual([]);
		expect(built.editorial.map((e) => e.message)).toEqual([
			'lessons/module.es.yaml:5: outcomes: expected a list of 2',
			'lessons/module.es.yaml:13: timeline.1.status: not in the English (a renamed or removed id?)',
			'lessons/module.es.yaml:15: teacherGuide.overview: no Spanish text',
			'lessons/module.es.yaml:23: teacherGuide.lessons.0.slug: "other" here, "sample" in the English (keep the English order)'
		]);
	});

	it('reports a missing text and a missing section at the line of the map they belong in', () => {
		const broken = spanishText
			.replace('introduction: Un artículo, evaluado.\n', '')
			.replace('      where: Las cifras sin fuente del artículo.\n', '');
		expect(messages(broken)).toEqual([
			'lessons/module.es.yaml:1: introduction: missing',
			'lessons/module.es.yaml:16: teacherGuide.standards.0.where: missing'
		]);
	});

	it('asks for module.es.yaml when a reader from disk finds none, and reports a file that is not YAML as an error', () => {
		expect(build(undefined).editorial.map((e) => e.message)).toEqual([
			'lessons/module.yaml:1: has no Spanish translation (lessons/module.es.yaml)'
		]);
		const notYaml = build(spanishModule('title: [unclosed\n'));
		expect(notYaml.errors.map((e) => e.message)).toEqual([
			expect.stringMatching(/^lessons\/module\.es\.yaml:\d+: YAML: /)
		]);
	});
});

describe('translatedModule', () => {
	const { content } = build();
	const english = content.module;
	if (!english) throw new Error('the sample module did not build');
	const spanish = checkModuleTranslation(english, englishModule, spanishModule(spanishText)).texts;

	it('lays every Spanish text over the module and keeps dates, paragraphs, facts, statuses and codes', () => {
		const module = translatedModule(english, spanish);
		expect(module.title).toBe('Cooperación en seguridad');
		expect(module.outcomes).toEqual([
			'Puedes analizar la fuente de un artículo.',
			'Puedes comprobar una afirmación.'
		]);
		expect(
			module.timeline.map(({ date, paragraphs, facts, status }) => ({
				date,
				paragraphs,
				facts,
				status
			}))
		).toEqual(
			english.timeline.map(({ date, paragraphs, facts, status }) => ({
				date,
				paragraphs,
				facts,
				status
			}))
		);
		expect(module.timeline[0]?.label).toContain('fuentes anónimas afirman');
		expect(module.teacherGuide.standards?.[0]).toMatchObject({
			framework: 'CCSS',
			code: 'RH.9-10.8',
			where: 'Las cifras sin fuente del artículo.'
		});
		expect(module.teacherGuide.lessons[0]?.slug).toBe('sample');
	});

	it('keeps the English where a text is missing or empty, or an anchor differs', () => {
		const partial = spanishText
			.replace("  - date: '2014-07-11'", "  - date: '2014-07-12'")
			.replace('  overview: Planea un periodo.', "  overview: ''")
			.replace('introduction: Un artículo, evaluado.\n', '');
		const texts = checkModuleTranslation(english, englishModule, spanishModule(partial)).texts;
		const module = translatedModule(english, texts);
		expect(module.timeline[0]?.label).toBe(english.timeline[0]?.label);
		expect(module.timeline[1]?.label).toBe('The Wall Street Journal publica su reportaje.');
		expect(module.teacherGuide.overview).toBe('Plan on one period.');
		expect(module.introduction).toBe('One article, weighed.');
		expect(module.title).toBe('Cooperación en seguridad');
	});
});

describe('the real lessons/module.es.yaml', () => {
	it('mirrors module.yaml: nothing missing, extra, empty or out of order', () => {
		const built = buildContent(readContentFiles());
		expect(
			[...built.errors, ...built.editorial]
				.map((e) => e.message)
				.filter((m) => m.includes('module'))
		).toEqual([]);
		expect(built.translations.module).toBeTypeOf('object');
	});

	it("is what getContent('es').module serves: Spanish texts, the same ids, dates, paragraphs, facts and statuses", () => {
		const english = getContent('en').module;
		const spanish = getContent('es').module;
		if (!english || !spanish) throw new Error('no module');
		expect(spanish.title).toBe(
			'Cooperación en seguridad entre Estados Unidos y México, corrupción y rendición de cuentas'
		);
		expect(english.title).toBe('US–Mexico security cooperation, corruption and accountability');
		const shape = (module: typeof english) => ({
			timeline: module.timeline.map(({ date, paragraphs, facts, status }) => ({
				date,
				paragraphs,
				facts,
				status
			})),
			standards: module.teacherGuide.standards?.map(({ framework, code }) => ({ framework, code })),
			background: module.teacherGuide.background?.map(({ sources }) => sources),
			lessons: module.teacherGuide.lessons.map(({ slug }) => slug)
		});
		expect(shape(spanish)).toEqual(shape(english));
		// every text is translated: none is the English one
		spanish.timeline.forEach((event, i) =>
			expect(event.label).not.toBe(english.timeline[i]?.label)
		);
		spanish.teacherGuide.lessons.forEach((lesson, i) =>
			expect(lesson.teachingNotes[0]).not.toBe(english.teacherGuide.lessons[i]?.teachingNotes[0])
		);
		expect(spanish.teacherGuide.overview).toMatch(/^Planea ocho periodos de clase/);
		// a hedge stays as strong as in the English: the alleged events still say who alleges
		expect(spanish.timeline.find((e) => e.date === '2014-07-11')?.label).toContain(
			'fuentes anónimas'
		);
		expect(spanish.timeline.find((e) => e.date === '2019-12-09')?.label).toContain(
			'un arresto no es una condena'
		);
	});
});
