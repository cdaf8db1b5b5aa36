import type { Cookies } from '@sveltejs/kit';
import { desc, eq } from 'drizzle-orm';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime';
import { isLocale, type Locale } from '$lib/i18n';
import type { Database } from '../db/database';
import type { SessionUser } from '../auth/session';

/** The language a reader chose: their account's choice, else this browser's cookie; null when never chosen. */
export function rememberedLocale(
	user: Pick<SessionUser, 'locale'> | null,
	cookies: Pick<Cookies, 'get'>
): Locale | null {
	if (user?.locale) return user.locale;
	const fromCookie = cookies.get(cookieName);
	return isLocale(fromCookie) ? fromCookie : null;
}

/** This browser opens unprefixed addresses in `locale` from now on (Paraglide's own cookie, readable by it). */
export function rememberLocaleCookie(cookies: Cookies, locale: Locale): void {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax'
	});
}

/** Stores the account's choice, so it follows the student to the next device they sign in on. */
export async function saveAccountLocale(
	db: Database,
	userId: string,
	locale: Locale
): Promise<void> {
	const { users } = db.tables;
	await db.write((tx) => tx.update(users).set({ locale }).where(eq(users.id, userId)));
}

/** The language an account reads in: its own choice, else the default of the class it joined last. */
export async function accountLocale(db: Database, userId: string): Promise<Locale | null> {
	const { users } = db.tables;
	const [row] = await db.read
		.select({ locale: users.locale })
		.from(users)
		.where(eq(users.id, userId));
	return row?.locale ?? (await classDefaultLocale(db, userId));
}

/** The language a student who has not chosen one sees: the default of the class they joined last. */
export async function classDefaultLocale(db: Database, userId: string): Promise<Locale | null> {
	const { classes, classMembers } = db.tables;
	const [row] = await db.read
		.select({ locale: classes.defaultLocale })
		.from(classMembers)
		.innerJoin(classes, eq(classMembers.classId, classes.id))
		.where(eq(classMembers.userId, userId))
		.orderBy(desc(classMembers.joinedAt))
		.limit(1);
	return row?.locale ?? null;
}
