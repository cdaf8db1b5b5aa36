// makes a class session of the demo class with question 1 open; argv[2] = timer seconds or "none"
import { eq } from 'drizzle-orm';
import { openDatabase } from '/work/wt-access/src/lib/server/db/database';
import { joinLiveSession } from '/work/wt-access/src/lib/server/live/players';
import { createLiveSession, startOrNext } from '/work/wt-access/src/lib/server/live/sessions';
import { buildContent } from '/work/wt-access/src/lib/server/content/build';
import { readContentFiles } from '/work/wt-access/src/lib/server/content/content-files';

const { content } = buildContent(readContentFiles());
const db = await openDatabase({ engine: 'sqlite', path: '/tmp/shots-access/data/shots.sqlite' });
const t = db.tables;
const [klass] = await db.read.select().from(t.classes);
const members = await db.read
	.select({ id: t.users.id, username: t.users.username, displayName: t.users.displayName })
	.from(t.classMembers)
	.innerJoin(t.users, eq(t.users.id, t.classMembers.userId))
	.where(eq(t.classMembers.classId, klass!.id));
const timer = process.argv[2] === 'none' ? null : Number(process.argv[2]);
const created = await createLiveSession(db, content, {
	teacherId: klass!.teacherId,
	classId: klass!.id,
	source: { kind: 'lesson', lessonSlug: 'guns-money-and-people' },
	options: { timerSeconds: timer, scoring: 'accuracy', showLeaderboard: true, showRealNames: true, extraTime: {} }
});
if (!created.ok) throw new Error(created.message);
for (const m of members) {
	await joinLiveSession(db, { code: created.session.code, user: { ...m, role: 'student', isGuest: false } });
}
// question 2: a choice question, so read-aloud has options to read
await startOrNext(db, { sessionId: created.session.id, teacherId: klass!.teacherId });
if (process.argv[3] === 'second') {
	const { reveal } = await import('/work/wt-access/src/lib/server/live/sessions');
	await reveal(db, { sessionId: created.session.id, teacherId: klass!.teacherId });
	await startOrNext(db, { sessionId: created.session.id, teacherId: klass!.teacherId });
}
console.log(JSON.stringify({ code: created.session.code, id: created.session.id, classId: klass!.id }));
await db.close();
