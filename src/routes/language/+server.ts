import { error, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { rememberLocaleCookie, saveAccountLocale } from '$lib/server/i18n/preference';
import { isLocale, localHref, m, routePath } from '$lib/i18n';
import type { RequestHandler } from './$types';

// the switcher's form: works without JavaScript, keeps the page, and remembers the choice
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData().catch(() => null);
	const locale = form?.get('locale');
	if (!isLocale(locale)) error(400, m.language_unknown());
	// only a path on this site: never an address elsewhere
	const path = routePath(safeRedirectTarget(String(form?.get('return') ?? '/'), '/'));
	rememberLocaleCookie(cookies, locale);
	if (locals.user) await saveAccountLocale(await getDatabase(), locals.user.id, locale);
	redirect(303, localHref(path, locale));
};
