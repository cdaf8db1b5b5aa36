import { localHref, m } from '$lib/i18n';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { showDate } from '../../dates';
import { requireUser } from '../auth/guards';
import { currentLearner } from '../auth/learner';
import { canAttempt, practiceOpen } from '../classes/quiz-policy';
import { getContent } from '../content';
import type { LessonContent } from '../content/build';
import { getDatabase } from '../db';
import { readForm } from '../request';
import {
	draftAnswers,
	gradeQuiz,
	quizQuestions,
	recordQuizAttempt,
	type QuizFailure
} from './answers';
import { loadQuizDraft, saveQuizDraft } from './drafts';
import {
	assignedQuiz,
	attemptVisibility,
	practiceClosedMessage,
	quizCard,
	startAssignedQuiz,
	submitAssignedQuiz,
	type AttemptVisibility
} from './assigned';
import { latestPracticeAnswers, quizAttemptReview, quizAttempts } from './own-answers';
import { questionItem, questionStates, type QuestionState } from './pages';
import { readerTimeZone } from '../time-zones';

type SlugEvent = RequestEvent<{ slug: string }>;

function lessonOf(slug: string): LessonContent {
	const lesson = getContent().lessons.get(slug);
	if (!lesson) error(404, m.lesson_not_found());
	return lesson;
}

/** An attempt's score as the student may see it now: null while the policy holds it back. */
function shownScore(
	attempt: { earned: number; possible: number; pendingReview: number; unanswered: number },
	visibility: AttemptVisibility | undefined
) {
	if (visibility && !visibility.score) return null;
	const { earned, possible, pendingReview, unanswered } = attempt;
	return { earned, possible, pendingReview, unanswered };
}

/**
 * The quiz page: practice (feedback per question) or the quiz. An assigned quiz opens with its card and
 * shows its questions once an attempt is open; practice on its questions is closed while policy says so.
 */
export async function loadQuizPage(event: Pick<SlugEvent, 'params' | 'url' | 'locals'>) {
	const content = getContent();
	const lesson = lessonOf(event.params.slug);
	const mode = event.url.searchParams.get('mode') === 'quiz' ? 'quiz' : 'practice';
	const user = event.locals.user;
	const questions = quizQuestions(lesson);
	const db = await getDatabase();
	const now = new Date();
	const zone = await readerTimeZone(db, user);
	const key = user && { userId: user.id, lessonSlug: lesson.slug };
	const quiz = key ? await assignedQuiz(db.read, db.tables, key) : null;
	const practiceClosed =
		quiz && !practiceOpen(quiz.assignment.policy, quiz.submitted, now)
			? practiceClosedMessage(quiz, now)
			: null;
	let states: Record<string, QuestionState> = {};
	if (mode === 'practice' && !practiceClosed) {
		// earlier practice answers come with their reveal, so only while practice is open
		const answered = key
			? await latestPracticeAnswers(db, content, key.userId, lesson, lesson.quizIds, zone)
			: {};
		states = questionStates(questions, answered);
	} else if (mode === 'quiz' && (!quiz || quiz.open)) {
		// the answers given so far come back from the draft, wherever the student left the page
		const draft = key ? await loadQuizDraft(db, lesson, key) : {};
		states = questionStates(
			questions,
			Object.fromEntries(Object.entries(draft).map(([id, answer]) => [id, { answer }]))
		);
	}
	const attempts = key ? await quizAttempts(db, key.userId, lesson.slug, content) : [];
	const visibility = key
		? await attemptVisibility(db.read, db.tables, key.userId, attempts, now)
		: new Map<string, AttemptVisibility>();
	return {
		lesson: { slug: lesson.slug, title: lesson.title },
		mode,
		questionIds: Object.keys(states).length > 0 ? questions.map((q) => q.id) : [],
		questions: states,
		assigned: quiz ? quizCard(quiz, now) : null,
		practiceClosed,
		attempts: attempts.map((attempt) => ({
			id: attempt.id,
			submitted: showDate(attempt.submittedAt, zone, 'dateTime'),
			overTime: attempt.overTime,
			score: shownScore(attempt, visibility.get(attempt.id))
		})),
		hasAccount: user !== null && !user.isGuest,
		/** a signed-in student or a guest with a record: their answers can be kept as a draft */
		hasLearner: user !== null
	};
}

/** `?/start`: opens an attempt at the student's assigned quiz (its clock starts), or continues the open one. */
export async function startQuizAction(event: SlugEvent) {
	const user = requireUser(event);
	const lesson = lessonOf(event.params.slug);
	await readForm(event.request);
	const started = await startAssignedQuiz(
		await getDatabase(),
		{ userId: user.id, lessonSlug: lesson.slug },
		new Date()
	);
	if (!started.ok) return fail(started.status, { startError: { message: started.message } });
	redirect(303, localHref(`/lessons/${lesson.slug}/quiz?mode=quiz#quiz-questions`));
}

/**
 * `?/submit`: an assigned quiz submits the student's open attempt (see submitAssignedQuiz); any other is
 * the free quiz, every question answered and submitted once.
 */
export async function submitQuizAction(event: SlugEvent) {
	const form = await readForm(event.request);
	const content = getContent();
	const lesson = lessonOf(event.params.slug);
	const db = await getDatabase();
	const user = event.locals.user;
	const refuse = async (failure: QuizFailure) => {
		const answers = Object.fromEntries(
			Object.entries(failure.answers).map(([id, answer]) => [id, { answer }])
		);
		// a refused submission keeps what was valid, so a student without JavaScript who leaves loses nothing
		if (user && failure.status === 400)
			await saveQuizDraft(
				db,
				{ userId: user.id, lessonSlug: lesson.slug },
				failure.answers,
				new Date()
			);
		return fail(failure.status, {
			quizError: { message: failure.message, problems: failure.problems },
			quizStates: questionStates(quizQuestions(lesson), answers)
		});
	};
	if (user) {
		const assigned = await submitAssignedQuiz(
			db,
			content,
			{ userId: user.id, lessonSlug: lesson.slug, form },
			new Date()
		);
		if (assigned && !assigned.ok) return refuse(assigned);
		if (assigned)
			redirect(303, localHref(`/lessons/${lesson.slug}/quiz/attempts/${assigned.attemptId}`));
	}
	// graded once, before anyone is created: an incomplete quiz makes no guest record
	const quiz = gradeQuiz(content, { lessonSlug: lesson.slug, form });
	if (!quiz.ok) return refuse(quiz);
	// a visitor's complete quiz is kept in a guest record
	const learner = await currentLearner(db, event);
	const attemptId = await recordQuizAttempt(db, lesson, learner.id, quiz.graded, new Date());
	redirect(303, localHref(`/lessons/${lesson.slug}/quiz/attempts/${attemptId}`));
}

/**
 * `?/draft`: keeps the valid answers of the quiz form as the student's draft, so leaving the page loses
 * nothing (sent on every change with JavaScript; the "Save my answers" button without it). A visitor with no
 * record yet is told their answers are kept once they submit; an assigned quiz must be started first.
 */
export async function saveDraftAction(event: SlugEvent) {
	const form = await readForm(event.request);
	const lesson = lessonOf(event.params.slug);
	const questions = quizQuestions(lesson);
	const answers = draftAnswers(lesson, form);
	const quizStates = questionStates(
		questions,
		Object.fromEntries(Object.entries(answers).map(([id, answer]) => [id, { answer }]))
	);
	const user = event.locals.user;
	if (!user)
		return fail(401, {
			draftError: m.quiz_draft_sign_in(),
			quizStates
		});
	const db = await getDatabase();
	const key = { userId: user.id, lessonSlug: lesson.slug };
	const quiz = await assignedQuiz(db.read, db.tables, key);
	if (quiz && !quiz.open)
		return fail(409, {
			draftError: m.quiz_draft_not_open(),
			quizStates
		});
	await saveQuizDraft(db, key, answers, new Date());
	const saved = Object.keys(answers).length;
	return { draftSaved: { count: saved, of: questions.length }, quizStates };
}

/**
 * A submitted attempt's review, as its policy lets the student see it now: their own answers always; right
 * answers, explanations, evidence and marks only once the answers are out; the score only once it is.
 */
export async function loadAttemptReview(
	event: Pick<RequestEvent<{ slug: string; attemptId: string }>, 'params' | 'url' | 'locals'>
) {
	const user = requireUser(event);
	const content = getContent();
	const lesson = lessonOf(event.params.slug);
	const db = await getDatabase();
	const now = new Date();
	const zone = await readerTimeZone(db, user);
	const review = await quizAttemptReview(
		db,
		content,
		user.id,
		lesson.slug,
		event.params.attemptId,
		zone
	);
	// someone else's attempt looks exactly like a missing one
	if (!review) error(404, m.quiz_attempt_not_found());
	const attempt = (await quizAttempts(db, user.id, lesson.slug, content)).find(
		(a) => a.id === review.attempt.id
	);
	if (!attempt) error(404, m.quiz_attempt_not_found());
	const visibility = (await attemptVisibility(db.read, db.tables, user.id, [attempt], now)).get(
		attempt.id
	);
	const showAnswers = visibility?.answers ?? true;
	// a timed attempt submitted when time ran out lists its unanswered questions too
	const shownIds = lesson.questions
		.map((q) => q.id)
		.filter(
			(id) => review.answered[id] || (attempt.deadlineAt !== null && lesson.quizIds.includes(id))
		);
	const questions = Object.fromEntries(
		lesson.questions
			.filter((q) => shownIds.includes(q.id))
			.map((question): [string, QuestionState] => {
				const done = review.answered[question.id];
				return [
					question.id,
					{
						item: questionItem(question, done?.answer),
						reveal: showAnswers ? (done?.reveal ?? null) : null
					}
				];
			})
	);
	// a written answer's score and comment from the teacher are theirs to see with the score, not the key
	const teacherGrades =
		showAnswers || !(visibility?.score ?? true)
			? {}
			: Object.fromEntries(
					shownIds.flatMap((id) => {
						const grade = review.answered[id]?.reveal.teacherGrade;
						return grade ? [[id, grade]] : [];
					})
				);
	const quiz = await assignedQuiz(db.read, db.tables, { userId: user.id, lessonSlug: lesson.slug });
	const mayTakeAgain =
		!quiz || quiz.open !== null || canAttempt(quiz.assignment.policy, quiz.submitted, now).ok;
	return {
		lesson: { slug: lesson.slug, title: lesson.title },
		attempt: {
			submitted: showDate(attempt.submittedAt, zone, 'dateTime'),
			overTime: attempt.overTime,
			score: shownScore(attempt, visibility)
		},
		answersWhen: showAnswers ? null : (visibility?.answersWhen ?? null),
		questionIds: shownIds,
		questions,
		teacherGrades,
		mayTakeAgain
	};
}
