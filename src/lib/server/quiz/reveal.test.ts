import { describe, expect, it } from 'vitest';
import { content } from '../../../../tests/fixtures/content';
import { resolveEvidence } from './reveal';

const evidenceOf = (questionId: string) => {
	const found = content.questions.get(questionId);
	if (!found) throw new Error(`no question ${questionId}`);
	const lesson = content.lessons.get(found.lessonSlug);
	return resolveEvidence(found.question.evidence, lesson?.sourceId ?? '', content);
};

describe('resolveEvidence', () => {
	it('shows two quotes from one paragraph as one passage, from the first to the end of the last', () => {
		const paragraphs = evidenceOf('l2-denial-meaning').filter((item) => item.kind === 'paragraph');
		expect(paragraphs.map((item) => item.paragraph)).toEqual(['p06']);
		const [p06] = paragraphs;
		expect(p06?.kind === 'paragraph' && p06.quoted).toMatch(/^We categorically deny that American/);
		expect(p06?.kind === 'paragraph' && p06.quoted).toMatch(
			/yet to issue a statement confirming or denying the report\.$/
		);
	});

	it('shows no paragraph twice in any question of the module', () => {
		const repeated = [...content.questions.keys()].filter((id) => {
			const shown = evidenceOf(id).flatMap((item) =>
				item.kind === 'paragraph' ? [item.paragraph] : []
			);
			return new Set(shown).size !== shown.length;
		});
		expect(repeated).toEqual([]);
	});
});
