import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { removePlayer } from '../src/lib/server/live/sessions';
import { withE2eDatabase } from './fixtures/db';
import { accountWithCookie, classWith, lessonSessionIn, sessionFor } from './fixtures/live';

// Issue #14, findings 5 and 6, through the real server: wrong class and live codes are limited per
// account and per address, and a removed guest's network stays out. Each test sends from its own loopback
// address (127.0.0.x), so the limits it reaches never touch the 127.0.0.1 every other spec uses.

interface Sent {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** One request from `from` (a loopback address), never following redirects. */
function send(
	origin: string,
	from: string,
	path: string,
	options: { method?: 'GET' | 'POST'; cookie?: string; form?: Record<string, string> } = {}
): Promise<Sent> {
	const url = new URL(path, origin);
	const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: options.method ?? 'GET',
				localAddress: from,
				headers: {
					origin,
					accept: 'text/html',
					...(options.cookie ? { cookie: options.cookie } : {}),
					...(body
						? {
								'content-type': 'application/x-www-form-urlencoded',
								'content-length': String(Buffer.byteLength(body))
							}
						: {})
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text })
				);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** Class codes of the right shape that no class has (a random one matches once in 190 million). */
const wrongClassCode = (n: number) => `CCCCD${'FGHJKMNPQRTVWXYZ234679'[n]}`;

test('POST /join: the 11th class code a student tries after 10 wrong ones gets 429 with Retry-After', async ({
	baseURL
}) => {
	const origin = baseURL!;
	const from = '127.0.0.41';
	const teacher = await accountWithCookie('teacher', 'guess-host');
	const student = await accountWithCookie('student', 'guesser');
	const klass = await classWith(teacher, []);
	const join = (code: string) =>
		send(origin, from, '/join', { method: 'POST', cookie: student.cookie, form: { code } });

	for (let n = 0; n < 10; n++) {
		const wrong = await join(wrongClassCode(n));
		expect(wrong.status, `guess ${n + 1}`).toBe(404);
		expect(wrong.headers['retry-after']).toBeUndefined();
	}
	const refused = await join(klass.joinCode);

	expect(refused.status).toBe(429);
	expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
	expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
	expect(refused.body).toContain(
		'Too many wrong class codes were tried. Try again in 15 minutes, and check the code with your teacher.'
	);
	const member = await withE2eDatabase(async (db) => {
		const rows = await db.read.select().from(db.tables.classMembers);
		return rows.some((row) => row.classId === klass.id && row.userId === student.id);
	});
	expect(member).toBe(false);
});

test('GET /live/<code> and the /live form: after 60 wrong codes from one address, 429 for any code, players still in', async ({
	baseURL
}) => {
	const origin = baseURL!;
	const from = '127.0.0.42';
	const teacher = await accountWithCookie('teacher', 'live-guess-host');
	const session = await sessionFor(teacher.id);
	// a guest who joined from the same network before the guessing started
	const joined = await send(origin, from, `/live/${session.code}?/join`, {
		method: 'POST',
		form: { nickname: 'Early' }
	});
	expect(joined.status).toBe(303);
	const guestCookie = String(joined.headers['set-cookie']).split(';')[0]!;
	const wrongCode = (n: number) =>
		String((Number(session.code) + 1 + n) % 1_000_000).padStart(6, '0');

	for (let n = 0; n < 60; n++) {
		const wrong = await send(origin, from, `/live/${wrongCode(n)}`);
		expect(wrong.status, `guess ${n + 1}`).toBe(404);
	}
	const page = await send(origin, from, `/live/${session.code}`);
	const form = await send(origin, from, '/live?/join', {
		method: 'POST',
		form: { code: session.code }
	});
	const events = await send(origin, from, `/live/${wrongCode(99)}/events`);
	const player = await send(origin, from, `/live/${session.code}`, { cookie: guestCookie });
	const otherNetwork = await send(origin, '127.0.0.43', `/live/${session.code}`);

	for (const refused of [page, form, events]) {
		expect(refused.status).toBe(429);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
	}
	expect(page.body).toContain(
		'Too many wrong session codes were tried from your network. Try again in 15 minutes'
	);
	expect(form.body).toContain('Too many wrong session codes were tried from your network.');
	expect(player.status).toBe(200);
	expect(player.body).toContain('Playing as');
	expect(otherNetwork.status).toBe(200);
});

test('a removed guest cannot come back from a fresh device on the same network; the 41st guest from one network is turned away', async ({
	baseURL
}) => {
	const origin = baseURL!;
	const teacher = await accountWithCookie('teacher', 'live-removal-host');
	const session = await sessionFor(teacher.id);
	const join = (from: string, nickname: string, cookie?: string) =>
		send(origin, from, `/live/${session.code}?/join`, {
			method: 'POST',
			form: { nickname },
			...(cookie ? { cookie } : {})
		});

	const troll = await join('127.0.0.44', 'Troll');
	expect(troll.status).toBe(303);
	await withE2eDatabase(async (db) => {
		const rows = await db.read.select().from(db.tables.livePlayers);
		const row = rows.find((p) => p.sessionId === session.id && p.nickname === 'Troll');
		expect(row?.joinedFrom).toBe('127.0.0.44');
		const removed = await removePlayer(db, {
			sessionId: session.id,
			teacherId: teacher.id,
			playerId: row!.id
		});
		expect(removed.ok).toBe(true);
	});
	const fresh = await join('127.0.0.44', 'Someone New');
	const elsewhere = await join('127.0.0.45', 'Someone New');

	expect(fresh.status).toBe(403);
	expect(fresh.body).toContain(
		'The teacher removed a guest who joined from this network, so no more guests can join this session from it.'
	);
	expect(elsewhere.status).toBe(303);

	// one school network: 40 guests fit, the 41st is told why not
	const crowded = await withE2eDatabase((db) => lessonSessionIn(db, teacher.id, null));
	for (let n = 1; n <= 40; n++) {
		const guest = await send(origin, '127.0.0.46', `/live/${crowded.code}?/join`, {
			method: 'POST',
			form: { nickname: `Pupil ${n}` }
		});
		expect(guest.status, `guest ${n}`).toBe(303);
	}
	const fortyFirst = await send(origin, '127.0.0.46', `/live/${crowded.code}?/join`, {
		method: 'POST',
		form: { nickname: 'Pupil 41' }
	});
	expect(fortyFirst.status).toBe(403);
	expect(fortyFirst.body).toContain(
		'40 guests have already joined this session from your network, the most it takes from one network.'
	);
	const host = await send(origin, '127.0.0.1', `/live/host/${crowded.id}`, {
		cookie: teacher.cookie
	});
	expect(host.body.replace(/\s+/g, ' ')).toContain(
		'40 guests have joined from one network, the most one network may add, so more guests from it are turned away.'
	);
});

test('a signed-in student picks a nickname unless the teacher shows real names', async ({
	browser,
	baseURL
}) => {
	const origin = baseURL!;
	const teacher = await accountWithCookie('teacher', 'names-host');
	const student = await accountWithCookie('student', 'names-student');
	const session = await withE2eDatabase((db) =>
		lessonSessionIn(db, teacher.id, null, { showRealNames: false })
	);
	const context = await browser.newContext({ baseURL: origin });
	await context.addCookies([
		{
			name: student.cookie.split('=')[0]!,
			value: student.token,
			url: origin,
			httpOnly: true,
			sameSite: 'Lax'
		}
	]);
	const page = await context.newPage();

	await page.goto(`/live/${session.code}`);
	await expect(page.getByText(`You play as yourself (${student.displayName})`)).toBeVisible();
	await expect(page.getByRole('button', { name: `Join as ${student.displayName}` })).toHaveCount(0);
	await page.getByLabel('Nickname').fill('Rocket');
	await page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(page.getByText('Playing as Rocket')).toBeVisible();

	const hostPage = await send(origin, '127.0.0.1', `/live/host/${session.id}`, {
		cookie: teacher.cookie
	});
	expect(hostPage.body).toContain('Rocket');
	expect(hostPage.body).toContain(`(${student.displayName})`);
	const projector = await send(origin, '127.0.0.1', `/live/host/${session.id}/projector`, {
		cookie: teacher.cookie
	});
	expect(projector.body).toMatch(/<li[^>]*>Rocket<\/li>/);
	expect(projector.body).not.toMatch(new RegExp(`<li[^>]*>${student.displayName}</li>`));
	await context.close();
});
