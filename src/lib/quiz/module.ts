import type { z } from 'zod';
import type {
	Choice,
	PublicQuestionBase,
	QuestionBase,
	ResponseClass,
	RubricLevel,
	Score,
	Validation
} from './types';

/** One line of what the projector shows under a live question's prompt, in order. */
export type ProjectorPart =
	| { kind: 'hint'; text: string }
	/** lettered: A, B, C… so the room can call out a choice; otherwise a plain list */
	| { kind: 'list'; items: Choice[]; lettered: boolean };

/** How a type's answers read to a teacher and fall into the bars of its response chart. */
export interface QuestionSummary<Q, A> {
	/** the answer in words, for a CSV cell or a grading screen */
	answerText(question: Q, answer: A): string;
	/** the chart's bars, in the order they are drawn */
	responseClasses(question: Q): ResponseClass[];
	/** the ids of the bars one answer counts in (several for a type that ticks several options) */
	classify(question: Q, answer: A, earned: number | null): string[];
}

/**
 * Everything the app knows about one question type, as in Khan Academy's Perseus widgets: each folder
 * under src/lib/quiz exports one from its index.ts, and registry.ts lists them. Nothing here imports
 * Svelte, so scripts, the server and Playwright's fixtures can load it; the student's input is the
 * folder's `Input.svelte` (see components.ts).
 */
export interface QuestionTypeModule<
	Q extends QuestionBase & { type: string },
	P extends PublicQuestionBase & { type: Q['type'] },
	A
> {
	/** the `type:` a question bank writes, and the folder's name */
	id: Q['type'];
	/** the type's name for teachers (teacher guide, question statistics) */
	label: string;
	/**
	 * A typical student's minutes for one question: reading it, answering, then the feedback and the cited
	 * paragraph (about 120 words, a minute). The lesson's time estimate adds these up.
	 */
	minutesToAnswer(question: Q): number;
	/** the answerful question as written in a bank, with its content checks */
	schema: z.ZodType<Q>;
	/** a stored answer (JSON in the database) as validate() produced it, checked against today's question */
	answerSchema(question: Q): z.ZodType<A>;
	/** an allow-list: only what a student needs to answer, never the key or feedback */
	toPublic(question: Q): P;
	/** reads the submitted form fields (see fields.ts) into an answer, or says why it cannot */
	validate(form: FormData, question: P): Validation<A>;
	score(answer: A, question: Q): Score;
	/** the key in words, as the teacher guide and the live reveal show it (a model answer if there is no key) */
	answerKeyText(question: Q): string;
	summary: QuestionSummary<Q, A>;
	/** one answer may count in several bars of the response chart (one per option ticked) */
	countsSeveralChoices: boolean;
	/** a teacher scores it with a rubric: it is not auto-scored, not asked live, and waits in the grading queue */
	gradedByTeacher: boolean;
	/** the rubric a teacher scores by; null for auto-scored types */
	rubric(question: Q): RubricLevel[] | null;
	/** every text a student may see only after submitting: the public projection must hold none */
	revealedTexts(question: Q): string[];
	/** what the projector shows under the prompt while the question is open */
	projector(question: P): ProjectorPart[];
	/**
	 * The choices a live player answers with one tap, each posted as [answerField(question.id), choice.id],
	 * lettered A, B, C… on the projector and the phone alike; null when an answer is composed and then sent.
	 */
	tapChoices(question: P): Choice[] | null;
	/** the answer as the browser posts it: [field name, value] pairs that validate() reads back */
	formEntries(answer: A, question: P): [string, string][];
	/** a right and a plausible wrong answer, for the demo data and tests */
	demoAnswers(question: Q): { right: A; wrong: A };
	/** sample questions, for tests of this type and of everything that iterates the registry */
	samples: Q[];
}
