import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireTeacher } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { formFailure } from '$lib/server/forms';
import { answerDeepLink, deepLinkChoices, pendingDeepLink } from '$lib/server/lti/deep-linking';
import { LtiRefusal } from '$lib/server/lti/refusal';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = requireTeacher(event);
	// after the pick the request is spent: the page shows the action's signed answer instead
	if (event.request.method === 'POST') return { platformName: null, choices: null };
	const db = await getDatabase();
	const pending = await pendingDeepLink(db, event.params.id, teacher.id);
	if (!pending) error(404, m.lti_deep_link_gone());
	return { platformName: pending.platformName, choices: deepLinkChoices(getContent()) };
};

export const actions: Actions = {
	pick: async (event) => {
		const teacher = requireTeacher(event);
		const form = await readForm(event.request);
		const target = String(form.get('target') ?? '').slice(0, 200);
		const behaviour = String(form.get('behaviour') ?? '').slice(0, 20);
		const db = await getDatabase();
		try {
			const response = await answerDeepLink(db, getContent(), {
				id: event.params.id,
				userId: teacher.id,
				target,
				behaviour,
				toolOrigin: event.url.origin
			});
			// the page's next form posts to the LMS: its origin joins this response's CSP form-action
			event.locals.formActionOrigin = new URL(response.returnUrl).origin;
			return { response };
		} catch (refusal) {
			if (!(refusal instanceof LtiRefusal) || refusal.status === 502 || refusal.status === 401) {
				throw refusal;
			}
			return formFailure(refusal.status, refusal.message, {}, { target, behaviour });
		}
	}
};
