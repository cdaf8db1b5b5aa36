import { describe, expect, it } from 'vitest';
import { repostLinks } from './editorial';
import { packetDocumentView } from './packet';
import {
	sampleFactsFile,
	sampleSourceFile,
	bankYaml,
	lessonFiles,
	trueFalseYaml
} from './sample-files';
import { buildContent, type TextFile } from './build';

const build = (lesson: ReturnType<typeof lessonFiles>, packet?: TextFile) =>
	buildContent({ sources: [sampleSourceFile], facts: sampleFactsFile, lessons: [lesson], packet });

const question = (id: string, bloom: string, evidence = '      - paragraph: p01\n') =>
	trueFalseYaml(id)
		.replace('bloom: understand', `bloom: ${bloom}`)
		.replace('      - paragraph: p01\n', evidence);
const reaching = ['analyze', 'evaluate', 'create'].map((bloom) => question(`q-${bloom}`, bloom));

describe('repostLinks', () => {
	it('finds a reposting site and its subdomains, at the line, and leaves look-alikes alone', () => {
		const text = [
			'sources:',
			"  - 'https://img2-azcdn.newser.com/story/198988/x.html'",
			"  - 'https://www.wsj.com/articles/x'",
			"  - 'https://notnewser.com/x'",
			'  see http://americasmexico.blogspot.com/2014/05/x.html.'
		].join('\n');
		expect(repostLinks('facts.yaml', text).map((error) => error.message)).toEqual([
			expect.stringMatching(/^facts\.yaml:2: .*newser\.com, a reposting site/),
			expect.stringMatching(/^facts\.yaml:5: .*blogspot\.com, a reposting site/)
		]);
	});
});

describe('the editorial rules of the content build', () => {
	it('passes a lesson that fits a period, reaches Create and cites the article', () => {
		const { errors, editorial } = build(
			lessonFiles('01-sample', 'Sample', '## A\n', bankYaml(reaching))
		);
		expect(errors).toEqual([]);
		expect(editorial).toEqual([]);
	});

	it('names the Bloom levels a lesson never reaches', () => {
		const { errors, editorial } = build(
			lessonFiles('01-sample', 'Sample', '## A\n', bankYaml([question('q', 'analyze')]))
		);
		expect(errors).toEqual([]);
		expect(editorial.map((error) => error.message)).toEqual([
			'lessons/01-sample/questions.yaml:1: the lesson\'s questions never reach "evaluate", "create"'
		]);
	});

	it('flags a question that cites only other sources, at its line, without stopping the server', () => {
		const bank = bankYaml([...reaching, question('q-facts', 'remember', '      - fact: B1\n')]);
		const { errors, editorial } = build(lessonFiles('01-sample', 'Sample', '## A\n', bank));
		expect(errors).toEqual([]);
		const line = bank.split('\n').indexOf('  - id: q-facts') + 1;
		expect(editorial.map((error) => error.message)).toEqual([
			`lessons/01-sample/questions.yaml:${line}: "q-facts" cites no body paragraph: cite the paragraph whose claim it tests`
		]);
	});

	it('flags a core path over 50 minutes, and not the same words inside an <Extension>', () => {
		// 7,001 words at 140 a minute is 50.01 minutes, plus three one-minute questions
		const words = 'word '.repeat(7000);
		const long = build(
			lessonFiles('01-sample', 'Sample', `## A\n\n${words}\n`, bankYaml(reaching))
		);
		expect(long.editorial.map((error) => error.message)).toEqual([
			expect.stringMatching(
				/^lessons\/01-sample\/index\.md:1: the core path takes about 54 min, over one 50-minute period/
			)
		]);
		const extended = build(
			lessonFiles(
				'01-sample',
				'Sample',
				`## A\n\n<Extension>\n\n${words}\n\n</Extension>\n`,
				bankYaml(reaching)
			)
		);
		expect(extended.editorial).toEqual([]);
		expect(extended.content.lessons.get('sample')?.extensionMinutes).toBe(50);
	});
});

describe('the document packet', () => {
	const packet = (documents: string): TextFile => ({
		file: 'lessons/sources/packet.yaml',
		text: documents
	});
	const navy = [
		'- id: D2',
		'  title: Statement on the Wall Street Journal report',
		'  publisher: Secretaría de Marina',
		"  date: '2014-11-22'",
		'  url: https://www.gob.mx/semar',
		'  kind: official-statement',
		'  summary: The Navy denies joint operations.',
		'  checked: Wording not checked from here.',
		'  facts: [B1]'
	].join('\n');

	it('shows a document a lesson places, with a citation built from its fields', () => {
		const { content, errors } = build(
			lessonFiles('01-sample', 'Sample', '## A\n\n<Document id="D2" />\n', bankYaml(reaching)),
			packet(navy)
		);
		expect(errors).toEqual([]);
		expect(content.lessons.get('sample')?.documentIds).toEqual(['D2']);
		const document = content.documents.get('D2');
		expect(document && packetDocumentView(document).citation).toBe(
			'Secretaría de Marina · Nov 22, 2014'
		);
	});

	it('refuses an unknown document, a repeated id and an unknown fact entry', () => {
		const { errors } = build(
			lessonFiles('01-sample', 'Sample', '## A\n\n<Document id="D9" />\n', bankYaml(reaching)),
			packet(`${navy}\n${navy.replace('facts: [B1]', 'facts: [B7]')}`)
		);
		expect(errors.map((error) => error.message)).toEqual([
			'lessons/sources/packet.yaml:10: duplicate document "D2"',
			'lessons/sources/packet.yaml:18: unknown fact-sheet entry "B7"',
			'lessons/01-sample/index.md:8: <Document id="D9"/> is not in packet.yaml'
		]);
	});
});
