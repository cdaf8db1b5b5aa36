import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable, Tables } from '../db/database';
import { m } from '../../i18n';
import { timeAccommodations, type TimeAccommodation } from '../db/enums';
import type { StudentAccommodation } from './quiz-policy';

/**
 * A student's accommodations in one class (the `accommodations` table): extra time on timed quizzes and live
 * questions, extra attempts on every quiz, and a read-aloud button. Set by the class's teacher on the
 * Students page; a student who leaves the class keeps the row, but it counts only while they are a member.
 */

export const maxExtraAttempts = 5;

/** What a student gets when nothing is set: a class's students start here, and a row equal to it is deleted. */
export const noAccommodation: StudentAccommodation = {
	extraTime: null,
	extraAttempts: 0,
	readAloud: false
};

/** The choices of the extra-time menu, in order, labelled in the request's language; 'none' is the form's word for null. */
export const extraTimeChoices = () =>
	[
		{ value: 'none', label: m.students_accommodations_none() },
		{ value: '1.25', label: m.shared_extra_time_factor({ factor: '1.25' }) },
		{ value: '1.5', label: m.shared_extra_time_factor({ factor: '1.5' }) },
		{ value: '2', label: m.shared_extra_time_factor({ factor: '2' }) },
		{ value: 'unlimited', label: m.students_unlimited() }
	] as const satisfies readonly { value: TimeAccommodation | 'none'; label: string }[];

const studentId = z
	.string({ error: () => m.shared_choose_student() })
	.trim()
	.min(1, { error: () => m.shared_choose_student() })
	.max(100, { error: () => m.shared_student_not_in_class() });

/** The Students page's form for one student: every field is a menu or a checkbox, so anything else is tampering. */
export const accommodationForm = z.object({
	studentId,
	extraTime: z
		.enum(['none', ...timeAccommodations] as const, {
			error: () => m.shared_extra_time_invalid()
		})
		.transform((value) => (value === 'none' ? null : value)),
	extraAttempts: z
		.string({ error: () => m.shared_extra_attempts_invalid({ max: maxExtraAttempts }) })
		.regex(/^[0-5]$/, { error: () => m.shared_extra_attempts_invalid({ max: maxExtraAttempts }) })
		.transform(Number),
	// an unticked checkbox sends nothing; a ticked one sends "on"
	readAloud: z
		.literal('on', { error: () => m.shared_read_aloud_invalid() })
		.optional()
		.transform((value) => value === 'on')
});

const isDefault = (a: StudentAccommodation) =>
	a.extraTime === null && a.extraAttempts === 0 && !a.readAloud;

/** Pure: what a student has, in words for a teacher's roster ("×1.5 time · +1 attempt · read-aloud"); [] for none. */
export function accommodationBadges(a: StudentAccommodation): string[] {
	const badges: string[] = [];
	if (a.extraTime === 'unlimited') badges.push(m.shared_badge_no_limit());
	else if (a.extraTime) badges.push(m.shared_badge_time({ factor: a.extraTime }));
	if (a.extraAttempts > 0) badges.push(m.shared_badge_attempts({ count: a.extraAttempts }));
	if (a.readAloud) badges.push(m.shared_read_aloud());
	return badges;
}

/** Pure: the same for the student ("1.5× time on timed quizzes and live questions, 1 extra attempt, read-aloud"). */
export function accommodationSentence(a: StudentAccommodation): string {
	const parts: string[] = [];
	if (a.extraTime === 'unlimited') parts.push(m.shared_sentence_no_limit());
	else if (a.extraTime) parts.push(m.shared_sentence_time({ factor: a.extraTime }));
	if (a.extraAttempts > 0) parts.push(m.shared_sentence_attempts({ count: a.extraAttempts }));
	if (a.readAloud) parts.push(m.shared_read_aloud());
	return parts.join(', ');
}

const columns = (t: Tables) => ({
	extraTime: t.accommodations.extraTime,
	extraAttempts: t.accommodations.extraAttempts,
	readAloud: t.accommodations.readAloud
});

/** Each current member's accommodations in a class (members with none are left out). */
export async function classAccommodations(
	db: Database,
	classId: string
): Promise<Map<string, StudentAccommodation>> {
	const t = db.tables;
	const rows = await db.read
		.select({ userId: t.accommodations.userId, ...columns(t) })
		.from(t.accommodations)
		.innerJoin(
			t.classMembers,
			and(
				eq(t.classMembers.classId, t.accommodations.classId),
				eq(t.classMembers.userId, t.accommodations.userId)
			)
		)
		.where(eq(t.accommodations.classId, classId));
	return new Map(rows.map(({ userId, ...accommodation }) => [userId, accommodation]));
}

/** One member's extra time in a class, read inside a transaction (live answers); null for none or a non-member. */
export async function classTimeAccommodation(
	tx: Queryable,
	tables: Tables,
	key: { classId: string; userId: string }
): Promise<TimeAccommodation | null> {
	const { accommodations, classMembers } = tables;
	const [row] = await tx
		.select({ extraTime: accommodations.extraTime })
		.from(accommodations)
		.innerJoin(
			classMembers,
			and(
				eq(classMembers.classId, accommodations.classId),
				eq(classMembers.userId, accommodations.userId)
			)
		)
		.where(and(eq(accommodations.classId, key.classId), eq(accommodations.userId, key.userId)));
	return row?.extraTime ?? null;
}

export type SaveAccommodation = { ok: true } | { ok: false; status: 404; message: string };

/**
 * Sets a member's accommodations in the class, in one transaction with the membership check; setting them
 * back to none deletes the row. Live sessions of the class read the table on every answer and view.
 */
export async function setAccommodation(
	db: Database,
	input: { classId: string; userId: string; accommodation: StudentAccommodation },
	now = new Date()
): Promise<SaveAccommodation> {
	const { accommodations, classMembers } = db.tables;
	const { classId, userId, accommodation } = input;
	return db.write(async (tx): Promise<SaveAccommodation> => {
		const [member] = await tx
			.select({ userId: classMembers.userId })
			.from(classMembers)
			.where(and(eq(classMembers.classId, classId), eq(classMembers.userId, userId)));
		if (!member) {
			return {
				ok: false,
				status: 404,
				message: m.shared_accommodation_not_saved()
			};
		}
		const key = and(eq(accommodations.classId, classId), eq(accommodations.userId, userId));
		if (isDefault(accommodation)) {
			await tx.delete(accommodations).where(key);
			return { ok: true };
		}
		const values = {
			extraTime: accommodation.extraTime,
			extraAttempts: accommodation.extraAttempts,
			readAloud: accommodation.readAloud,
			updatedAt: now
		};
		await tx
			.insert(accommodations)
			.values({ classId, userId, ...values })
			.onConflictDoUpdate({ target: [accommodations.classId, accommodations.userId], set: values });
		return { ok: true };
	});
}

/** One class's accommodations of a student, for /learn. */
export interface OwnAccommodation extends StudentAccommodation {
	classId: string;
	className: string;
}

/**
 * A student's accommodations in their current classes (archived ones left out), by class name, and the
 * merged view the pages use: read-aloud is offered everywhere once any class gives it.
 */
export async function studentAccommodations(
	db: Database,
	userId: string
): Promise<{ readAloud: boolean; classes: OwnAccommodation[] }> {
	const t = db.tables;
	const rows = await db.read
		.select({ classId: t.classes.id, className: t.classes.name, ...columns(t) })
		.from(t.accommodations)
		.innerJoin(
			t.classMembers,
			and(
				eq(t.classMembers.classId, t.accommodations.classId),
				eq(t.classMembers.userId, t.accommodations.userId)
			)
		)
		.innerJoin(t.classes, eq(t.classes.id, t.accommodations.classId))
		.where(and(eq(t.accommodations.userId, userId), isNull(t.classes.archivedAt)))
		.orderBy(asc(t.classes.name), asc(t.classes.id));
	const classes = rows.filter((row) => !isDefault(row));
	return { readAloud: classes.some((row) => row.readAloud), classes };
}
