/**
 * Item analysis for a class dashboard, as Moodle defines it
 * (question/classes/statistics/questions/calculator.php): for question i, x is a student's score on i
 * (0…1 of its marks) and y, the rest of the test, is their total on the lesson's other questions.
 */

/** One student's first answer to each question of a lesson: question id → score 0…1; absent = not answered. */
export interface StudentScores {
	studentId: string;
	scores: Map<string, number>;
}

export interface ItemStatistics {
	questionId: string;
	/** how many students answered it */
	responses: number;
	/** 0…100: the share of its marks the class earned; null when nobody answered */
	facility: number | null;
	/** of the item scores (0…1); null for fewer than two responses */
	sd: number | null;
	/** −100…100: Pearson r × 100 of the item score against the rest of the test; null when undefined */
	discrimination: number | null;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const mean = (values: number[]) => sum(values) / values.length;

// all-equal is tested exactly: a float variance of equal values can come out as 1e-35 rather than 0
const isConstant = (values: number[]) => values.every((value) => value === values[0]);

/** Σ(a−ā)(b−b̄)/(s−1); the sample variance when a and b are the same list. */
function sampleCovariance(a: number[], b: number[]): number {
	const meanA = mean(a);
	const meanB = mean(b);
	return sum(a.map((value, index) => (value - meanA) * ((b[index] ?? 0) - meanB))) / (a.length - 1);
}

/** Moodle's facility index: 100 · mean score / max score. */
export function facilityIndex(scores: number[], max = 1): number | null {
	if (scores.length === 0) return null;
	return (100 * mean(scores)) / max;
}

/** Sample standard deviation, sqrt(Σ(x−x̄)²/(s−1)). */
export function standardDeviation(values: number[]): number | null {
	if (values.length < 2) return null;
	return Math.sqrt(sampleCovariance(values, values));
}

/** Moodle's discrimination index: 100 · Cov(x,y)/sqrt(Var(x)·Var(y)), each pair being one student. */
export function discriminationIndex(itemScores: number[], restScores: number[]): number | null {
	if (itemScores.length !== restScores.length) {
		throw new Error(
			`${itemScores.length} item scores but ${restScores.length} rest-of-test scores`
		);
	}
	if (itemScores.length < 2 || isConstant(itemScores) || isConstant(restScores)) return null;
	const r =
		sampleCovariance(itemScores, restScores) /
		Math.sqrt(sampleCovariance(itemScores, itemScores) * sampleCovariance(restScores, restScores));
	// rounding can push a perfect correlation just past ±1
	return 100 * Math.min(1, Math.max(-1, r));
}

function statisticsOf(questionId: string, rows: StudentScores[], questionIds: string[]) {
	const itemScores: number[] = [];
	const restScores: number[] = [];
	for (const { scores } of rows) {
		const score = scores.get(questionId);
		if (score === undefined) continue;
		itemScores.push(score);
		const others = questionIds.filter((id) => id !== questionId);
		restScores.push(sum(others.map((id) => scores.get(id) ?? 0)));
	}
	return {
		questionId,
		responses: itemScores.length,
		facility: facilityIndex(itemScores),
		sd: standardDeviation(itemScores),
		discrimination: discriminationIndex(itemScores, restScores)
	};
}

/** Per question, over the students who answered it; unanswered questions add nothing to anyone's rest of test. */
export function itemStatistics(rows: StudentScores[], questionIds: string[]): ItemStatistics[] {
	return questionIds.map((questionId) => statisticsOf(questionId, rows, questionIds));
}
