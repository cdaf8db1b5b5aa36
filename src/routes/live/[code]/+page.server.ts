import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getLocale, localHref, locales, m } from '$lib/i18n';
import { isMember } from '$lib/server/classes/classes';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm } from '$lib/server/forms';
import { submitLiveAnswer } from '$lib/server/live/answers';
import { lookUpLiveCode, noLiveSession, type LiveCodeLookup } from '$lib/server/live/guesses';
import { answerIndexForm } from '$lib/server/live/pages';
import { followPlayerLocale, joinLiveSession, liveCookieName } from '$lib/server/live/players';
import { sessionByCode } from '$lib/server/live/sessions';
import { loadLiveState, playerView } from '$lib/server/live/views';
import { exampleNicknames, nicknameMaxLength, nicknameMinLength } from '$lib/server/live/nicknames';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

type CodeEvent = Pick<
	RequestEvent<{ code: string }>,
	'params' | 'locals' | 'cookies' | 'getClientAddress' | 'setHeaders'
>;

const resumeToken = (event: CodeEvent, sessionId: string) =>
	event.cookies.get(liveCookieName(sessionId)) ?? null;

/** The session in the URL; wrong codes count against the address (guesses.ts), and past the limit: 429. */
async function lookUp(event: CodeEvent): Promise<LiveCodeLookup> {
	const found = await lookUpLiveCode(await getDatabase(), {
		code: event.params.code,
		address: event.getClientAddress(),
		user: event.locals.user,
		resumeTokenFor: (sessionId) => resumeToken(event, sessionId)
	});
	if (!found.ok && found.status === 429) {
		event.setHeaders({ 'retry-after': String(found.retryAfterSeconds) });
	}
	return found;
}

async function findSession(event: CodeEvent) {
	const found = await lookUp(event);
	if (!found.ok) error(found.status, found.message);
	return found;
}

export const load: PageServerLoad = async (event) => {
	const { session, player } = await findSession(event);
	const db = await getDatabase();
	const user = event.locals.user;
	const base = { code: session.code, title: session.title };
	if (user && user.id === session.teacherId) {
		return { ...base, mode: 'host' as const, sessionId: session.id };
	}
	if (!player) {
		const account = user && !user.isGuest ? user : null;
		return {
			...base,
			mode: 'join' as const,
			ended: session.phase === 'ended',
			signedInAs: account?.displayName ?? null,
			// joinLiveSession decides; this only picks what the page offers
			classMember:
				account && session.classId ? await isMember(db, session.classId, account.id) : false,
			// otherwise a signed-in student picks a nickname too, and only the teacher sees their name
			realNames: session.showRealNames,
			joinMode: session.joinMode,
			exampleName: exampleNicknames[session.nicknameLanguage],
			nicknameMinLength,
			nicknameMaxLength
		};
	}
	// the page's language is the phone's: /es/live/CODE turns this player's stream Spanish too
	if (!player.removedAt) await followPlayerLocale(db, player, getLocale());
	const state = await loadLiveState(db, getContent(), session.id);
	const view = state && playerView(state, player.id);
	if (!view) error(404, noLiveSession(event.params.code));
	return {
		...base,
		mode: 'play' as const,
		view,
		// the device's clock may be off; the timer corrects by the difference
		serverNow: Date.now()
	};
};

export const actions: Actions = {
	join: async (event) => {
		const submitted = await readForm(event.request);
		const nickname = submitted.get('nickname');
		const values = { nickname: typeof nickname === 'string' ? nickname.slice(0, 40) : '' };
		const found = await lookUp(event);
		if (!found.ok) {
			if (found.status === 404) error(404, found.message);
			return formFailure(429, found.message, { nickname: found.message }, values);
		}
		const joined = await joinLiveSession(await getDatabase(), {
			code: found.session.code,
			user: event.locals.user,
			nickname: nickname ?? undefined,
			resumeToken: resumeToken(event, found.session.id),
			address: event.getClientAddress(),
			locale: getLocale()
		});
		if (!joined.ok) {
			return formFailure(joined.status, joined.message, { nickname: joined.message }, values);
		}
		if (joined.resumeToken) {
			// under each language's path (/live and /es/live), so switching language keeps the player
			for (const locale of locales) {
				event.cookies.set(liveCookieName(joined.session.id), joined.resumeToken, {
					path: localHref('/live', locale),
					httpOnly: true,
					sameSite: 'lax',
					secure: event.url.protocol === 'https:',
					// a school day is plenty: the token only brings a guest back to this one session
					maxAge: 60 * 60 * 12
				});
			}
		}
		redirect(303, localHref(`/live/${joined.session.code}`));
	},

	answer: async (event) => {
		const submitted = await readForm(event.request);
		const found = await lookUp(event);
		if (!found.ok) {
			if (found.status === 404) error(404, found.message);
			return formFailure(429, found.message);
		}
		const { session, player } = found;
		// the page shows the message while the session is still at this version
		const values = { version: String(session.version) };
		const db = await getDatabase();
		if (!player) {
			return formFailure(403, m.live_err_join_first(), {}, values);
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
		redirect(303, localHref(`/live/${session.code}`));
	}
};
