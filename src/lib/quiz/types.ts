/**
 * The question family, named as in Khan Academy's Perseus:
 * - `<Type>Question` is answerful: it lives only on the server (question banks, scoring).
 * - `<Type>PublicQuestion` is the answerless projection pages receive before a student submits.
 * - `<Type>Answer` is what a student submitted, after validation.
 * Nothing here imports Svelte, $app, $env or the database.
 */

export const bloomLevels = [
	'remember',
	'understand',
	'apply',
	'analyze',
	'evaluate',
	'create'
] as const;
export type BloomLevel = (typeof bloomLevels)[number];

/** A body paragraph of a source (p01…p35), optionally with a span quoted verbatim from it. */
export interface ParagraphEvidence {
	paragraph: string;
	quote?: string;
}
/** A fact-sheet entry (B1…B25) for what other sources say. */
export interface FactEvidence {
	fact: string;
}
export type Evidence = ParagraphEvidence | FactEvidence;

/** Fields every question has, whatever its type. */
export interface QuestionBase {
	/** stable across edits: responses and review cards refer to it */
	id: string;
	prompt: string;
	/** the learning objective it serves (an id from the lesson's objectives) */
	objective: string;
	bloom: BloomLevel;
	/** why the answer is right; shown only after submission */
	explanation: string;
	evidence: Evidence[];
	/** minutes this question takes, when the type's usual time is wrong for it */
	minutes?: number;
}

/** What every public projection keeps: never the explanation, evidence or any key. */
export interface PublicQuestionBase {
	id: string;
	prompt: string;
	objective: string;
	bloom: BloomLevel;
}

export interface Choice {
	id: string;
	text: string;
}

/** The result of scoring one answer. Points are 0…possible; partial credit is a fraction of possible. */
export type Score =
	| {
			status: 'scored';
			earned: number;
			possible: number;
			/** full marks */
			correct: boolean;
			/** feedback for what the student chose that was wrong (the misconception each reveals) */
			feedback: string[];
			/** the right answer, in words a student reads after submitting */
			correctAnswer: string;
	  }
	| {
			/** written answers wait for a teacher; the student sees the model answer and rubric now */
			status: 'pending-review';
			possible: number;
			modelAnswer: string;
			rubric: RubricLevel[];
	  };

/** One level of a written-response rubric, lowest first. */
export interface RubricLevel {
	level: number;
	label: string;
	description: string;
}

export type Validation<A> =
	| { ok: true; answer: A }
	/** `unanswered` is not wrong: the student has not answered yet */
	| { ok: false; reason: 'unanswered' | 'malformed'; message: string };

/** One bar of a question's response chart: an option students could pick, or how well answers scored. */
export interface ResponseClass {
	id: string;
	label: string;
	/** a right option, or full marks */
	correct: boolean;
}
