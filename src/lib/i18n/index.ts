// One door to the product's languages: messages, links that keep the reader's language, and Intl's locale.
import {
	getLocale,
	localizeHref,
	deLocalizeHref,
	locales,
	type Locale
} from '$lib/paraglide/runtime';

export { m } from '$lib/paraglide/messages';
export { getLocale, locales, type Locale };

/** The locale Intl formats dates, numbers and plurals in: US English, Latin-American Spanish. */
export function intlLocale(locale: Locale = getLocale()): string {
	return locale === 'es' ? 'es-419' : 'en-US';
}

/** An app path in the reader's language: /learn stays /learn in English and becomes /es/learn in Spanish. */
export function localHref(path: string, locale: Locale = getLocale()): string {
	return localizeHref(path, { locale });
}

/** The route an address names, whatever its language: /es/learn → /learn. */
export function routePath(path: string): string {
	return deLocalizeHref(path);
}

/** The language's own name, as its speakers write it: shown by the switcher in that language. */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
