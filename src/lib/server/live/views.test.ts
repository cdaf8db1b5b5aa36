import { describe, expect, it } from 'vitest';
import { content as realContent, fingerprint, secretsOf } from '../../../../tests/fixtures/content';
import type { Question } from '../../quiz/registry';
import { questionTypeIds, questionTypes, toPublicQuestion } from '../../quiz/registry';
import { content } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { submitLiveAnswer } from './answers';
import { joinLiveSession } from './players';
import { pause, removePlayer, reveal, startOrNext } from './sessions';
import {
	account,
	joinAs,
	joinAsGuest,
	newSession,
	rightForm,
	seconds,
	teacherWithClass,
	wrongForm
} from './test-live';
import {
	buildLiveState,
	hostView,
	loadLiveState,
	playerView,
	quotedSpans,
	streaks,
	type LiveState
} from './views';

const t0 = new Date(Date.UTC(2025, 3, 7, 9));

/** Property names that only an answerful question or a reveal has. */
const answerfulKeys = new Set([
	'answer',
	'answers',
	'correct',
	'correctAnswer',
	'explanation',
	'feedback',
	'evidence',
	'category',
	'modelAnswer',
	'rubric',
	'distribution',
	'result'
]);

function keysIn(value: unknown, found = new Set<string>()): Set<string> {
	if (Array.isArray(value)) for (const item of value) keysIn(item, found);
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (inner !== null) found.add(key);
			keysIn(inner, found);
		}
	}
	return found;
}

/** The secrets of `questions` that appear in what was sent, as JSON. */
function leakedSecrets(sent: unknown, questions: Question[]): string[] {
	const text = fingerprint(JSON.stringify(sent));
	return questions.flatMap((question) =>
		secretsOf(question).filter((secret) => text.includes(fingerprint(secret)))
	);
}

async function state(db: Parameters<typeof loadLiveState>[0], c: typeof content, id: string) {
	const loaded = await loadLiveState(db, c, id);
	if (!loaded) throw new Error('no state');
	return loaded;
}

describeOnEachEngine('live views', (getDb) => {
	it('sends no key, feedback or explanation to any screen before the reveal, and all of it after', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, realContent, { teacherId: teacher.id }, t0);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const student = await joinAs(db, session.code, await account(db, 'Ana'));
		const guest = await joinAsGuest(db, session.code, 'Rocket');
		const questions = session.questions.map(
			(q) => realContent.questions.get(q.questionId)!.question
		);
		// every type a live session can ask (a teacher-graded one never is)
		expect(new Set(questions.map((q) => q.type))).toEqual(
			new Set(questionTypeIds.filter((type) => !questionTypes[type].gradedByTeacher))
		);
		expect(questions.length).toBeGreaterThanOrEqual(6);

		const screens = (live: LiveState) => [
			hostView(live),
			playerView(live, student.player.id),
			playerView(live, guest.player.id)
		];
		const lobby = await state(db, realContent, session.id);
		expect(leakedSecrets(screens(lobby), questions)).toEqual([]);

		for (const [index, question] of questions.entries()) {
			await startOrNext(db, ref, seconds(t0, index * 60));
			const open = await state(db, realContent, session.id);
			await submitLiveAnswer(
				db,
				realContent,
				{
					sessionId: session.id,
					playerId: student.player.id,
					questionIndex: index,
					form: rightForm(question)
				},
				seconds(t0, index * 60 + 2)
			);
			const answered = await state(db, realContent, session.id);

			for (const live of [open, answered]) {
				const sent = screens(live);
				expect(leakedSecrets(sent, questions), `question ${index + 1}`).toEqual([]);
				for (const view of sent.slice(1)) {
					const keys = keysIn(view);
					expect(
						[...keys].filter((key) => answerfulKeys.has(key)),
						`question ${index + 1}`
					).toEqual([]);
				}
				expect(sent[1]).toMatchObject({
					phase: 'question',
					reveal: null,
					result: null,
					leaderboard: null,
					question: { index, question: toPublicQuestion(question) }
				});
			}
			expect(playerView(answered, student.player.id).answeredCurrent).toBe(true);
			expect(playerView(answered, guest.player.id).answeredCurrent).toBe(false);

			await reveal(db, ref);
			const revealed = await state(db, realContent, session.id);
			const sent = screens(revealed);
			// only this question's secrets, and only now
			const others = questions.filter((_, i) => i !== index);
			expect(leakedSecrets(sent, others), `reveal ${index + 1}`).toEqual([]);
			const text = fingerprint(JSON.stringify(sent[2]));
			expect(text).toContain(fingerprint(question.explanation));
			expect(sent[2]).toMatchObject({
				reveal: { index, explanation: question.explanation, answered: 1, players: 2 },
				result: { answered: false, points: 0 }
			});
			expect(sent[1]).toMatchObject({
				result: {
					answered: true,
					correct: true,
					earned: 1,
					points: 100,
					totalPoints: 100 * (index + 1)
				}
			});
		}
	});

	it('builds the host view, results, leaderboard and timers from the session’s rows', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana', 'Bea', 'Cruz']);
		const session = await newSession(
			db,
			content,
			{
				teacherId: teacher.id,
				classId,
				source: { kind: 'lesson', lessonSlug: 'alpha' },
				options: { extraTime: { [students[0]!.id]: 10 } }
			},
			t0
		);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const [ana, bea, cruz] = await Promise.all(
			students.map((s) => joinAs(db, session.code, s, t0))
		);
		const late = await joinAsGuest(db, session.code, 'Zed', seconds(t0, 1));
		const answer = (playerId: string, questionIndex: number, data: FormData, at: number) =>
			submitLiveAnswer(
				db,
				content,
				{ sessionId: session.id, playerId, questionIndex, form: data },
				seconds(t0, at)
			);
		const q = (id: string) => content.questions.get(id)!.question;

		const lobby = hostView(await state(db, content, session.id));
		expect(lobby).toMatchObject({
			phase: 'lobby',
			question: null,
			reveal: null,
			leaderboard: null,
			answeredCount: 0,
			questionCount: 3,
			options: { timerSeconds: 20, extraTime: { [students[0]!.id]: 10 } }
		});
		expect(lobby.players.map((p) => p.nickname)).toEqual(['Ana', 'Bea', 'Cruz', 'Zed']);

		// question 1: everyone right but Cruz (wrong) and Zed (no answer)
		await startOrNext(db, ref, seconds(t0, 10));
		await answer(ana!.player.id, 0, rightForm(q('a-check')), 12);
		await answer(bea!.player.id, 0, rightForm(q('a-check')), 14);
		await answer(cruz!.player.id, 0, wrongForm(q('a-check')), 15);
		const open = await state(db, content, session.id);
		const host = hostView(open);
		expect(host).toMatchObject({
			phase: 'question',
			answeredCount: 3,
			reveal: null,
			leaderboard: null,
			question: {
				index: 0,
				total: 3,
				lessonTitle: 'Alpha, the first',
				closesAt: seconds(t0, 30).getTime(),
				// a true-or-false question is answered with one tap on either tile
				tiles: [
					{ id: 'true', text: 'True' },
					{ id: 'false', text: 'False' }
				]
			}
		});
		// the open question's points are on no screen yet, not even the projector's
		expect(host.players.map((p) => [p.nickname, p.answered, p.points])).toEqual([
			['Ana', true, 0],
			['Bea', true, 0],
			['Cruz', true, 0],
			['Zed', false, 0]
		]);
		expect(playerView(open, ana!.player.id).question?.closesAt).toBe(seconds(t0, 40).getTime());
		expect(playerView(open, bea!.player.id).question?.closesAt).toBe(seconds(t0, 30).getTime());
		// players closing at the same moment share one question object, so a stream serializes it once
		expect(playerView(open, cruz!.player.id).question).toBe(
			playerView(open, bea!.player.id).question
		);
		expect(playerView(open, ana!.player.id).question).not.toBe(
			playerView(open, bea!.player.id).question
		);
		await pause(db, ref, seconds(t0, 16));
		expect(playerView(await state(db, content, session.id), ana!.player.id)).toMatchObject({
			paused: true,
			question: { paused: true }
		});

		await reveal(db, ref);
		const first = await state(db, content, session.id);
		expect(hostView(first).reveal).toMatchObject({
			correctAnswer: 'True',
			answered: 3,
			players: 4,
			distribution: [
				{ label: 'True', correct: true, count: 2 },
				{ label: 'False', correct: false, count: 1 }
			],
			evidence: [{ kind: 'paragraph', paragraph: 'p01', quoted: '“categorically” denied' }]
		});
		expect(hostView(first).leaderboard).toEqual([
			{ rank: 1, nickname: 'Ana', points: 100, correct: 1 },
			{ rank: 1, nickname: 'Bea', points: 100, correct: 1 },
			{ rank: 3, nickname: 'Cruz', points: 0, correct: 0 },
			{ rank: 3, nickname: 'Zed', points: 0, correct: 0 }
		]);
		expect(playerView(first, cruz!.player.id).result).toEqual({
			answered: true,
			correct: false,
			earned: 0,
			points: 0,
			totalPoints: 0,
			totalCorrect: 0,
			streak: 0,
			rank: 3
		});
		expect(playerView(first, ana!.player.id).result).toMatchObject({ streak: 1, rank: 1 });
		expect(playerView(first, late.player.id).result).toMatchObject({ answered: false });

		// question 2: Cruz alone; Bea is removed and leaves the lists
		await startOrNext(db, ref, seconds(t0, 60));
		await answer(cruz!.player.id, 1, rightForm(q('a-choice')), 61);
		await removePlayer(db, { ...ref, playerId: bea!.player.id });
		await reveal(db, ref);
		const second = await state(db, content, session.id);
		expect(hostView(second).leaderboard?.map((e) => [e.rank, e.nickname, e.points])).toEqual([
			[1, 'Ana', 100],
			[1, 'Cruz', 100],
			[3, 'Zed', 0]
		]);
		expect(hostView(second).players.map((p) => p.nickname)).toEqual(['Ana', 'Cruz', 'Zed']);
		expect(playerView(second, bea!.player.id)).toMatchObject({
			active: false,
			question: null,
			reveal: null,
			result: null,
			leaderboard: null,
			playerCount: 3
		});
		expect(playerView(second, 'stranger')).toMatchObject({ active: false, question: null });
		expect(playerView(second, cruz!.player.id).result).toMatchObject({
			points: 100,
			totalPoints: 100,
			totalCorrect: 1,
			streak: 1,
			rank: 1
		});
		// Ana got question 1 right and left question 2 unanswered: her streak is broken, her place kept
		expect(playerView(second, ana!.player.id).result).toMatchObject({ streak: 0, rank: 1 });
		expect(playerView(second, late.player.id).result).toMatchObject({ streak: 0, rank: 3 });
	});

	it('hides the leaderboard when the teacher chose to', async () => {
		const db = getDb();
		const teacher = await account(db, 'Teacher', 'teacher');
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			options: { showLeaderboard: false }
		});
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const guest = await joinAsGuest(db, session.code, 'Rocket');
		await startOrNext(db, ref);
		await reveal(db, ref);
		const live = await state(db, content, session.id);
		expect(hostView(live).leaderboard).toBeNull();
		expect(playerView(live, guest.player.id)).toMatchObject({
			leaderboard: null,
			result: { answered: false, rank: null }
		});
		expect(await loadLiveState(db, content, 'no-such-session')).toBeNull();
	});
});

describeOnEachEngine('live views and real names', (getDb) => {
	async function playedSession(showRealNames: boolean) {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana López']);
		const session = await newSession(db, content, {
			teacherId: teacher.id,
			classId,
			source: { kind: 'lesson', lessonSlug: 'alpha' },
			options: { showRealNames }
		});
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const member = await joinLiveSession(db, {
			code: session.code,
			user: students[0]!,
			nickname: 'Rocket'
		});
		if (!member.ok) throw new Error(member.message);
		const guest = await joinAsGuest(db, session.code, 'Zed');
		await startOrNext(db, ref);
		await submitLiveAnswer(db, content, {
			sessionId: session.id,
			playerId: member.player.id,
			questionIndex: 0,
			form: rightForm(content.questions.get('a-check')!.question)
		});
		await reveal(db, ref);
		const live = await state(db, content, session.id);
		return { live, guestView: playerView(live, guest.player.id), host: hostView(live) };
	}

	it('shows guests, the projector and the leaderboard only nicknames unless the teacher chose real names', async () => {
		const { guestView, host } = await playedSession(false);

		expect(guestView.leaderboard?.map((entry) => entry.nickname)).toEqual(['Rocket', 'Zed']);
		expect(JSON.stringify(guestView)).not.toContain('López');
		// the projector shows host.players[].nickname and the leaderboard
		expect(host.players.map((player) => player.nickname)).toEqual(['Rocket', 'Zed']);
		expect(host.leaderboard?.map((entry) => entry.nickname)).toEqual(['Rocket', 'Zed']);
		// the teacher's controls may say who Rocket is
		expect(host.players.map((player) => player.realName)).toEqual(['Ana López', null]);
		expect(host.options.showRealNames).toBe(false);
	});

	it('shows class members by their names when the teacher chose so', async () => {
		const { guestView, host } = await playedSession(true);

		expect(guestView.leaderboard?.map((entry) => entry.nickname)).toEqual(['Ana López', 'Zed']);
		expect(host.players.map((player) => player.nickname)).toEqual(['Ana López', 'Zed']);
		expect(host.options.showRealNames).toBe(true);
	});
});

describe('streaks', () => {
	it('counts right answers in a row ending at the revealed question', () => {
		const right = [
			{ playerId: 'ana', questionIndex: 0 },
			{ playerId: 'ana', questionIndex: 1 },
			{ playerId: 'ana', questionIndex: 3 },
			{ playerId: 'bea', questionIndex: 2 },
			{ playerId: 'bea', questionIndex: 3 },
			{ playerId: 'cruz', questionIndex: 1 },
			{ playerId: 'cruz', questionIndex: 2 }
		];
		expect(Object.fromEntries(streaks(right, 3))).toEqual({ ana: 1, bea: 2, cruz: 0 });
		expect(Object.fromEntries(streaks(right, 1))).toEqual({ ana: 2, bea: 0, cruz: 1 });
	});
});

describe('buildLiveState', () => {
	it('builds 2,000 player views from one state quickly', () => {
		const session = {
			id: 's',
			code: '123456',
			teacherId: 't',
			classId: null,
			title: 'Alpha',
			questions: [{ questionId: 'a-check', lessonSlug: 'alpha' }],
			timerSeconds: 20,
			scoring: 'accuracy' as const,
			showLeaderboard: true,
			showRealNames: false,
			joinMode: 'open' as const,
			nicknameLanguage: 'en' as const,
			extraTime: {},
			phase: 'reveal' as const,
			questionIndex: 0,
			questionOpenedAt: t0,
			pausedAt: null,
			version: 7,
			createdAt: t0,
			endedAt: null
		};
		const players = Array.from({ length: 2000 }, (_, i) => ({
			id: `p${i}`,
			userId: null,
			nickname: `Player ${i}`,
			realName: null,
			joinedFrom: `192.0.2.${i % 250}`,
			joinedAt: seconds(t0, i),
			removedAt: null,
			timeAccommodation: null,
			locale: 'en' as const
		}));
		const answers = players.map((p, i) => ({
			playerId: p.id,
			answer: i % 3 !== 0,
			earned: i % 3 !== 0 ? 1 : 0,
			correct: i % 3 !== 0,
			points: i % 3 !== 0 ? 100 : 0
		}));
		const started = performance.now();
		const live = buildLiveState(content, {
			session,
			players,
			answers,
			totals: answers.map((a) => ({
				playerId: a.playerId,
				points: a.points,
				correct: a.correct ? 1 : 0
			})),
			rightAnswers: []
		});
		const views = players.map((p) => playerView(live, p.id));
		const host = hostView(live);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(views).toHaveLength(2000);
		expect(host.reveal?.distribution.map((bar) => bar.count)).toEqual([1333, 667]);
		expect(host.leaderboard?.[0]).toEqual({
			rank: 1,
			nickname: 'Player 1',
			points: 100,
			correct: 1
		});
		// the shared parts are shared, not copied 2,000 times
		expect(views[0]?.reveal).toBe(views[1]?.reveal);
	});
});

describe('quotedSpans', () => {
	it('keeps only the quoted words of a cited paragraph, and a paragraph without a quote whole', () => {
		const quoted = {
			kind: 'paragraph' as const,
			sourceId: 'truthout-2014',
			paragraph: 'p29',
			before: 'A November 25 letter expressed deep concern for the lives of ',
			quoted: 'the 43 young students who disappeared',
			after: ' and called for more attention.',
			translation: 'Una carta del 25 de noviembre…'
		};
		const unquoted = {
			...quoted,
			paragraph: 'p30',
			before: 'The whole paragraph.',
			quoted: null,
			after: ''
		};
		const fact = {
			kind: 'fact' as const,
			id: 'f1',
			title: 'A fact',
			sources: ['https://example.org']
		};
		expect(quotedSpans([quoted, unquoted, fact])).toEqual([
			{
				kind: 'paragraph',
				sourceId: 'truthout-2014',
				paragraph: 'p29',
				before: '',
				quoted: 'the 43 young students who disappeared',
				after: '',
				translation: 'Una carta del 25 de noviembre…'
			},
			unquoted,
			fact
		]);
	});
});
