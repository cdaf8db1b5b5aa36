import { z } from 'zod';
import { questionTypes, type Question, type QuestionType } from '../../quiz/registry';
import { idSchema } from '../../quiz/schema';
import type { Fact } from './facts';
import { ContentError, normalizeForQuote, type SourceDocument } from './source';
import { readYaml, zodIssuesToErrors, type YamlFile } from './yaml-file';

const bankSchema = z.strictObject({
	/** the source document whose paragraphs the evidence cites */
	source: z.string().min(1),
	objectives: z
		.array(z.strictObject({ id: idSchema, text: z.string().trim().min(1) }))
		.min(1, 'list the learning objectives the questions serve'),
	questions: z.array(z.unknown()).min(1, 'a bank holds at least one question')
});

export type Objective = z.infer<typeof bankSchema>['objectives'][number];

export interface QuestionBank {
	file: string;
	source: string;
	objectives: Objective[];
	questions: Question[];
	/** the line each question starts on, for errors found later (duplicates across banks) */
	lines: Map<string, number>;
}

const isQuestionType = (type: unknown): type is QuestionType =>
	typeof type === 'string' && Object.hasOwn(questionTypes, type);

/** Parses one lesson's questions.yaml and checks every question against its type and its evidence. */
export function parseBank(
	text: string,
	file: string,
	sources: Map<string, SourceDocument>,
	facts: Map<string, Fact>
): { bank: QuestionBank | null; errors: ContentError[] } {
	const yaml = readYaml(text, file);
	const parsed = bankSchema.safeParse(yaml.data);
	if (!parsed.success) return { bank: null, errors: zodIssuesToErrors(yaml, parsed.error.issues) };

	const errors: ContentError[] = [];
	const source = sources.get(parsed.data.source);
	if (!source) {
		errors.push(
			new ContentError(file, yaml.lineOf(['source']), `unknown source "${parsed.data.source}"`)
		);
	}
	const objectiveIds = new Set(parsed.data.objectives.map((o) => o.id));
	const questions: Question[] = [];
	const lines = new Map<string, number>();

	parsed.data.questions.forEach((raw, index) => {
		const path = ['questions', index];
		const type = raw && typeof raw === 'object' && 'type' in raw ? raw.type : undefined;
		if (!isQuestionType(type)) {
			const known = Object.keys(questionTypes).join(', ');
			errors.push(
				new ContentError(
					file,
					yaml.lineOf([...path, 'type']),
					`${path.join('.')}.type: "${String(type)}" is not a question type (${known})`
				)
			);
			return;
		}
		const result = questionTypes[type].schema.safeParse(raw);
		if (!result.success) {
			errors.push(...zodIssuesToErrors(yaml, result.error.issues, path));
			return;
		}
		const question = result.data;
		if (lines.has(question.id)) {
			errors.push(
				new ContentError(
					file,
					yaml.lineOf([...path, 'id']),
					`duplicate question id "${question.id}"`
				)
			);
			return;
		}
		lines.set(question.id, yaml.lineOf(path));
		if (!objectiveIds.has(question.objective)) {
			errors.push(
				new ContentError(
					file,
					yaml.lineOf([...path, 'objective']),
					`objective "${question.objective}" is not in this bank's objectives`
				)
			);
		}
		if (source) errors.push(...checkEvidence(question, source, facts, yaml, path));
		questions.push(question);
	});

	return {
		bank: {
			file,
			source: parsed.data.source,
			objectives: parsed.data.objectives,
			questions,
			lines
		},
		errors
	};
}

function checkEvidence(
	question: Question,
	source: SourceDocument,
	facts: Map<string, Fact>,
	yaml: YamlFile,
	path: (string | number)[]
): ContentError[] {
	const errors: ContentError[] = [];
	question.evidence.forEach((evidence, index) => {
		const at = (key: string) => yaml.lineOf([...path, 'evidence', index, key]);
		if ('fact' in evidence) {
			if (!facts.has(evidence.fact)) {
				errors.push(
					new ContentError(yaml.file, at('fact'), `unknown fact-sheet entry "${evidence.fact}"`)
				);
			}
			return;
		}
		const paragraph = source.paragraphs.get(evidence.paragraph);
		if (!paragraph) {
			const block = source.blocks.find((b) => b.id === evidence.paragraph);
			const message = block
				? `"${block.id}" is ${block.kind === 'pull-quote' ? 'a pull quote' : block.kind === 'chrome' ? 'site chrome' : 'a heading'}, not article text: cite the body paragraph instead`
				: `"${evidence.paragraph}" is not a paragraph of ${source.id}`;
			errors.push(new ContentError(yaml.file, at('paragraph'), message));
			return;
		}
		if (
			evidence.quote &&
			!normalizeForQuote(paragraph.text).includes(normalizeForQuote(evidence.quote))
		) {
			errors.push(
				new ContentError(
					yaml.file,
					at('quote'),
					`the quote is not verbatim in ${paragraph.id}: "${evidence.quote}"`
				)
			);
		}
	});
	return errors;
}
