import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { lt } from 'drizzle-orm';
import { m } from '$lib/i18n';
import type { Database } from '../db/database';
import { isDeployment, platformFor } from './platforms';
import { LtiRefusal } from './refusal';

/** How long a login may take from the tool's redirect to the platform's launch POST. */
export const loginLifetimeMs = 10 * 60 * 1000;

/** The tool's own addresses, which the platform's admin registers. */
export function toolUrls(origin: string) {
	return {
		login: `${origin}/lti/login`,
		launch: `${origin}/lti/launch`,
		deepLinking: `${origin}/lti/launch`,
		jwks: `${origin}/lti/jwks`
	};
}

const randomToken = () => encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
export const stateHash = (state: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(state)));

/** The cookie that ties a login to the browser that started it (one per login, so two tabs don't collide). */
export const stateCookieName = (state: string) => `evidencia_lti_${stateHash(state).slice(0, 16)}`;

/**
 * The launch POST comes from the platform's site: over HTTPS the cookie must be SameSite=None to come with it.
 * Over plain HTTP (this machine only) browsers refuse None without Secure; there the platform is same-site.
 */
export function setStateCookie(cookies: Cookies, url: URL, state: string) {
	const secure = url.protocol === 'https:';
	cookies.set(stateCookieName(state), state, {
		path: '/lti',
		httpOnly: true,
		secure,
		sameSite: secure ? 'none' : 'lax',
		maxAge: loginLifetimeMs / 1000
	});
}

function param(params: URLSearchParams | FormData, name: string): string | null {
	const value = params.get(name);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' || trimmed.length > 2048 ? null : trimmed;
}

/**
 * OIDC third-party login initiation: finds the registered platform, stores a single-use nonce under a fresh
 * state and returns the platform's authorization address to send the browser to.
 */
export async function beginLogin(
	db: Database,
	params: URLSearchParams | FormData,
	toolOrigin: string,
	now = new Date()
): Promise<{ redirectTo: string; state: string }> {
	const issuer = param(params, 'iss');
	const loginHint = param(params, 'login_hint');
	const targetLinkUri = param(params, 'target_link_uri');
	if (!issuer || !loginHint || !targetLinkUri) {
		throw new LtiRefusal(400, 'login-parameters', m.lti_login_parameters());
	}
	const clientId = param(params, 'client_id');
	const platform = await platformFor(db, issuer, clientId);
	if (platform === 'ambiguous')
		throw new LtiRefusal(400, 'client-id-needed', m.lti_client_id_needed());
	if (!platform) throw new LtiRefusal(400, 'unknown-platform', m.lti_unknown_platform({ issuer }));
	const deploymentId = param(params, 'lti_deployment_id');
	if (deploymentId !== null && !(await isDeployment(db, platform.id, deploymentId))) {
		throw new LtiRefusal(
			400,
			'unknown-deployment',
			m.lti_unknown_deployment({ name: platform.name })
		);
	}
	let target: URL;
	try {
		target = new URL(targetLinkUri);
	} catch {
		throw new LtiRefusal(400, 'target-elsewhere', m.lti_target_elsewhere());
	}
	if (target.origin !== toolOrigin)
		throw new LtiRefusal(400, 'target-elsewhere', m.lti_target_elsewhere());

	const state = randomToken();
	const nonce = randomToken();
	const { ltiNonces } = db.tables;
	await db.write(async (tx) => {
		// logins abandoned halfway leave their nonce behind; each new login sweeps the expired ones
		await tx.delete(ltiNonces).where(lt(ltiNonces.expiresAt, now));
		await tx.insert(ltiNonces).values({
			nonce,
			stateHash: stateHash(state),
			platformId: platform.id,
			expiresAt: new Date(now.getTime() + loginLifetimeMs)
		});
	});
	const auth = new URL(platform.authUrl);
	const request: Record<string, string> = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: platform.clientId,
		redirect_uri: toolUrls(toolOrigin).launch,
		login_hint: loginHint,
		state,
		nonce
	};
	const messageHint = param(params, 'lti_message_hint');
	if (messageHint !== null) request.lti_message_hint = messageHint;
	for (const [name, value] of Object.entries(request)) auth.searchParams.set(name, value);
	return { redirectTo: auth.href, state };
}
