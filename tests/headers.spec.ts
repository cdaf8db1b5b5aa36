import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { createClassWorld, quizLesson, requestAs, type Person } from './fixtures/classes';
import { joinOverHttp } from './fixtures/live';

type World = Awaited<ReturnType<typeof createClassWorld>>;

/** The pages each kind of signed-in visitor sees, every one of them about that person. */
function pagesOf(world: World): [who: Person, paths: string[]][] {
	const lesson = `/lessons/${quizLesson.slug}`;
	const classPage = `/classes/${world.ownClass.id}`;
	const host = `/live/host/${world.live.id}`;
	return [
		[
			world.student,
			[
				'/',
				'/learn',
				'/learn/__data.json',
				'/account',
				'/review',
				'/lessons',
				lesson,
				`${lesson}/quiz`,
				`${lesson}/quiz/attempts/${world.attemptId}`,
				'/glossary',
				'/timeline',
				'/join',
				'/live',
				`/live/${world.live.code}`
			]
		],
		[
			world.teacher,
			[
				'/classes',
				classPage,
				`${classPage}/grading`,
				`${classPage}/questions`,
				`${classPage}/students`,
				`${classPage}/assignments`,
				`${classPage}/settings`,
				'/teacher-guide',
				'/live',
				host,
				`${host}/projector`,
				`${host}/report`,
				'/account'
			]
		],
		[world.guest, ['/', '/learn', lesson, `${lesson}/quiz`, '/review', `/live/${world.live.code}`]]
	];
}

test('every page a signed-in person or a guest gets is marked private and never stored', async ({
	baseURL
}) => {
	const world = await createClassWorld();
	for (const [who, paths] of pagesOf(world)) {
		const context = await requestAs(baseURL!, who);
		for (const path of paths) {
			const response = await context.get(path, { maxRedirects: 0 });
			const where = `${who.kind} ${path}`;
			expect(response.status(), where).toBe(200);
			expect(response.headers()['cache-control'], where).toBe('private, no-store');
			expect(response.headers()['vary'], where).toMatch(/cookie/i);
		}
		await context.dispose();
	}
});

test('a live player known only by the resume cookie gets private pages too', async ({
	baseURL
}) => {
	const world = await createClassWorld();
	const cookie = await joinOverHttp(baseURL!, world.lobbyLive.code, 'Header Hana');
	const response = await fetch(`${baseURL}/live/${world.lobbyLive.code}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	expect(await response.text()).toContain('Header Hana');
	expect(response.headers.get('cache-control')).toBe('private, no-store');
});

test('an endpoint that chose no-store keeps it', async ({ baseURL }) => {
	const world = await createClassWorld();
	const context = await requestAs(baseURL!, world.student);
	const response = await context.get('/account/export');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('no-store');
	await context.dispose();
});

test('static files carry nosniff, a strict CSP, X-Frame-Options and Referrer-Policy; immutable ones stay cacheable', async ({
	request
}) => {
	const home = await (await request.get('/')).text();
	const assets = [...new Set(home.match(/\/_app\/immutable\/[\w./-]+\.(?:js|css)/g) ?? [])];
	expect(assets.length).toBeGreaterThan(0);
	for (const path of [...assets, '/favicon.svg', '/_app/version.json']) {
		const response = await request.get(path);
		const headers = response.headers();
		expect(response.status(), path).toBe(200);
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		expect(headers['content-security-policy'], path).toContain("default-src 'none'");
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
		if (path.startsWith('/_app/immutable/')) {
			expect(headers['cache-control'], path).toBe('public,max-age=31536000,immutable');
		}
	}
});

/** POSTs `body` in 64 KB chunks with no Content-Length, as a streaming client would. */
function postChunked(url: string, body: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const outgoing = httpRequest(
			target,
			{
				method: 'POST',
				headers: {
					origin: target.origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'transfer-encoding': 'chunked'
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
			}
		);
		// the server may answer and stop reading before the last chunk: that is the point
		outgoing.on('error', (error) => {
			if (!('code' in error && (error.code === 'EPIPE' || error.code === 'ECONNRESET'))) {
				reject(error);
			}
		});
		const chunk = 64 * 1024;
		for (let at = 0; at < body.length; at += chunk) outgoing.write(body.slice(at, at + chunk));
		outgoing.end();
	});
}

test('a 3 MB chunked body without Content-Length is refused with 413, a small one is read', async ({
	baseURL
}) => {
	const large = await postChunked(
		`${baseURL}/signin`,
		`login=&password=&padding=${'x'.repeat(3 * 1024 * 1024)}`
	);
	expect(large.status).toBe(413);
	expect(large.text).toContain('This request is too large');

	const small = await postChunked(`${baseURL}/signin`, 'login=&password=');
	expect(small.status).toBe(400);
	expect(small.text).toContain('Email or username is required.');
});
