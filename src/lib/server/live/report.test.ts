import { expect, it } from 'vitest';
import { content } from '../classes/test-class';
import { describeOnEachEngine } from '../db/testing';
import { submitLiveAnswer } from './answers';
import { reportCsv, sessionReport } from './report';
import { end, removePlayer, reveal, startOrNext } from './sessions';
import {
	form,
	joinAs,
	joinAsGuest,
	newSession,
	rightForm,
	seconds,
	teacherWithClass,
	wrongForm
} from './test-live';

const t0 = new Date(Date.UTC(2025, 3, 7, 9));
const q = (id: string) => content.questions.get(id)!.question;

describeOnEachEngine('live session report', (getDb) => {
	it('counts each question and each player, and exports one CSV row per player per question asked', async () => {
		const db = getDb();
		const { teacher, classId, students } = await teacherWithClass(db, ['Ana', 'Bea']);
		const session = await newSession(
			db,
			content,
			{ teacherId: teacher.id, classId, source: { kind: 'lesson', lessonSlug: 'alpha' } },
			t0
		);
		const ref = { sessionId: session.id, teacherId: teacher.id };
		const ana = await joinAs(db, session.code, students[0]!, t0);
		const bea = await joinAs(db, session.code, students[1]!, t0);
		const guest = await joinAsGuest(db, session.code, '-Rocket', seconds(t0, 1));
		const answer = (playerId: string, index: number, data: FormData, at: number) =>
			submitLiveAnswer(
				db,
				content,
				{ sessionId: session.id, playerId, questionIndex: index, form: data },
				seconds(t0, at)
			);

		// a-check (true): Ana and the guest right, Bea wrong
		await startOrNext(db, ref, t0);
		await answer(ana.player.id, 0, rightForm(q('a-check')), 2.5);
		await answer(bea.player.id, 0, wrongForm(q('a-check')), 4);
		await answer(guest.player.id, 0, rightForm(q('a-check')), 6);
		await reveal(db, ref);
		// a-choice (a): Ana chose b, the guest a, Bea did not answer and was then removed
		await startOrNext(db, ref, seconds(t0, 60));
		await answer(ana.player.id, 1, form([['a-choice', 'b']]), 70);
		await answer(guest.player.id, 1, rightForm(q('a-choice')), 65);
		await removePlayer(db, { ...ref, playerId: bea.player.id });
		await reveal(db, ref);
		await end(db, ref, seconds(t0, 90));

		const report = await sessionReport(db, content, session.id);
		expect(report?.session).toMatchObject({
			title: 'Alpha, the first',
			phase: 'ended',
			code: session.code
		});
		expect(report?.questions).toEqual([
			expect.objectContaining({
				index: 0,
				questionId: 'a-check',
				asked: true,
				answered: 3,
				correct: 2,
				rightPercent: 67,
				correctAnswer: 'True',
				distribution: [
					{ id: 'true', label: 'True', correct: true, count: 2 },
					{ id: 'false', label: 'False', correct: false, count: 1 }
				]
			}),
			expect.objectContaining({
				index: 1,
				questionId: 'a-choice',
				prompt: 'How many out of 10 expected no justice?',
				answered: 2,
				correct: 1,
				rightPercent: 50,
				correctAnswer: 'Seven'
			}),
			expect.objectContaining({
				index: 2,
				questionId: 'a-tf',
				asked: false,
				answered: 0,
				rightPercent: null
			})
		]);
		expect(report?.questions[1]?.distribution.map((bar) => [bar.label, bar.count])).toEqual([
			['Seven', 1],
			['Nine', 1],
			['Three', 0]
		]);
		expect(
			report?.players.map((p) => [
				p.nickname,
				p.signedIn,
				p.removed,
				p.answered,
				p.correct,
				p.points
			])
		).toEqual([
			['-Rocket', false, false, 2, 2, 200],
			['Ana', true, false, 2, 1, 100],
			['Bea', true, true, 1, 0, 0]
		]);
		expect(report?.players[1]?.answers).toEqual([
			{ answer: 'True', correct: true, points: 100, seconds: 2.5 },
			{ answer: 'Nine', correct: false, points: 0, seconds: 10 },
			null
		]);

		const csv = reportCsv(report!);
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(lines[0]).toBe(
			'Player,Joined as,Removed,Question,Lesson,Prompt,Answer,Correct,Points,Seconds to answer,Total points,Total correct'
		);
		// 3 players × the 2 questions asked; a formula-looking name is neutralised
		expect(lines).toHaveLength(7);
		expect(lines[1]).toBe(
			'\'-Rocket,guest,no,1,"Alpha, the first",The Navy denied the report (a-check).,True,yes,100,6,200,2'
		);
		expect(lines[6]).toBe(
			'Bea,student account,yes,2,"Alpha, the first",How many out of 10 expected no justice?,,no answer,0,,0,0'
		);
		expect(await sessionReport(db, content, 'no-such-session')).toBeNull();
	});
});
