// Test-only: sessions, players and answer forms for the live review suites.
import {
	answerFormEntries,
	demoAnswers,
	toPublicQuestion,
	type Question
} from '../../quiz/registry';
import type { SessionUser } from '../auth/session';
import { addMember, createClass } from '../classes/classes';
import { newUser } from '../classes/test-class';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { joinLiveSession } from './players';
import { createLiveSession, type LiveSource } from './sessions';
import type { LiveOptions } from './types';

export const defaultOptions: LiveOptions = {
	timerSeconds: 20,
	scoring: 'accuracy',
	showLeaderboard: true,
	// the suites written before the option existed have class members play as themselves
	showRealNames: true,
	joinMode: 'open',
	nicknameLanguage: 'en',
	extraTime: {}
};

/** A signed-in student (or teacher) as hooks.server.ts puts them in locals. */
export async function account(
	db: Database,
	displayName: string,
	role: 'student' | 'teacher' = 'student'
): Promise<SessionUser> {
	const id = await newUser(db, displayName, role);
	return { id, username: `user-${id}`, displayName, role, isGuest: false };
}

/** A teacher with a class of the given students. */
export async function teacherWithClass(db: Database, studentNames: string[]) {
	const teacher = await account(db, 'Teacher', 'teacher');
	const klass = await createClass(db, teacher.id, 'Period 3');
	const students: SessionUser[] = [];
	for (const name of studentNames) {
		const student = await account(db, name);
		await addMember(db, klass.id, student.id);
		students.push(student);
	}
	return { teacher, classId: klass.id, students };
}

/** A session that must be created, or the test stops here. */
export async function newSession(
	db: Database,
	content: Content,
	input: {
		teacherId: string;
		classId?: string | null;
		source?: LiveSource;
		options?: Partial<LiveOptions>;
	},
	now = new Date()
) {
	const created = await createLiveSession(
		db,
		content,
		{
			teacherId: input.teacherId,
			classId: input.classId ?? null,
			source: input.source ?? { kind: 'module' },
			options: { ...defaultOptions, ...input.options }
		},
		now
	);
	if (!created.ok) throw new Error(`session not created: ${created.message}`);
	return created.session;
}

/** A guest player that must join. */
export async function joinAsGuest(db: Database, code: string, nickname: string, now = new Date()) {
	const joined = await joinLiveSession(db, { code, user: null, nickname }, now);
	if (!joined.ok) throw new Error(`${nickname} could not join: ${joined.message}`);
	return joined;
}

export async function joinAs(db: Database, code: string, user: SessionUser, now = new Date()) {
	const joined = await joinLiveSession(db, { code, user }, now);
	if (!joined.ok) throw new Error(`${user.displayName} could not join: ${joined.message}`);
	return joined;
}

export function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

/** The form a browser sends for the right answer to any question (a written one's model answer). */
export function rightForm(question: Question): FormData {
	return form(answerFormEntries(demoAnswers(question).right, toPublicQuestion(question)));
}

/** The form a browser sends for a plausible wrong answer: the first wrong choice, a flipped truth value… */
export function wrongForm(question: Question): FormData {
	return form(answerFormEntries(demoAnswers(question).wrong, toPublicQuestion(question)));
}

export const seconds = (at: Date, n: number) => new Date(at.getTime() + n * 1000);
