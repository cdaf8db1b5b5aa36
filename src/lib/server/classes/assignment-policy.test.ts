import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../auth/session';
import { getContent } from '../content';
import type { Database } from '../db/database';
import { databaseFingerprint } from '../db/fingerprint';
import { describeOnEachEngine } from '../db/testing';
import { parseForm } from '../forms';
import { newUser } from '../progress/test-content';
import { runRoute, type RouteAnswer } from '../test-route';
import type { Field } from '../test-bad-input';
import { classAssignments, createAssignment } from './assignments';
import { addMember, createClass, setClassArchived } from './classes';
import { policyForm, reopenForm, workCommentForm } from './forms';
import { canReleaseAnswers, policyInWords } from './policy-text';
import { defaultPolicy } from './quiz-policy';

// The quiz settings of the assign form and the edit form, "Release answers now", and the forms of the
// drill-down page: the schemas on their own, then the routes in-process on both engines.

/** What a page load answered with, or a failed test when it answered a redirect. */
function dataOf<T>(answer: RouteAnswer): T {
	if (!('data' in answer)) throw new Error(`no data: ${JSON.stringify(answer)}`);
	return answer.data as T;
}

let current: Database | undefined;
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<typeof import('../db')>()),
	getDatabase: async () => {
		if (!current) throw new Error('no test database is open');
		return current;
	}
}));

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
};
const settings = {
	attempts: '3',
	answersShown: 'on-release',
	scoreShown: 'yes',
	timeLimit: '20',
	gradingMethod: 'last'
};

describe('the quiz-settings form', () => {
	it('reads attempts, answers, score, time limit and grading method', () => {
		expect(parseForm(policyForm, form(settings))).toEqual({
			ok: true,
			data: {
				attemptsAllowed: 3,
				answersShown: 'on-release',
				scoreShown: true,
				timeLimitMinutes: 20,
				gradingMethod: 'last'
			}
		});
	});

	it('reads "unlimited", an empty time limit and an unticked score box', () => {
		const { scoreShown: _unticked, ...rest } = settings;
		expect(
			parseForm(policyForm, form({ ...rest, attempts: 'unlimited', timeLimit: ' ' }))
		).toMatchObject({
			ok: true,
			data: { attemptsAllowed: null, scoreShown: false, timeLimitMinutes: null }
		});
	});

	it('refuses each field out of range with a message a teacher can act on', () => {
		const refused = (changes: Record<string, string>) => {
			const result = parseForm(policyForm, form({ ...settings, ...changes }));
			return result.ok ? 'accepted' : result.fieldErrors;
		};
		for (const attempts of ['0', '11', '1.5', '', 'lots', '01']) {
			expect(refused({ attempts }), attempts).toEqual({
				attempts: 'Choose from 1 to 10 attempts, or unlimited.'
			});
		}
		for (const timeLimit of ['0', '481', 'abc', '-5', '1e2', '20.5']) {
			expect(refused({ timeLimit }), timeLimit).toEqual({
				timeLimit: 'Enter a time limit from 1 to 480 minutes, or leave it empty for none.'
			});
		}
		expect(refused({ answersShown: 'later' })).toEqual({
			answersShown: 'Choose when students see the right answers and explanations.'
		});
		expect(refused({ scoreShown: 'no' })).toEqual({
			scoreShown: 'Tick “Show the score as soon as they submit” or leave it empty.'
		});
		expect(refused({ gradingMethod: 'average' })).toEqual({
			gradingMethod: 'Choose which attempt counts: the best, the first or the last.'
		});
		expect(refused({ attempts: '10', timeLimit: '480' })).toBe('accepted');
	});
});

describe('a policy in words', () => {
	const quiz = { ...defaultPolicy('quiz'), behaviour: 'quiz' as const, dueAt: null };

	it('names every choice of a quiz, and practice’s own way', () => {
		expect(policyInWords(quiz)).toEqual([
			'1 attempt',
			'Answers after the due date (there is none: release them yourself)',
			'Score shown at once',
			'No time limit'
		]);
		expect(
			policyInWords(
				{
					...quiz,
					attemptsAllowed: null,
					gradingMethod: 'first',
					answersShown: 'never',
					scoreShown: false,
					timeLimitMinutes: 45
				},
				'Mar 5, 3:30 PM'
			)
		).toEqual([
			'Unlimited attempts',
			'Counts the first attempt',
			'Answers released Mar 5, 3:30 PM',
			'Score shown with the answers',
			'45-minute limit'
		]);
		expect(policyInWords({ ...quiz, behaviour: 'practice' })).toEqual([
			'Unlimited tries',
			'Feedback and right answers after each answer'
		]);
	});

	it('offers "Release answers now" only where it changes something', () => {
		const now = new Date(Date.UTC(2026, 0, 10));
		const policy = { ...quiz, answersReleasedAt: null };
		expect(canReleaseAnswers(policy, now)).toBe(true);
		expect(canReleaseAnswers({ ...policy, answersShown: 'never' }, now)).toBe(true);
		expect(canReleaseAnswers({ ...policy, answersShown: 'immediately' }, now)).toBe(false);
		expect(canReleaseAnswers({ ...policy, answersReleasedAt: now }, now)).toBe(false);
		expect(canReleaseAnswers({ ...policy, behaviour: 'practice' }, now)).toBe(false);
		expect(canReleaseAnswers({ ...policy, dueAt: new Date(Date.UTC(2026, 0, 9)) }, now)).toBe(
			false
		);
		expect(canReleaseAnswers({ ...policy, dueAt: new Date(Date.UTC(2026, 0, 11)) }, now)).toBe(
			true
		);
	});
});

describe('the drill-down forms', () => {
	it('reads a comment trimmed, with line breaks as \\n, and keeps markup and emoji as text', () => {
		expect(parseForm(workCommentForm, form({ body: '  Good work 🙂\r\n<b>More</b> ' }))).toEqual({
			ok: true,
			data: { body: 'Good work 🙂\n<b>More</b>' }
		});
	});

	it('refuses an empty, invisible or overlong comment', () => {
		const message = (body: string) => {
			const result = parseForm(workCommentForm, form({ body }));
			return result.ok ? 'accepted' : result.message;
		};
		expect(message('   \r\n ')).toBe('Write the comment first.');
		expect(message('\u200b\u2060')).toBe('The comment has no visible characters.');
		expect(message('Nice\u202eenilno')).toBe(
			'The comment has invisible characters (such as a zero-width space). Type it again by hand.'
		);
		expect(message('Nice\u0007')).toBe(
			'The comment has invisible or control characters. Type it again by hand.'
		);
		expect(message('x'.repeat(2001))).toBe(
			'A comment can be at most 2000 characters. Shorten it and send it again.'
		);
		expect(message('x'.repeat(2000))).toBe('accepted');
	});

	it('refuses a reopen date or time that does not exist', () => {
		const result = (reopenDate: string, reopenTime: string) => {
			const parsed = parseForm(reopenForm, form({ assignmentId: 'a1', reopenDate, reopenTime }));
			return parsed.ok ? 'accepted' : parsed.fieldErrors;
		};
		expect(result('2030-02-30', '10:00')).toEqual({
			reopenDate: 'Enter a real date, like 2026-03-15.'
		});
		expect(result('2030-02-28', '24:00')).toEqual({ reopenTime: 'Enter the time like 15:30.' });
		expect(result('2030-02-28', '23:59')).toBe('accepted');
	});
});

const content = getContent();
const quizLesson = [...content.lessons.values()].find((lesson) => lesson.quizIds.length > 0)!;

describeOnEachEngine('the assignments page’s quiz settings', (getDb) => {
	let teacher: SessionUser;
	let classId = '';
	let otherClassId = '';
	beforeAll(async () => {
		const db = getDb();
		current = db;
		const teacherId = await newUser(db, 'Ms. Ruiz', 'teacher');
		teacher = {
			id: teacherId,
			username: `t-${teacherId}`,
			displayName: 'Ms. Ruiz',
			role: 'teacher',
			isGuest: false
		};
		classId = (await createClass(db, teacherId, 'Period 2')).id;
		const other = await createClass(db, await newUser(db, 'Other', 'teacher'), 'Other');
		otherClassId = other.id;
		await addMember(db, classId, await newUser(db, 'Ana'));
	});

	const post = (action: string, fields: Record<string, string>, id = classId) =>
		runRoute({
			method: 'POST',
			path: `/classes/${id}/assignments?/${action}`,
			user: teacher,
			body: { kind: 'form', fields: Object.entries(fields) as Field[] }
		});
	const load = (query = '') =>
		runRoute({ method: 'GET', path: `/classes/${classId}/assignments${query}`, user: teacher });
	const rowsOf = async (id = classId) => classAssignments(getDb(), id);

	it('stores a quiz with the settings chosen', async () => {
		const answer = await post('create', {
			lesson: quizLesson.slug,
			behaviour: 'quiz',
			dueDate: '',
			dueTime: '',
			...settings
		});
		expect(answer).toMatchObject({ status: 200, data: { created: quizLesson.title } });
		expect((await rowsOf()).at(-1)).toMatchObject({
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			attemptsAllowed: 3,
			answersShown: 'on-release',
			answersReleasedAt: null,
			scoreShown: true,
			timeLimitMinutes: 20,
			gradingMethod: 'last'
		});
	});

	it('keeps practice’s own defaults, whatever the hidden quiz settings say', async () => {
		const answer = await post('create', {
			lesson: 'module',
			behaviour: 'practice',
			dueDate: '',
			dueTime: '',
			attempts: 'lots',
			answersShown: 'never',
			timeLimit: '-1',
			gradingMethod: 'first'
		});
		expect(answer.status).toBe(200);
		expect((await rowsOf()).at(-1)).toMatchObject({
			lessonSlug: null,
			behaviour: 'practice',
			attemptsAllowed: null,
			answersShown: 'immediately',
			scoreShown: true,
			timeLimitMinutes: null,
			gradingMethod: 'best'
		});
	});

	it('refuses a quiz with bad settings: a 400 naming each, every value sent back, nothing stored', async () => {
		const before = await databaseFingerprint(getDb());
		const sent = {
			lesson: quizLesson.slug,
			behaviour: 'quiz',
			dueDate: '2030-05-01',
			dueTime: '15:30',
			attempts: '12',
			answersShown: 'on-release',
			timeLimit: '0',
			gradingMethod: 'first'
		};
		const answer = await post('create', sent);

		expect(answer).toMatchObject({
			status: 400,
			message:
				'Choose from 1 to 10 attempts, or unlimited. Enter a time limit from 1 to 480 minutes, or leave it empty for none.',
			data: {
				fieldErrors: {
					attempts: 'Choose from 1 to 10 attempts, or unlimited.',
					timeLimit: 'Enter a time limit from 1 to 480 minutes, or leave it empty for none.'
				},
				values: { ...sent, scoreShown: '' }
			}
		});
		expect(await databaseFingerprint(getDb())).toEqual(before);
	});

	it('shows a quiz’s settings to edit (?edit=), saves them and goes back to the list', async () => {
		const quiz = (await rowsOf()).find((row) => row.behaviour === 'quiz')!;
		expect(await load(`?edit=${quiz.id}`)).toMatchObject({
			status: 200,
			data: {
				editing: {
					id: quiz.id,
					values: {
						attempts: '3',
						answersShown: 'on-release',
						scoreShown: 'yes',
						timeLimit: '20',
						gradingMethod: 'last'
					}
				}
			}
		});

		const answer = await post('update', {
			assignmentId: quiz.id,
			attempts: 'unlimited',
			answersShown: 'immediately',
			timeLimit: '',
			gradingMethod: 'best'
		});
		expect(answer).toEqual({
			status: 303,
			location: `/classes/${classId}/assignments?saved=${quiz.id}`
		});
		expect((await rowsOf()).find((row) => row.id === quiz.id)).toMatchObject({
			attemptsAllowed: null,
			answersShown: 'immediately',
			scoreShown: false,
			timeLimitMinutes: null,
			gradingMethod: 'best'
		});
		expect(await load(`?saved=${quiz.id}`)).toMatchObject({
			data: { saved: quizLesson.title, editing: null }
		});
	});

	it('refuses to edit practice, another class’s quiz or bad settings, storing nothing', async () => {
		const db = getDb();
		const practice = (await rowsOf()).find((row) => row.behaviour === 'practice')!;
		const quiz = (await rowsOf()).find((row) => row.behaviour === 'quiz')!;
		const foreign = await createAssignment(db, {
			classId: otherClassId,
			lessonSlug: null,
			behaviour: 'quiz',
			dueAt: null
		});
		const before = await databaseFingerprint(db);
		const fields = { ...settings, assignmentId: practice.id };

		expect(await post('update', fields)).toMatchObject({
			status: 409,
			message: expect.stringContaining('That assignment is practice')
		});
		expect(await load(`?edit=${practice.id}`)).toMatchObject({ status: 409 });
		expect(await post('update', { ...fields, assignmentId: foreign.id })).toMatchObject({
			status: 404,
			message: expect.stringContaining('That assignment is not in this class')
		});
		expect(await load(`?edit=${foreign.id}`)).toMatchObject({ status: 404 });
		expect(
			await post('update', { ...fields, assignmentId: quiz.id, gradingMethod: 'median' })
		).toMatchObject({
			status: 400,
			data: { values: { ...settings, gradingMethod: 'median' } }
		});
		expect(await databaseFingerprint(db)).toEqual(before);
	});

	it('releases a quiz’s answers now, once, and says so in the list', async () => {
		const db = getDb();
		const quiz = await createAssignment(db, {
			classId,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: null,
			policy: { answersShown: 'never' }
		});
		const listed = async () =>
			dataOf<{ assignments: { id: string; canRelease: boolean; policy: string[] }[] }>(
				await load()
			).assignments.find((a) => a.id === quiz.id)!;
		expect((await listed()).canRelease).toBe(true);

		expect(await post('release', { assignmentId: quiz.id })).toMatchObject({
			status: 200,
			data: { released: quizLesson.title }
		});
		const [row] = await db.read
			.select()
			.from(db.tables.assignments)
			.where(eq(db.tables.assignments.id, quiz.id));
		expect(row?.answersReleasedAt).toBeInstanceOf(Date);
		expect(await listed()).toMatchObject({
			canRelease: false,
			policy: expect.arrayContaining([expect.stringMatching(/^Answers released [A-Z][a-z]{2} \d/)])
		});
		expect(await post('release', { assignmentId: quiz.id })).toMatchObject({ status: 409 });
	});

	it('changes nothing in an archived class', async () => {
		const db = getDb();
		const quiz = (await rowsOf()).find((row) => row.behaviour === 'quiz')!;
		await setClassArchived(db, classId, true);
		const before = await databaseFingerprint(db);
		expect(await post('update', { ...settings, assignmentId: quiz.id })).toMatchObject({
			status: 409
		});
		expect(await post('release', { assignmentId: quiz.id })).toMatchObject({ status: 409 });
		expect(await databaseFingerprint(db)).toEqual(before);
		await setClassArchived(db, classId, false);
	});
});
