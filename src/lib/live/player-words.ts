/** The words of a player's result on the phone: places, counts and streaks, in the reader's language. */
import { getLocale, intlLocale, m, type Locale } from '$lib/i18n';

const englishSuffixes: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** "1st", "2nd", "3rd", "11th", "22nd" in English; "1.º", "2.º" in Spanish. */
export function ordinal(n: number, locale: Locale = getLocale()): string {
	if (locale === 'es') return `${n}.º`;
	const rule = new Intl.PluralRules(intlLocale(locale), { type: 'ordinal' }).select(n);
	return `${n}${englishSuffixes[rule] ?? 'th'}`;
}

/** "3 in a row" from two right answers running; nothing to say for fewer. */
export function streakText(streak: number, locale: Locale = getLocale()): string | null {
	return streak >= 2 ? m.live_streak({ count: streak }, { locale }) : null;
}

/** "2nd of 24": the place among the session's players. */
export function placeText(rank: number, players: number, locale: Locale = getLocale()): string {
	return m.live_place({ place: ordinal(rank, locale), players }, { locale });
}
