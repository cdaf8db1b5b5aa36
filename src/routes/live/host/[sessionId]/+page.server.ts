import { error, redirect } from '@sveltejs/kit';
import { localHref, m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm } from '$lib/server/forms';
import { nicknameMaxLength, nicknameMinLength } from '$lib/server/live/nicknames';
import {
	extraTimeForm,
	hostControl,
	maxExtraSeconds,
	playerIdForm,
	renamePlayerForm,
	requireOwnLiveSession
} from '$lib/server/live/pages';
import {
	end,
	pause,
	removePlayer,
	renamePlayer,
	resume,
	reveal,
	setExtraTime,
	startOrNext
} from '$lib/server/live/sessions';
import { hostView, loadLiveState } from '$lib/server/live/views';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { session } = await requireOwnLiveSession(event, db);
	const state = await loadLiveState(db, getContent(), session.id);
	if (!state) error(404, m.live_err_no_such_session());
	const view = hostView(state);
	const base = {
		sessionId: session.id,
		title: session.title,
		code: session.code,
		joinUrl: `${event.url.origin}${localHref(`/live/${session.code}`)}`
	};

	// ?remove=, ?player= and ?end are the confirm and edit steps, so they work without JavaScript
	const params = event.url.searchParams;
	const chosenId = params.get('remove') ?? params.get('player');
	const player = chosenId === null ? undefined : state.players.get(chosenId);
	// a player removed meanwhile (or a stale link) just shows the controls again
	if (player && !player.removedAt) {
		const who = {
			id: player.id,
			nickname: player.nickname,
			signedIn: player.userId !== null,
			// only the teacher's pages name a signed-in student: others see the nickname
			realName: player.userId === null ? null : player.realName
		};
		if (params.has('remove')) return { ...base, mode: 'remove' as const, player: who };
		return {
			...base,
			mode: 'player' as const,
			player: {
				...who,
				extraSeconds: player.userId ? (session.extraTime[player.userId] ?? 0) : 0,
				timeAccommodation: player.timeAccommodation
			},
			nicknameMinLength,
			nicknameMaxLength,
			maxExtraSeconds
		};
	}
	if (params.has('end') && session.phase !== 'ended') return { ...base, mode: 'end' as const };
	return { ...base, mode: 'controls' as const, view, serverNow: Date.now() };
};

const backToControls = (sessionId: string) => `/live/host/${sessionId}`;

export const actions: Actions = {
	next: hostControl((db, ref) => startOrNext(db, ref), backToControls),
	reveal: hostControl((db, ref) => reveal(db, ref), backToControls),
	pause: hostControl((db, ref) => pause(db, ref), backToControls),
	resume: hostControl((db, ref) => resume(db, ref), backToControls),
	end: hostControl((db, ref) => end(db, ref), backToControls),

	rename: async (event) => {
		const db = await getDatabase();
		const { teacher, session } = await requireOwnLiveSession(event, db);
		const submitted = await readForm(event.request);
		const values = {
			playerId: String(submitted.get('playerId') ?? '').slice(0, 100),
			nickname: String(submitted.get('nickname') ?? '').slice(0, 40)
		};
		const form = parseForm(renamePlayerForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);
		const result = await renamePlayer(db, {
			sessionId: session.id,
			teacherId: teacher.id,
			playerId: form.data.playerId,
			nickname: form.data.nickname
		});
		if (!result.ok) {
			return formFailure(result.status, result.message, { nickname: result.message }, values);
		}
		redirect(303, localHref(`/live/host/${session.id}`));
	},

	extraTime: async (event) => {
		const db = await getDatabase();
		const { teacher, session } = await requireOwnLiveSession(event, db);
		const submitted = await readForm(event.request);
		const values = {
			playerId: String(submitted.get('playerId') ?? '').slice(0, 100),
			seconds: String(submitted.get('seconds') ?? '').slice(0, 10)
		};
		const form = parseForm(extraTimeForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);
		const result = await setExtraTime(db, {
			sessionId: session.id,
			teacherId: teacher.id,
			playerId: form.data.playerId,
			seconds: form.data.seconds
		});
		if (!result.ok) {
			return formFailure(result.status, result.message, { seconds: result.message }, values);
		}
		redirect(303, localHref(`/live/host/${session.id}`));
	},

	remove: async (event) => {
		const db = await getDatabase();
		const { teacher, session } = await requireOwnLiveSession(event, db);
		const submitted = await readForm(event.request);
		const form = parseForm(playerIdForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);
		const result = await removePlayer(db, {
			sessionId: session.id,
			teacherId: teacher.id,
			playerId: form.data.playerId
		});
		if (!result.ok) return formFailure(result.status, result.message);
		redirect(303, localHref(`/live/host/${session.id}`));
	}
};
