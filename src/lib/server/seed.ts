import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { count } from 'drizzle-orm';
import type { Database } from './db/database';
import type { Content, LessonContent } from './content/build';
import { createStaffAccount } from './auth/accounts';
import { demoAnswers, scoreAnswer, type Answer, type Question } from '../quiz/registry';
import { recordQuizAttempt, quizQuestions } from './quiz/answers';
import { createClass } from './classes/classes';
import { addStudentsWithCards } from './classes/roster';
import { createAssignment } from './classes/assignments';
import { instantInZone, isTimeZone, wallTimeInZone } from '../dates';
import { defaultTimeZone } from './time-zones';

export interface DemoLogin {
	role: string;
	login: string;
	password: string;
}

/** A password people can read off a screen: 16 lower-case base32 characters (80 bits). */
export function generateReadablePassword(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

const demoLessonSlug = 'sourcing-the-article';
const dayMs = 24 * 60 * 60 * 1000;

/** The demo shows a named zone: the site's own when EVIDENCIA_TIME_ZONE sets one, else Pacific Time. */
export function demoTimeZone(): string {
	return isTimeZone(process.env.EVIDENCIA_TIME_ZONE?.trim() ?? '')
		? defaultTimeZone()
		: 'America/Los_Angeles';
}

/** 3:30 PM in `zone`, `days` after `now`: due dates a teacher would type. */
function afternoonIn(days: number, now: Date, zone: string): Date {
	const [year, month, day] = wallTimeInZone(new Date(now.getTime() + days * dayMs), zone)
		.date.split('-')
		.map(Number) as [number, number, number];
	return instantInZone({ year, month, day, hour: 15, minute: 30 }, zone);
}

/** The key as a student would submit it (a written question's model answer). */
export function rightAnswer(question: Question): Answer {
	return demoAnswers(question).right;
}

/** A plausible mistake: the first wrong choice, a reversed order, a flipped truth value. */
export function wrongAnswer(question: Question): Answer {
	return demoAnswers(question).wrong;
}

async function readSections(
	db: Database,
	userId: string,
	lesson: LessonContent,
	upTo: number,
	at: Date
) {
	const rows = lesson.sections
		.slice(0, upTo)
		.map((section) => ({ userId, lessonSlug: lesson.slug, sectionId: section.id, readAt: at }));
	if (rows.length > 0) await db.write((tx) => tx.insert(db.tables.sectionReads).values(rows));
}

/** One quiz submission where the student gets `rightShare` of the questions (in bank order) right. */
async function takeQuiz(
	db: Database,
	lesson: LessonContent,
	userId: string,
	rightShare: number,
	at: Date
) {
	const questions = quizQuestions(lesson);
	const rightCount = Math.round(rightShare * questions.length);
	const graded = questions.map((question, index) => {
		const answer = index < rightCount ? rightAnswer(question) : wrongAnswer(question);
		return { question, answer, score: scoreAnswer(answer, question) };
	});
	await recordQuizAttempt(db, lesson, userId, graded, at);
}

/**
 * Seeds the demo on an empty database and returns its logins; returns [] when anyone exists already. The
 * demo class has three students at different points, so the dashboard has something to show.
 */
export async function seedDemo(
	db: Database,
	content: Content,
	now = new Date()
): Promise<DemoLogin[]> {
	const [existing] = await db.read.select({ n: count() }).from(db.tables.users);
	if ((existing?.n ?? 0) > 0) return [];
	const teacher = { name: 'Demo Teacher', email: 'teacher@demo.evidencia.local' };
	const password = generateReadablePassword();
	const created = await createStaffAccount(db, { ...teacher, password });
	if (!created.ok) return [];
	const logins: DemoLogin[] = [{ role: 'teacher', login: teacher.email, password }];

	const zone = demoTimeZone();
	const demoClass = await createClass(db, created.user.id, 'Demo class · Period 3', now, zone);
	const cards = await addStudentsWithCards(
		db,
		demoClass.id,
		['Ana López', 'Ben Okafor', 'Carmen Díaz'],
		now
	);
	for (const card of cards)
		logins.push({ role: 'student', login: card.username, password: card.password });

	const lesson = content.lessons.get(demoLessonSlug);
	if (!lesson) return logins;
	await createAssignment(
		db,
		{
			classId: demoClass.id,
			lessonSlug: lesson.slug,
			behaviour: 'quiz',
			dueAt: afternoonIn(7, now, zone)
		},
		now
	);
	await createAssignment(
		db,
		{
			classId: demoClass.id,
			lessonSlug: null,
			behaviour: 'practice',
			dueAt: afternoonIn(28, now, zone)
		},
		now
	);
	const [ana, ben] = cards;
	const yesterday = new Date(now.getTime() - dayMs);
	if (ana) {
		await readSections(db, ana.userId, lesson, lesson.sections.length, yesterday);
		await takeQuiz(db, lesson, ana.userId, 0.85, yesterday);
	}
	if (ben) {
		await readSections(db, ben.userId, lesson, Math.ceil(lesson.sections.length / 2), yesterday);
		await takeQuiz(db, lesson, ben.userId, 0.5, yesterday);
	}
	return logins;
}

/** The account the first start makes so that someone can run the site; its password is shown once. */
export const firstAdminEmail = 'admin@evidencia.local';

/** Where first-run logins go when stdout is not a terminal (a log), relative to the working directory. */
export const firstRunLoginsFile = 'data/first-run-logins.txt';

/**
 * On a database with no accounts yet: the demo (when `demo`) and then the first admin (when `admin`), and
 * their logins; [] when anyone exists already. Several processes starting together make them only once.
 */
export async function seedFirstRun(
	db: Database,
	content: Content,
	options: { demo: boolean; admin: boolean },
	now = new Date()
): Promise<DemoLogin[]> {
	if (!options.demo && !options.admin) return [];
	const [existing] = await db.read.select({ n: count() }).from(db.tables.users);
	if ((existing?.n ?? 0) > 0) return [];
	const logins = options.demo ? await seedDemo(db, content, now) : [];
	if (!options.admin) return logins;
	const password = generateReadablePassword();
	const admin = { name: 'Administrator', email: firstAdminEmail, password };
	const created = await createStaffAccount(db, admin, 'admin');
	if (!created.ok) return logins;
	return [{ role: 'admin', login: firstAdminEmail, password }, ...logins];
}

/**
 * Shows first-run logins once. On a terminal they are printed; otherwise stdout is a log that others may
 * read or keep, so they go to `loginsFile`, readable only by its owner, and only the file's path is printed.
 * Returns what to print (empty when there are no logins).
 */
export function reportFirstRunLogins(
	logins: DemoLogin[],
	output: { isTTY: boolean; loginsFile: string }
): string {
	if (logins.length === 0) return '';
	const text = [
		'Accounts created on first run (the passwords are shown only this once; a teacher can reset a student’s):',
		...logins.map((l) => `  ${l.role.padEnd(8)} ${l.login.padEnd(32)} password: ${l.password}`),
		''
	].join('\n');
	if (output.isTTY) return `\n${text}`;
	const file = resolve(output.loginsFile);
	mkdirSync(dirname(file), { recursive: true });
	// a new file, created owner-only: an old one may have been made readable by others since
	rmSync(file, { force: true });
	writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
	return `First-run logins (passwords shown only once) are in ${file}, readable only by this user.`;
}

/** At server start: seeds what `options` asks for on an empty database and shows the logins once. */
export async function seedOnFirstRun(
	db: Database,
	content: Content,
	options: { demo: boolean; admin: boolean; isTTY: boolean; loginsFile: string }
) {
	const logins = await seedFirstRun(db, content, options);
	const shown = reportFirstRunLogins(logins, options);
	if (shown) console.log(shown);
}
