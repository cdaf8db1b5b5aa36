import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../content/build';
import { sampleFactsFile, sampleLessonFiles, sampleSourceFile } from '../content/sample-files';
import { gradeWrittenResponse } from '../classes/grading';
import { startAssignedQuiz, submitAssignedQuiz } from '../quiz/assigned';
import { claim } from './claims';
import { answerDeepLink } from './deep-linking';
import {
	deliverDueGrades,
	gradeDeliveryStatus,
	retryDelayMs,
	scorePost,
	scoresUrl
} from './grades';
import { describeWithPlatform, launched, learner, toolOrigin } from './test-platform';

const { content } = buildContent({
	sources: [sampleSourceFile],
	facts: sampleFactsFile,
	lessons: [sampleLessonFiles()]
});
const t0 = new Date('2026-12-04T15:00:00.000Z');
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);

describe('grade rules', () => {
	it('waits 5 s, then twice as long after each failure, at most an hour', () => {
		expect([1, 2, 3, 4, 12, 40].map(retryDelayMs)).toEqual([
			5_000, 10_000, 20_000, 40_000, 3_600_000, 3_600_000
		]);
	});

	it('posts a percentage, pending manual grading while a written answer waits', () => {
		expect(scorePost('s-1', { earned: 1, possible: 3, pending: 1 }, t0)).toEqual({
			userId: 's-1',
			scoreGiven: 33.33,
			scoreMaximum: 100,
			activityProgress: 'Completed',
			gradingProgress: 'PendingManual',
			timestamp: '2026-12-04T15:00:00.000Z'
		});
		expect(scorePost('s-1', { earned: 0, possible: 0, pending: 0 }, t0).scoreGiven).toBe(0);
	});

	it('puts /scores after the line item path and keeps its query', () => {
		expect(scoresUrl('https://lms.example/api/lti/courses/1/line_items/7?type_id=2')).toBe(
			'https://lms.example/api/lti/courses/1/line_items/7/scores?type_id=2'
		);
		expect(scoresUrl('https://lms.example/lineitems/7/')).toBe(
			'https://lms.example/lineitems/7/scores'
		);
	});
});

describeWithPlatform('LTI grade passback', (opened) => {
	const launch = (overrides: Record<string, unknown>) => {
		const { db, platform } = opened();
		return launched(db, platform, content, overrides, t0);
	};

	it('sends a submitted quiz to the line item, retries while the platform is down, and sends a teacher’s score', async () => {
		const { db, platform } = opened();
		const teacher = await launch({});
		const answer = await answerDeepLink(
			db,
			content,
			{
				id: teacher.redirectTo.split('/').at(-1) ?? '',
				userId: teacher.userId,
				target: 'quiz:sample',
				behaviour: 'quiz',
				toolOrigin
			},
			seconds(0)
		);
		expect(answer.title).toContain('Sample');
		const lineItem = `${platform.issuer}/courses/course-101/lineitems/1`;
		const student = await launch({
			sub: 'student-7',
			name: 'Ana López',
			[claim.roles]: [learner],
			[claim.messageType]: 'LtiResourceLinkRequest',
			[claim.deepLinkingSettings]: undefined,
			[claim.resourceLink]: { id: 'link-quiz' },
			[claim.custom]: { evidencia_target: 'quiz:sample', evidencia_behaviour: 'quiz' },
			[claim.agsEndpoint]: { scope: [], lineitem: lineItem }
		});

		const key = { userId: student.userId, lessonSlug: 'sample' };
		expect(await startAssignedQuiz(db, key, seconds(1))).toMatchObject({ ok: true });
		const form = new FormData();
		form.set('s-choice', 'a');
		form.set('s-written', 'It was denied (p01).');
		expect(await submitAssignedQuiz(db, content, { ...key, form }, seconds(60))).toMatchObject({
			ok: true
		});
		// queued with the submission, in its transaction
		expect(await gradeDeliveryStatus(db)).toEqual({ waiting: 1, failing: 0, lastError: null });

		platform.down = true;
		expect(await deliverDueGrades(db, content, seconds(61))).toEqual({ sent: 0, failed: 1 });
		const status = await gradeDeliveryStatus(db);
		expect(status).toMatchObject({ waiting: 1, failing: 1 });
		expect(status.lastError).toContain('503');
		// not due again until the backoff has passed, even though the platform is back
		platform.down = false;
		expect(await deliverDueGrades(db, content, seconds(63))).toEqual({ sent: 0, failed: 0 });
		expect(await deliverDueGrades(db, content, seconds(66))).toEqual({ sent: 1, failed: 0 });
		expect(platform.scores).toHaveLength(1);
		expect(platform.scores[0]).toEqual({
			lineItem: '/courses/course-101/lineitems/1',
			authorization: 'Bearer token-1',
			contentType: 'application/vnd.ims.lis.v1.score+json',
			body: {
				userId: 'student-7',
				scoreGiven: 100,
				scoreMaximum: 100,
				activityProgress: 'Completed',
				gradingProgress: 'PendingManual',
				timestamp: seconds(66).toISOString()
			}
		});
		expect(await gradeDeliveryStatus(db)).toEqual({ waiting: 0, failing: 0, lastError: null });
		expect(await deliverDueGrades(db, content, seconds(120))).toEqual({ sent: 0, failed: 0 });

		// the teacher scores the written answer one level below the top: the gradebook gets the new score
		const { responses } = db.tables;
		const [written] = await db.read
			.select({ id: responses.id })
			.from(responses)
			.where(eq(responses.questionId, 's-written'));
		const graded = await gradeWrittenResponse(
			db,
			content,
			{
				classId: student.classId,
				teacherId: teacher.userId,
				responseId: written?.id ?? '',
				level: 2,
				comment: null
			},
			seconds(200)
		);
		expect(graded).toMatchObject({ ok: true });
		expect(await deliverDueGrades(db, content, seconds(201))).toEqual({ sent: 1, failed: 0 });
		expect(platform.scores[1]?.body).toMatchObject({
			userId: 'student-7',
			gradingProgress: 'FullyGraded'
		});
	});
});
