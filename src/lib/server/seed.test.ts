import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { authenticate } from './auth/accounts';
import { getContent } from './content';
import { describeOnEachEngine } from './db/testing';
import { seedDemo } from './seed';

describeOnEachEngine('the demo seed', (database) => {
	it('creates a teacher, a class of three students, assignments and answers, once', async () => {
		const db = database();
		const logins = await seedDemo(db, getContent());

		expect(logins.map((l) => l.role)).toEqual(['teacher', 'student', 'student', 'student']);
		for (const login of logins) {
			const result = await authenticate(db, { ...login, ipAddress: '127.0.0.1' });
			expect(result.ok).toBe(true);
		}
		const t = db.tables;
		const [classRow] = await db.read.select().from(t.classes);
		const members = await db.read
			.select()
			.from(t.classMembers)
			.where(eq(t.classMembers.classId, classRow?.id ?? ''));
		expect(members).toHaveLength(3);
		const [assignments] = await db.read.select({ n: count() }).from(t.assignments);
		expect(assignments?.n).toBe(2);
		const quizzes = await db.read.select().from(t.attempts).where(eq(t.attempts.mode, 'quiz'));
		expect(quizzes).toHaveLength(2);
		const pending = await db.read
			.select()
			.from(t.responses)
			.where(eq(t.responses.status, 'pending-review'));
		expect(pending.length).toBeGreaterThan(0);

		expect(await seedDemo(db, getContent())).toEqual([]);
	});
});
