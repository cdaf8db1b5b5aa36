import { error, redirect, type Cookies } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm } from '$lib/server/forms';
import { submitLiveAnswer } from '$lib/server/live/answers';
import { answerIndexForm } from '$lib/server/live/pages';
import { joinLiveSession, liveCookieName, playerFor } from '$lib/server/live/players';
import { sessionByCode } from '$lib/server/live/sessions';
import { loadLiveState, playerView } from '$lib/server/live/views';
import { nicknameMaxLength, nicknameMinLength } from '$lib/server/live/nicknames';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const noSession = (code: string) =>
	`No review session has the code ${code.slice(0, 20)}. Check the code on the projector.`;

async function findSession(code: string) {
	const session = await sessionByCode(await getDatabase(), code);
	if (!session) error(404, noSession(code));
	return session;
}

const resumeToken = (cookies: Cookies, sessionId: string) =>
	cookies.get(liveCookieName(sessionId)) ?? null;

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const session = await findSession(params.code);
	const db = await getDatabase();
	const user = locals.user;
	const base = { code: session.code, title: session.title };
	if (user && user.id === session.teacherId) {
		return { ...base, mode: 'host' as const, sessionId: session.id };
	}
	const player = await playerFor(db, session.id, {
		user,
		resumeToken: resumeToken(cookies, session.id)
	});
	if (!player) {
		return {
			...base,
			mode: 'join' as const,
			ended: session.phase === 'ended',
			signedInAs: user && !user.isGuest ? user.displayName : null,
			nicknameMinLength,
			nicknameMaxLength
		};
	}
	const state = await loadLiveState(db, getContent(), session.id);
	const view = state && playerView(state, player.id);
	if (!view) error(404, noSession(params.code));
	return {
		...base,
		mode: 'play' as const,
		view,
		// the device's clock may be off; the timer corrects by the difference
		serverNow: Date.now()
	};
};

export const actions: Actions = {
	join: async ({ request, params, locals, cookies, url }) => {
		const submitted = await readForm(request);
		const nickname = submitted.get('nickname');
		const values = { nickname: typeof nickname === 'string' ? nickname.slice(0, 40) : '' };
		const session = await findSession(params.code);
		const joined = await joinLiveSession(await getDatabase(), {
			code: session.code,
			user: locals.user,
			nickname: nickname ?? undefined,
			resumeToken: resumeToken(cookies, session.id)
		});
		if (!joined.ok) {
			return formFailure(joined.status, joined.message, { nickname: joined.message }, values);
		}
		if (joined.resumeToken) {
			cookies.set(liveCookieName(joined.session.id), joined.resumeToken, {
				path: '/live',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				// a school day is plenty: the token only brings a guest back to this one session
				maxAge: 60 * 60 * 12
			});
		}
		redirect(303, `/live/${joined.session.code}`);
	},

	answer: async ({ request, params, locals, cookies }) => {
		const submitted = await readForm(request);
		const session = await findSession(params.code);
		// the page shows the message while the session is still at this version
		const values = { version: String(session.version) };
		const db = await getDatabase();
		const player = await playerFor(db, session.id, {
			user: locals.user,
			resumeToken: resumeToken(cookies, session.id)
		});
		if (!player) {
			return formFailure(403, 'Join the session before you answer.', {}, values);
		}
		const form = parseForm(answerIndexForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);
		const result = await submitLiveAnswer(db, getContent(), {
			sessionId: session.id,
			playerId: player.id,
			questionIndex: form.data.questionIndex,
			form: submitted
		});
		if (!result.ok) {
			// the session may have moved on while the answer was checked: tie the message to where it is now
			const now = (await sessionByCode(db, session.code)) ?? session;
			return formFailure(result.status, result.message, {}, { version: String(now.version) });
		}
		redirect(303, `/live/${session.code}`);
	}
};
