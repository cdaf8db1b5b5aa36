import { z } from 'zod';
import type { Database } from '../db/database';

/** Site-wide choices an admin makes on /admin; a missing row means the default. */
const settingsSchema = z.object({
	/** teachers may create invite links for other teachers (admins always may) */
	teachersMayInvite: z.boolean().default(false)
});
export type SiteSettings = z.output<typeof settingsSchema>;
export type SiteSettingKey = keyof SiteSettings;

export async function siteSettings(db: Database): Promise<SiteSettings> {
	const rows = await db.read.select().from(db.tables.siteSettings);
	// a stored value that no longer fits the schema falls back to the default rather than breaking every page
	const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
	const parsed = settingsSchema.safeParse(stored);
	return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function updateSiteSetting<K extends SiteSettingKey>(
	db: Database,
	key: K,
	value: SiteSettings[K],
	now = new Date()
) {
	const { siteSettings: table } = db.tables;
	await db.write((tx) =>
		tx
			.insert(table)
			.values({ key, value, updatedAt: now })
			.onConflictDoUpdate({ target: table.key, set: { value, updatedAt: now } })
	);
}

/**
 * EVIDENCIA_OPEN_TEACHER_SIGNUP=1 lets anyone create a teacher account on /signup, for trials: teachers see
 * every answer key, so it is off unless an operator turns it on.
 */
export function openTeacherSignUp(): boolean {
	return process.env.EVIDENCIA_OPEN_TEACHER_SIGNUP === '1';
}
