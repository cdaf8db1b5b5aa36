// Test-only: a platform's half of a launch, enough to check the tool's verification (keys, JWKS, tokens).
import { createServer, type Server } from 'node:http';
import type { Cookies } from '@sveltejs/kit';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import { describeOnEachEngine } from '../db/testing';
import { verifyLaunch } from './launch';
import { applyLaunch } from './provision';
import { claim } from './claims';
import { beginLogin, stateCookieName } from './login';
import { registerPlatform } from './platforms';

export const toolOrigin = 'http://127.0.0.1:3999';
export const instructor = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
export const learner = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

export interface ReceivedScore {
	lineItem: string;
	authorization: string | undefined;
	contentType: string | undefined;
	body: Record<string, unknown>;
}

export interface TestPlatform {
	issuer: string;
	/** scores posted to its line items, in order */
	scores: ReceivedScore[];
	/** while true, the token and score endpoints answer 503 */
	down: boolean;
	/** the roster its memberships endpoint lists, two members a page */
	members: Record<string, unknown>[];
	clientId: string;
	deploymentId: string;
	platformId: string;
	/** signs claims (merged over a valid launch's) with the platform's key, or another key under a kid */
	sign(
		claims: Record<string, unknown>,
		options?: { key?: 'platform' | 'stranger'; kid?: string }
	): Promise<string>;
	/** starts a login the way a browser would and returns its state, nonce and the browser's cookies */
	login(): Promise<{ state: string; nonce: string; cookies: Cookies }>;
	/** a launch's claims for this platform, before any override */
	launch(nonce: string, overrides?: Record<string, unknown>): Record<string, unknown>;
	close(): Promise<void>;
}

async function keyPair(kid: string) {
	const { privateKey, publicKey } = await generateKeyPair('RS256');
	return {
		kid,
		privateKey,
		publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' } as JWK
	};
}

export function cookieJar(values: Record<string, string>): Cookies {
	return { get: (name: string) => values[name] } as unknown as Cookies;
}

/** A platform with a JWKS on 127.0.0.1, registered in `db` under a fresh issuer. */
export async function startTestPlatform(db: Database, name = 'Test LMS'): Promise<TestPlatform> {
	const own = await keyPair('platform-key-1');
	const stranger = await keyPair('stranger-key');
	const state = {
		down: false,
		scores: [] as ReceivedScore[],
		members: [] as Record<string, unknown>[]
	};
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			response.setHeader('content-type', 'application/json');
			if (url.pathname === '/jwks') return response.end(JSON.stringify({ keys: [own.publicJwk] }));
			if (state.down) {
				response.statusCode = 503;
				return response.end('{"error":"maintenance"}');
			}
			if (url.pathname === '/token') {
				const form = new URLSearchParams(body);
				const ok = form.get('grant_type') === 'client_credentials' && form.get('client_assertion');
				response.statusCode = ok ? 200 : 400;
				return response.end(
					JSON.stringify(
						ok
							? {
									access_token: 'token-1',
									token_type: 'Bearer',
									expires_in: 3600,
									scope: form.get('scope')
								}
							: { error: 'invalid_request' }
					)
				);
			}
			if (url.pathname.endsWith('/scores')) {
				state.scores.push({
					lineItem: url.pathname.replace(/\/scores$/, '') + url.search,
					authorization: request.headers.authorization,
					contentType: request.headers['content-type'],
					body: JSON.parse(body) as Record<string, unknown>
				});
				response.statusCode = 204;
				return response.end();
			}
			if (url.pathname === '/memberships') {
				const page = Number(url.searchParams.get('page') ?? '0');
				const members = state.members.slice(page * 2, page * 2 + 2);
				if ((page + 1) * 2 < state.members.length) {
					response.setHeader('link', `<${issuer}/memberships?page=${page + 1}>; rel="next"`);
				}
				return response.end(JSON.stringify({ id: 'roster', members }));
			}
			response.statusCode = 404;
			response.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	const issuer = `http://127.0.0.1:${address.port}`;
	const clientId = `client-${Math.random().toString(36).slice(2, 8)}`;
	const deploymentId = 'deployment-1';
	const registered = await registerPlatform(db, {
		name,
		issuer,
		clientId,
		authUrl: `${issuer}/auth`,
		tokenUrl: `${issuer}/token`,
		jwksUrl: `${issuer}/jwks`,
		deploymentIds: [deploymentId]
	});
	if (!registered.ok) throw new Error('platform not registered');
	const launch = (nonce: string, overrides: Record<string, unknown> = {}) => ({
		iss: issuer,
		aud: clientId,
		sub: 'teacher-1',
		nonce,
		name: 'Maya Torres',
		[claim.messageType]: 'LtiDeepLinkingRequest',
		[claim.version]: '1.3.0',
		[claim.deploymentId]: deploymentId,
		[claim.roles]: [instructor],
		[claim.context]: { id: 'course-101', title: 'Civics 101' },
		[claim.deepLinkingSettings]: {
			deep_link_return_url: `${issuer}/deep-link/return`,
			accept_types: ['ltiResourceLink'],
			accept_lineitem: true,
			data: 'opaque-data'
		},
		...overrides
	});
	return {
		issuer,
		get scores() {
			return state.scores;
		},
		get down() {
			return state.down;
		},
		set down(value: boolean) {
			state.down = value;
		},
		get members() {
			return state.members;
		},
		set members(value: Record<string, unknown>[]) {
			state.members = value;
		},
		clientId,
		deploymentId,
		platformId: registered.id,
		launch,
		async sign(claims, options = {}) {
			const signer = options.key === 'stranger' ? stranger : own;
			const { iat, exp, ...rest } = claims as { iat?: number; exp?: number };
			const now = Math.floor(Date.now() / 1000);
			return new SignJWT(rest)
				.setProtectedHeader({ alg: 'RS256', kid: options.kid ?? signer.kid })
				.setIssuedAt(iat ?? now)
				.setExpirationTime(exp ?? now + 300)
				.sign(signer.privateKey as CryptoKey);
		},
		async login() {
			const params = new URLSearchParams({
				iss: issuer,
				login_hint: 'teacher-1',
				target_link_uri: `${toolOrigin}/lti/launch`,
				client_id: clientId,
				lti_deployment_id: deploymentId
			});
			const { redirectTo, state } = await beginLogin(db, params, toolOrigin);
			const nonce = new URL(redirectTo).searchParams.get('nonce') ?? '';
			return { state, nonce, cookies: cookieJar({ [stateCookieName(state)]: state }) };
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export function launchForm(idToken: string, state: string): FormData {
	const form = new FormData();
	form.set('id_token', idToken);
	form.set('state', state);
	return form;
}

/** Declares `suite` on each engine with a fresh database and a platform registered in it. */
export function describeWithPlatform(
	name: string,
	suite: (context: () => { db: Database; platform: TestPlatform }) => void
) {
	describeOnEachEngine(name, (database) => {
		let opened: { db: Database; platform: TestPlatform } | undefined;
		beforeAll(async () => {
			const db = database();
			opened = { db, platform: await startTestPlatform(db) };
		});
		afterAll(() => opened?.platform.close());
		suite(() => {
			if (!opened) throw new Error('the platform is not started yet');
			return opened;
		});
	});
}

/** A whole launch as a browser makes it: a login, the platform's token of these claims, checked and applied. */
export async function launched(
	db: Database,
	platform: TestPlatform,
	content: Content,
	overrides: Record<string, unknown>,
	now?: Date
) {
	const login = await platform.login();
	const token = await platform.sign(platform.launch(login.nonce, overrides));
	const launch = await verifyLaunch(db, launchForm(token, login.state), login.cookies);
	return applyLaunch(db, content, launch, now);
}
