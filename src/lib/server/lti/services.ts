import { SignJWT } from 'jose';
import type { Database } from '../db/database';
import { signingKey, toolKeyAlgorithm } from './keys';
import type { Platform } from './platforms';

/** A call to a platform's service (token, scores, roster) that did not succeed; kept as the sync's last error. */
export class ServiceFailure extends Error {
	constructor(
		message: string,
		readonly status: number | null
	) {
		super(message);
		this.name = 'ServiceFailure';
	}
}

const serviceTimeoutMs = 10_000;
const cachedTokens = new Map<string, { token: string; expiresAt: number }>();

/** fetch with a timeout, failing with a ServiceFailure that says what the platform answered. */
export async function callPlatform(
	url: string,
	init: RequestInit,
	what: string
): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(url, { ...init, signal: AbortSignal.timeout(serviceTimeoutMs) });
	} catch (error) {
		const reason =
			error instanceof Error
				? error.cause instanceof Error
					? error.cause.message
					: error.message
				: String(error);
		throw new ServiceFailure(`${what}: ${reason}`, null);
	}
	if (!response.ok) {
		const body = (await response.text().catch(() => '')).slice(0, 200);
		throw new ServiceFailure(`${what}: HTTP ${response.status} ${body}`.trim(), response.status);
	}
	return response;
}

/**
 * An OAuth 2 access token for the platform's services (client credentials, authenticated by a JWT the tool signs:
 * the LTI Advantage security framework). Kept per process until a minute before it expires.
 */
export async function accessToken(
	db: Database,
	platform: Platform,
	scopes: readonly string[],
	now = new Date()
): Promise<string> {
	const cacheKey = `${platform.id} ${[...scopes].sort().join(' ')}`;
	const cached = cachedTokens.get(cacheKey);
	if (cached && cached.expiresAt > now.getTime() + 60_000) return cached.token;
	const key = await signingKey(db, now);
	const issuedAt = Math.floor(now.getTime() / 1000);
	const assertion = await new SignJWT({})
		.setProtectedHeader({ alg: toolKeyAlgorithm, kid: key.kid, typ: 'JWT' })
		.setIssuer(platform.clientId)
		.setSubject(platform.clientId)
		.setAudience(platform.tokenUrl)
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + 5 * 60)
		.setJti(crypto.randomUUID())
		.sign(key.privateKey);
	const response = await callPlatform(
		platform.tokenUrl,
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: assertion,
				scope: scopes.join(' ')
			})
		},
		'token'
	);
	const body = (await response.json().catch(() => null)) as {
		access_token?: unknown;
		expires_in?: unknown;
	} | null;
	if (!body || typeof body.access_token !== 'string') {
		throw new ServiceFailure('token: the platform sent no access_token', response.status);
	}
	const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
	cachedTokens.set(cacheKey, {
		token: body.access_token,
		expiresAt: now.getTime() + lifetimeSeconds * 1000
	});
	return body.access_token;
}

/** Forgets a platform's tokens (after a 401, the platform may have revoked them). */
export function forgetTokens(platformId: string) {
	for (const key of cachedTokens.keys())
		if (key.startsWith(`${platformId} `)) cachedTokens.delete(key);
}
