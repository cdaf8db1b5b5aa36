import { error, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { staffAccountForm } from '$lib/server/auth/forms';
import { acceptInvite, lookUpInvite, type InviteState } from '$lib/server/auth/invites';
import { checkAllowance, limits, recordAttempt, waitInWords } from '$lib/server/auth/rate-limit';
import { homeFor, startSession } from '$lib/server/auth/sign-in';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { localHref, m } from '$lib/i18n';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

// functions, so each is said in the language of the request that meets it
const closedMessages: Record<Exclude<InviteState, 'open'>, () => string> = {
	used: () => m.invite_used(),
	expired: () => m.invite_expired(),
	revoked: () => m.invite_revoked()
};

/** A token that matches nothing counts against the address, so links can't be guessed by trying. */
async function guardedLookUp(event: RequestEvent, token: string) {
	const db = await getDatabase();
	const checks = [{ limit: limits.inviteTokenAddress, key: event.getClientAddress() }];
	const allowance = await checkAllowance(db, checks);
	if (!allowance.allowed) {
		event.setHeaders({ 'retry-after': String(allowance.retryAfterSeconds) });
		error(429, m.invite_too_many({ wait: waitInWords(allowance.retryAfterSeconds) }));
	}
	const invite = await lookUpInvite(db, token);
	if (!invite.found) {
		await recordAttempt(db, checks);
		error(404, m.invite_unknown());
	}
	return { db, invite };
}

export const load: PageServerLoad = async (event) => {
	const { invite } = await guardedLookUp(event, event.params.token);
	const user = event.locals.user;
	return {
		role: invite.role,
		inviterName: invite.inviterName,
		closedMessage: invite.state === 'open' ? null : closedMessages[invite.state](),
		signedInAs: user && !user.isGuest ? user.displayName : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db, invite } = await guardedLookUp(event, event.params.token);
		const submitted = await readForm(event.request);
		const echo = {
			name: String(submitted.get('name') ?? '').slice(0, 100),
			email: String(submitted.get('email') ?? '').slice(0, 254)
		};
		const user = event.locals.user;
		if (user && !user.isGuest) {
			const message = m.invite_sign_out_first({ name: user.displayName });
			return formFailure(409, message, {}, echo);
		}
		if (invite.state !== 'open') return formFailure(409, closedMessages[invite.state](), {}, echo);
		const form = parseForm(staffAccountForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const accepted = await acceptInvite(db, event.params.token, form.data);
		if (!accepted.ok) {
			if (accepted.reason === 'email-taken') {
				const message = m.invite_email_taken();
				return formFailure(409, message, { email: message }, echo);
			}
			if (accepted.reason === 'unknown') return formFailure(404, m.invite_unknown(), {}, echo);
			return formFailure(409, closedMessages[accepted.reason](), {}, echo);
		}
		const locale = await startSession(db, event, accepted.userId);
		redirect(303, localHref(homeFor(accepted.role), locale));
	}
};
