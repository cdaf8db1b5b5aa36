import { error } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { getDatabase } from '$lib/server/db';
import { inviteForm, inviteIdForm } from '$lib/server/auth/forms';
import { requireUser } from '$lib/server/auth/guards';
import {
	createInvite,
	listInvites,
	revokeInvite,
	rolesInviterMayInvite
} from '$lib/server/auth/invites';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { readerTimeZone } from '$lib/server/time-zones';
import type { RequestEvent } from '@sveltejs/kit';
import { localHref, m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Admins always; teachers while the admin lets them; everyone else is refused before anything is read. */
async function requireInviter(event: RequestEvent) {
	const user = requireUser(event);
	const db = await getDatabase();
	const roles = await rolesInviterMayInvite(db, user);
	if (roles.length === 0) error(403, m.invites_not_allowed());
	return { db, user, roles };
}

export const load: PageServerLoad = async (event) => {
	const { db, user, roles } = await requireInviter(event);
	const zone = await readerTimeZone(db, user);
	const invites = (await listInvites(db, user)).map(({ createdAt, expiresAt, ...invite }) => ({
		...invite,
		created: showDate(createdAt, zone, 'date'),
		// a deadline: its time and zone, as the invitee may be elsewhere
		expires: showDate(expiresAt, zone, 'dateTime')
	}));
	return { roles, invites, isAdmin: user.role === 'admin' };
};

export const actions: Actions = {
	create: async (event) => {
		const { db, user } = await requireInviter(event);
		const submitted = await readForm(event.request);
		const echo = { role: String(submitted.get('role') ?? '').slice(0, 20), note: '' };
		const form = parseForm(inviteForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
		const created = await createInvite(db, user, form.data);
		if (!created.ok) {
			const notAllowed = m.invites_not_allowed();
			return formFailure(403, notAllowed, { role: notAllowed }, echo);
		}
		// the only time the link exists outside the invitee's inbox: the token is stored hashed
		return {
			created: {
				link: new URL(localHref(`/invite/${created.token}`), event.url.origin).href,
				role: form.data.role,
				expires: showDate(created.expiresAt, await readerTimeZone(db, user), 'dateTime')
			}
		};
	},
	revoke: async (event) => {
		const { db, user } = await requireInviter(event);
		const form = parseForm(inviteIdForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);
		if (!(await revokeInvite(db, user, form.data.inviteId))) {
			return formFailure(404, m.invites_not_yours());
		}
		return { revoked: true };
	}
};
