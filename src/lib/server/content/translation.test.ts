import { describe, expect, it } from 'vitest';
import { buildContent } from './build';
import {
	bankYaml,
	lessonFiles,
	sampleFactsFile,
	sampleSourceFile,
	singleChoiceYaml
} from './sample-files';
import { lessonOutlineGaps, textSkeleton, translationGaps } from './translation';
import { readYaml } from './yaml-file';

const english = {
	objectives: { read: 'Students can read closely.' },
	questions: {
		q: {
			prompt: 'How many out of 10 expected no justice?',
			options: {
				a: { text: 'Seven' },
				b: { text: 'Nine', feedback: 'Nine is the trust figure, not this poll.' },
				c: { text: 'Three', feedback: 'Three is the other way round.' }
			},
			explanation: 'p02 gives seven.'
		}
	}
};

const spanish = `objectives:
  read: Los estudiantes leen con atención.
questions:
  q:
    prompt: ¿Cuántos de cada 10 no esperaban justicia?
    options:
      a:
        text: Siete
      b:
        text: Nueve
        feedback: Nueve es la cifra de confianza, no esta encuesta.
      c:
        text: Tres
        feedback: Tres es al revés.
    explanation: p02 da siete.
`;

describe('textSkeleton', () => {
	it('keeps every text a reader sees, keyed by ids, and leaves out ids, keys, scoring and evidence', () => {
		const { content } = buildContent({
			sources: [sampleSourceFile],
			facts: sampleFactsFile,
			lessons: [lessonFiles('01-sample', 'Sample', '## A\n', bankYaml([singleChoiceYaml('q')]))]
		});
		const question = content.questions.get('q')?.question;
		expect(textSkeleton(question)).toEqual(english.questions.q);
	});
});

describe('translationGaps', () => {
	const gaps = (text: string) =>
		translationGaps(english, readYaml(text, 'q.es.yaml')).map((error) => error.message);

	it('passes a translation with every text and no other key', () => {
		expect(gaps(spanish)).toEqual([]);
	});

	it('names a missing text, an empty one and a renamed id, each at its line', () => {
		const broken = spanish
			.replace('        feedback: Tres es al revés.\n', '')
			.replace('text: Siete', "text: ''")
			.replace('      b:\n', '      bb:\n');
		// a key's line is where its value starts; a missing key points at the map it belongs in
		expect(gaps(broken)).toEqual([
			'q.es.yaml:10: questions.q.options.bb: not in the English (a renamed or removed id?)',
			'q.es.yaml:8: questions.q.options.a.text: no Spanish text',
			'q.es.yaml:7: questions.q.options.b: missing',
			'q.es.yaml:13: questions.q.options.c.feedback: missing'
		]);
	});
});

describe('lessonOutlineGaps', () => {
	const lesson = [
		'---',
		'title: A',
		'---',
		'## Who says so?',
		'',
		'<Excerpt id="p03" />',
		'',
		'A <Term id="pull-quote">pull quote</Term>.',
		'',
		'<Check id="q1" />'
	].join('\n');
	const translated = lesson
		.replace('## Who says so?', '## ¿Quién lo dice?')
		.replace('pull quote</Term>', 'cita destacada</Term>');

	it('passes a translation with the same sections and components in the same order', () => {
		expect(lessonOutlineGaps(lesson, 'index.es.md', translated)).toEqual([]);
	});

	it('names a changed component at its line, and a lost section', () => {
		const changed = translated.replace('<Check id="q1" />', '<Check id="q2" />');
		expect(lessonOutlineGaps(lesson, 'index.es.md', changed).map((e) => e.message)).toEqual([
			'index.es.md:10: expected <Check q1> here, as in the English, found <Check q2>'
		]);
		const lost = translated.replace('## ¿Quién lo dice?', '¿Quién lo dice?');
		expect(lessonOutlineGaps(lesson, 'index.es.md', lost).map((e) => e.message)).toEqual([
			'index.es.md:1: has 0 ## sections, the English 1'
		]);
	});
});

describe('the content build with a Spanish translation', () => {
	it('reports a translation gap as an editorial problem: check:content fails, the app still serves', () => {
		const files = lessonFiles('01-sample', 'Sample', '## A\n', bankYaml([singleChoiceYaml('q')]));
		const built = buildContent({
			sources: [sampleSourceFile],
			facts: sampleFactsFile,
			lessons: [
				{
					...files,
					spanish: {
						bank: {
							file: 'lessons/01-sample/questions.es.yaml',
							text: spanish.replace('    explanation: p02 da siete.\n', '')
						}
					}
				}
			]
		});
		expect(built.errors).toEqual([]);
		expect(built.editorial.map((error) => error.message)).toContain(
			'lessons/01-sample/questions.es.yaml:5: questions.q.explanation: missing'
		);
	});
});

describe('a lesson read from disk without its Spanish twin', () => {
	it('is an editorial problem naming the file to write', () => {
		const files = lessonFiles('01-sample', 'Sample', '## A\n', bankYaml([singleChoiceYaml('q')]));
		const built = buildContent({
			sources: [sampleSourceFile],
			facts: sampleFactsFile,
			lessons: [{ ...files, spanish: { index: { file: 'x.es.md', text: files.index.text } } }]
		});
		expect(
			built.editorial.map((error) => error.message).filter((m) => m.includes('Spanish'))
		).toEqual([
			'lessons/01-sample/questions.yaml:1: has no Spanish translation (lessons/01-sample/questions.es.yaml)'
		]);
	});
});
