import { m, type Locale } from '$lib/i18n';

/** A class's default language named in the reader's language ("Spanish", "español"), for sentences. */
export function languageName(locale: Locale): string {
	return locale === 'es' ? m.class_language_es() : m.class_language_en();
}
