import { and, desc, eq, isNull } from 'drizzle-orm';
import { isTimeZone, zoneName, type TimeZoneChoices } from '../dates';
import type { SessionUser } from './auth/session';
import type { Database } from './db/database';

/**
 * The zone of dates on pages about no one class (and of a new class when nothing better is known):
 * EVIDENCIA_TIME_ZONE when it names a real zone, else UTC.
 */
export function defaultTimeZone(): string {
	const configured = process.env.EVIDENCIA_TIME_ZONE?.trim() ?? '';
	return isTimeZone(configured) ? canonicalTimeZone(configured) : 'UTC';
}

/** The zone as Intl spells it ("america/los_angeles" and "US/Pacific" are America/Los_Angeles). */
export function canonicalTimeZone(zone: string): string {
	return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The zone a reader most likely lives in, for pages about no one class: a student's most recently joined
 * open class, a teacher's most recent class (an open one first), otherwise defaultTimeZone().
 */
export async function readerTimeZone(
	db: Database,
	user: Pick<SessionUser, 'id' | 'role' | 'isGuest'> | null
): Promise<string> {
	if (!user || user.isGuest) return defaultTimeZone();
	const { classes, classMembers } = db.tables;
	if (user.role === 'student') {
		const [joined] = await db.read
			.select({ timeZone: classes.timeZone })
			.from(classMembers)
			.innerJoin(classes, eq(classes.id, classMembers.classId))
			.where(and(eq(classMembers.userId, user.id), isNull(classes.archivedAt)))
			.orderBy(desc(classMembers.joinedAt), desc(classes.createdAt))
			.limit(1);
		return joined?.timeZone ?? defaultTimeZone();
	}
	const own = await db.read
		.select({ timeZone: classes.timeZone, archivedAt: classes.archivedAt })
		.from(classes)
		.where(eq(classes.teacherId, user.id))
		.orderBy(desc(classes.createdAt));
	const latest = own.find((c) => c.archivedAt === null) ?? own[0];
	return latest?.timeZone ?? defaultTimeZone();
}

/** Where most of our schools are: the US, Mexico, Central and South America, then UTC. */
const commonZones = [
	'America/New_York',
	'America/Chicago',
	'America/Denver',
	'America/Phoenix',
	'America/Los_Angeles',
	'America/Anchorage',
	'Pacific/Honolulu',
	'America/Puerto_Rico',
	'America/Mexico_City',
	'America/Monterrey',
	'America/Cancun',
	'America/Hermosillo',
	'America/Mazatlan',
	'America/Tijuana',
	'America/Guatemala',
	'America/El_Salvador',
	'America/Tegucigalpa',
	'America/Managua',
	'America/Costa_Rica',
	'America/Panama',
	'America/Havana',
	'America/Santo_Domingo',
	'America/Bogota',
	'America/Caracas',
	'America/Guayaquil',
	'America/Lima',
	'America/La_Paz',
	'America/Santiago',
	'America/Argentina/Buenos_Aires',
	'America/Montevideo',
	'America/Asuncion',
	'America/Sao_Paulo',
	'UTC'
];

const place = (zone: string) => (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');

/**
 * The options of a time-zone select, listed on the server so the page hydrates with the same list whatever
 * the browser's own zone database holds. `chosen` is always among them, even when it is an old alias.
 */
export function timeZoneChoices(chosen: string): TimeZoneChoices {
	// stored zones are canonical (canonicalTimeZone), so the chosen one matches its option here
	const common = commonZones.map((zone) => ({
		value: canonicalTimeZone(zone),
		label: zone === 'UTC' ? 'UTC' : `${zoneName(zone)} — ${place(zone)}`
	}));
	const all = Intl.supportedValuesOf('timeZone').map((zone) => ({
		value: zone,
		label: zone.replaceAll('_', ' ')
	}));
	if (![...common, ...all].some((choice) => choice.value === chosen)) {
		common.unshift({ value: chosen, label: `${zoneName(chosen)} — ${place(chosen)}` });
	}
	return { common, all };
}

/** "Pacific Time (America/Los_Angeles)": how a page names a class's zone once. */
export function zoneDescription(zone: string): string {
	const name = zoneName(zone);
	return name === zone ? zone : `${name} (${zone})`;
}
