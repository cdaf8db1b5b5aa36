// Test-only: a two-lesson module and helpers that store a class's work directly, for dashboard and export tests.
import {
	bankYaml,
	buildSampleContent,
	lessonFiles,
	singleChoiceYaml,
	trueFalseYaml,
	writtenYaml
} from '../content/sample-files';
import type { Database } from '../db/database';

export { newUser, sit, type StoredAnswer } from '../progress/test-content';

/**
 * Lesson "alpha": sections One and Two, an inline check (a-check, true), and a quiz of a single-choice
 * question (a-choice: a is right), a true-false one (a-tf: false is right) and a written one (a-written).
 * Lesson "beta": one section and a one-question quiz (b-tf: true is right).
 */
export const { content, errors } = buildSampleContent([
	lessonFiles(
		'01-alpha',
		'Alpha, the first',
		'## One\n\nText.\n\n<Check id="a-check" />\n\n## Two\n\nMore.\n',
		bankYaml([
			trueFalseYaml('a-check', { quote: '"categorically" denied' }),
			singleChoiceYaml('a-choice'),
			trueFalseYaml('a-tf', { answer: false }),
			writtenYaml('a-written')
		])
	),
	lessonFiles('02-beta', 'Beta', '## Only\n\nText.\n', bankYaml([trueFalseYaml('b-tf')]))
]);

export async function readSections(
	db: Database,
	userId: string,
	lessonSlug: string,
	sectionIds: string[],
	at: Date
) {
	await db.write((tx) =>
		tx
			.insert(db.tables.sectionReads)
			.values(sectionIds.map((sectionId) => ({ userId, lessonSlug, sectionId, readAt: at })))
	);
}
