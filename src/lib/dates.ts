import { TZDate } from '@date-fns/tz';
import { intlLocale } from '$lib/i18n';

/**
 * One clock: every date a page shows is formatted on the server, in a named IANA zone (the class's), and
 * sent as text, so it reads the same with JavaScript on or off and wherever the reader's device thinks it is.
 */
export interface ShownDate {
	/** the instant, for <time datetime> */
	iso: string;
	text: string;
}

/** due: weekday, date and time; dateTime: date and time; date: the day alone */
export type DateStyle = 'due' | 'dateTime' | 'date';

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
	due: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
	dateTime: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
	date: { month: 'short', day: 'numeric' }
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
	zone: string,
	options: Intl.DateTimeFormatOptions,
	locale = 'en-US'
): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${JSON.stringify(options)}`;
	let found = formatters.get(key);
	if (!found)
		formatters.set(key, (found = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })));
	return found;
}

export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone.length > 0 && zone.length <= 64;
	} catch {
		return false;
	}
}

/** The zone as people say it: "Pacific Time", "Central European Time"; UTC stays UTC. */
export function zoneName(zone: string, at = new Date(), locale = intlLocale()): string {
	if (/^(Etc\/)?(UTC|GMT|Universal|Zulu)$/i.test(zone)) return 'UTC';
	const part = formatter(zone, { timeZoneName: 'longGeneric' }, locale)
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName');
	return part?.value ?? zone;
}

/**
 * The date as a reader in `zone` says it, e.g. "Fri, Dec 5, 3:30 PM Pacific Time". The year is added when it
 * is not the current one there; the zone is named unless `withZone` is false (a page that names it once).
 */
export function showDate(
	date: Date,
	zone: string,
	style: DateStyle = 'due',
	options: { withZone?: boolean; now?: Date; locale?: string } = {}
): ShownDate {
	const now = options.now ?? new Date();
	// the reader's language (the request's on the server); the numbers and the zone stay the same
	const locale = options.locale ?? intlLocale();
	const year = (d: Date) => formatter(zone, { year: 'numeric' }).format(d);
	const withYear = year(date) !== year(now);
	const text = formatter(
		zone,
		{ ...styles[style], ...(withYear ? { year: 'numeric' } : {}) },
		locale
	)
		.format(date)
		// ICU puts a narrow no-break space before AM/PM; a plain one reads and copies the same everywhere
		.replace(/\u202f/g, ' ');
	const withTime = style !== 'date';
	const named =
		(options.withZone ?? true) && withTime ? `${text} ${zoneName(zone, date, locale)}` : text;
	return { iso: date.toISOString(), text: named };
}

/** The instant a wall-clock time in `zone` names (what a teacher types into a due date and time). */
export function instantInZone(
	wall: { year: number; month: number; day: number; hour: number; minute: number },
	zone: string
): Date {
	const zoned = new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, zone);
	return new Date(zoned.getTime());
}

/** The wall-clock date (yyyy-mm-dd) and time (hh:mm) of an instant in `zone`, to refill a form. */
export function wallTimeInZone(date: Date, zone: string): { date: string; time: string } {
	const parts = Object.fromEntries(
		formatter(zone, {
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(date)
			.map((p) => [p.type, p.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`
	};
}

/** A time-zone select's options, listed on the server (see $lib/server/time-zones). */
export interface TimeZoneChoices {
	/** "Pacific Time — Los Angeles": the zones most schools here use, and the chosen one */
	common: { value: string; label: string }[];
	/** every zone the server knows, by its IANA name */
	all: { value: string; label: string }[];
}
