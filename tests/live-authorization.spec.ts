import { expect, test } from '@playwright/test';
import {
	accountWithCookie,
	joinOverHttp,
	liveSnapshot,
	requestWith,
	sessionFor
} from './fixtures/live';
import { readEventStream } from './fixtures/live-servers';

// A live session belongs to its teacher: every host page, file, stream and action refuses everyone else
// and changes nothing.

type Account = Awaited<ReturnType<typeof accountWithCookie>>;

interface World {
	teacher: Account;
	otherTeacher: Account;
	student: Account;
	session: { id: string; code: string };
	/** the guest player's resume cookie, and their player id */
	player: { cookie: string; id: string };
}

interface HostRequest {
	name: string;
	method: 'GET' | 'POST';
	path: (w: World) => string;
	/** a body the session's own teacher could send, so a refusal is about who asks, not what */
	form?: (w: World) => Record<string, string>;
}

const host = (w: World, rest = '') => `/live/host/${w.session.id}${rest}`;

const requests: HostRequest[] = [
	{ name: 'controls', method: 'GET', path: (w) => host(w) },
	{ name: 'rename step', method: 'GET', path: (w) => host(w, `?player=${w.player.id}`) },
	{ name: 'remove step', method: 'GET', path: (w) => host(w, `?remove=${w.player.id}`) },
	{ name: 'end step', method: 'GET', path: (w) => host(w, '?end') },
	{ name: 'projector', method: 'GET', path: (w) => host(w, '/projector') },
	{ name: 'report', method: 'GET', path: (w) => host(w, '/report') },
	{ name: 'report CSV', method: 'GET', path: (w) => host(w, '/report.csv') },
	{ name: 'join QR code', method: 'GET', path: (w) => host(w, '/qr.svg') },
	{ name: 'host event stream', method: 'GET', path: (w) => host(w, '/events') },
	{ name: 'pause', method: 'POST', path: (w) => host(w, '?/pause') },
	{ name: 'reveal', method: 'POST', path: (w) => host(w, '?/reveal') },
	{ name: 'next', method: 'POST', path: (w) => host(w, '?/next') },
	{ name: 'resume', method: 'POST', path: (w) => host(w, '?/resume') },
	{ name: 'end', method: 'POST', path: (w) => host(w, '?/end') },
	{
		name: 'rename a player',
		method: 'POST',
		path: (w) => host(w, '?/rename'),
		form: (w) => ({ playerId: w.player.id, nickname: 'Taken Over' })
	},
	{
		name: 'extra time',
		method: 'POST',
		path: (w) => host(w, '?/extraTime'),
		form: (w) => ({ playerId: w.player.id, seconds: '30' })
	},
	{
		name: 'remove a player',
		method: 'POST',
		path: (w) => host(w, '?/remove'),
		form: (w) => ({ playerId: w.player.id })
	}
];

const outsiders: { role: string; cookie: (w: World) => string | null; refusal: number }[] = [
	{ role: 'an anonymous visitor', cookie: () => null, refusal: 303 },
	{ role: 'a player of the session (guest)', cookie: (w) => w.player.cookie, refusal: 303 },
	{ role: 'a student', cookie: (w) => w.student.cookie, refusal: 403 },
	{ role: 'another teacher', cookie: (w) => w.otherTeacher.cookie, refusal: 403 }
];

test.describe('a live session belongs to its teacher', () => {
	let world: World;
	test.beforeAll(async ({ baseURL }) => {
		const [teacher, otherTeacher, student] = await Promise.all([
			accountWithCookie('teacher', 'live-owner'),
			accountWithCookie('teacher', 'live-intruder'),
			accountWithCookie('student', 'live-outsider')
		]);
		const session = await sessionFor(teacher.id);
		const cookie = await joinOverHttp(baseURL!, session.code, 'Secret Sam');
		const owner = await requestWith(baseURL!, teacher.cookie);
		// a question is open, so pause, reveal and end are all things the owner could do now
		expect((await owner.post(`/live/host/${session.id}?/next`, { form: {} })).status()).toBe(303);
		const controls = await owner.get(`/live/host/${session.id}`);
		const playerId = /\?player=([^"&]+)"/.exec(await controls.text())?.[1];
		expect(playerId, 'the player on the host page').toBeTruthy();
		await owner.dispose();
		world = {
			teacher,
			otherTeacher,
			student,
			session: { id: session.id, code: session.code },
			player: { cookie, id: playerId! }
		};
	});

	test('its own teacher can open every page, file and stream', async ({ baseURL }) => {
		const owner = await requestWith(baseURL!, world.teacher.cookie);
		for (const request of requests.filter((r) => r.method === 'GET')) {
			if (request.name === 'host event stream') continue;
			const response = await owner.get(request.path(world));
			expect(response.status(), request.name).toBe(200);
		}
		expect((await owner.get(host(world, '/report.csv'))).headers()['content-type']).toContain(
			'text/csv'
		);
		expect((await owner.get(host(world, '/qr.svg'))).headers()['content-type']).toContain(
			'image/svg+xml'
		);
		await owner.dispose();
		const stream = readEventStream(`${baseURL}${host(world, '/events')}`, {
			headers: { cookie: world.teacher.cookie }
		});
		const first = await stream.waitFor(() => true);
		expect(stream.status).toBe(200);
		expect(JSON.parse(first.data)).toMatchObject({
			sessionId: world.session.id,
			phase: 'question'
		});
		await stream.close();
	});

	for (const outsider of outsiders) {
		test(`${outsider.role} is refused everywhere and changes nothing`, async ({ baseURL }) => {
			const before = await liveSnapshot();
			const context = await requestWith(baseURL!, outsider.cookie(world));
			const code = new RegExp(`(?<![\\w-])${world.session.code}(?![\\w-])`);
			for (const request of requests) {
				const response =
					request.method === 'GET'
						? await context.get(request.path(world))
						: await context.post(request.path(world), { form: request.form?.(world) ?? {} });
				expect(response.status(), `${request.method} ${request.name}`).toBe(outsider.refusal);
				const text = await response.text();
				if (outsider.refusal === 303) {
					expect(response.headers().location, request.name).toMatch(/^\/signin\?redirectTo=/);
				} else {
					expect(text, request.name).toMatch(
						/This page is for teachers\.|This review session belongs to another teacher\./
					);
				}
				expect(text, request.name).not.toContain('Secret Sam');
				expect(text, request.name).not.toMatch(code);
			}
			await context.dispose();
			expect(await liveSnapshot()).toEqual(before);
		});
	}

	test('a player’s stream is only for players of the session', async ({ baseURL }) => {
		for (const cookie of [null, world.student.cookie, world.otherTeacher.cookie]) {
			const context = await requestWith(baseURL!, cookie);
			const response = await context.get(`/live/${world.session.code}/events`);
			expect(response.status()).toBe(403);
			expect(await response.text()).toContain('Join this review session first');
			await context.dispose();
		}
		// a resume cookie of another session does not open this one
		const other = await sessionFor(world.otherTeacher.id);
		const elsewhere = await joinOverHttp(baseURL!, other.code, 'Elsewhere');
		const borrowed = elsewhere.replace(other.id, world.session.id);
		const context = await requestWith(baseURL!, borrowed);
		expect((await context.get(`/live/${world.session.code}/events`)).status()).toBe(403);
		await context.dispose();
	});
});
