import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { m } from '$lib/i18n';
import type { Database } from '../db/database';
import { claim, courseRole, launchClaims, type CourseRole, type LaunchClaims } from './claims';
import { stateCookieName, stateHash } from './login';
import { isDeployment, platformById, type Platform } from './platforms';
import { LtiRefusal } from './refusal';

/** A launch whose token, nonce, deployment and roles all checked out. */
export interface VerifiedLaunch {
	platform: Platform;
	claims: LaunchClaims;
	role: CourseRole;
}

const remoteKeySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * The platform's published keys, cached per process. jose fetches them again when a token names a kid it has not
 * seen (a platform rotated its key), at most once a second, so a stream of made-up kids can't flood the platform.
 */
function platformKeys(jwksUrl: string) {
	let keys = remoteKeySets.get(jwksUrl);
	if (!keys) {
		keys = createRemoteJWKSet(new URL(jwksUrl), {
			cooldownDuration: 1_000,
			cacheMaxAge: 10 * 60 * 1000,
			timeoutDuration: 5_000
		});
		remoteKeySets.set(jwksUrl, keys);
	}
	return keys;
}

/** Pure: the refusal a failed jose verification becomes, named for the person who will read it. */
export function tokenRefusal(error: unknown, platform: Platform): LtiRefusal {
	const name = platform.name;
	if (error instanceof errors.JWTExpired)
		return new LtiRefusal(401, 'expired', m.lti_token_expired());
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'iss')
			return new LtiRefusal(401, 'wrong-iss', m.lti_wrong_issuer({ name }));
		if (error.claim === 'aud')
			return new LtiRefusal(401, 'wrong-aud', m.lti_wrong_audience({ name }));
		return new LtiRefusal(401, 'bad-claim', m.lti_bad_claim({ claim: error.claim }));
	}
	if (error instanceof errors.JWKSNoMatchingKey) {
		return new LtiRefusal(401, 'unknown-kid', m.lti_unknown_key({ name }));
	}
	if (error instanceof errors.JWSSignatureVerificationFailed) {
		return new LtiRefusal(401, 'bad-signature', m.lti_bad_signature({ name }));
	}
	if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
		return new LtiRefusal(502, 'platform-keys', m.lti_platform_keys_unreachable({ name }));
	}
	if (error instanceof errors.JOSEError) {
		return new LtiRefusal(401, 'bad-token', m.lti_bad_token({ name }));
	}
	// fetch failures (the platform's JWKS address is down) are TypeErrors from undici
	return new LtiRefusal(502, 'platform-keys', m.lti_platform_keys_unreachable({ name }));
}

function field(form: FormData, name: string): string | null {
	const value = form.get(name);
	return typeof value === 'string' && value.length > 0 && value.length <= 20_000 ? value : null;
}

/**
 * Checks an id_token the platform POSTed: the state names a login this browser began (its cookie) and is used
 * once; the signature verifies against the platform's JWKS; iss, aud (and azp), exp and iat are right; the nonce
 * is the login's; the deployment is registered; the message type, version and roles are ones Evidencia serves.
 * Nothing is stored before every check passed, except that the login's nonce is spent.
 */
export async function verifyLaunch(
	db: Database,
	form: FormData,
	cookies: Cookies,
	now = new Date()
): Promise<VerifiedLaunch> {
	const platformError = field(form, 'error');
	if (platformError) {
		const description = field(form, 'error_description') ?? platformError;
		throw new LtiRefusal(
			400,
			'platform-error',
			m.lti_platform_error({ description: description.slice(0, 300) })
		);
	}
	const idToken = field(form, 'id_token');
	const state = field(form, 'state');
	if (!idToken || !state) throw new LtiRefusal(400, 'no-token', m.lti_no_token());

	const { ltiNonces } = db.tables;
	const [login] = await db.write((tx) =>
		tx
			.delete(ltiNonces)
			.where(eq(ltiNonces.stateHash, stateHash(state)))
			.returning()
	);
	if (!login) throw new LtiRefusal(400, 'used-state', m.lti_state_used());
	if (login.expiresAt.getTime() < now.getTime()) {
		throw new LtiRefusal(400, 'expired-state', m.lti_state_expired());
	}
	if (cookies.get(stateCookieName(state)) !== state) {
		throw new LtiRefusal(400, 'no-state-cookie', m.lti_state_cookie());
	}
	const platform = await platformById(db, login.platformId);
	if (!platform) throw new LtiRefusal(400, 'unknown-platform', m.lti_platform_removed());

	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(idToken, platformKeys(platform.jwksUrl), {
			issuer: platform.issuer,
			audience: platform.clientId,
			algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
			requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
			clockTolerance: 60,
			maxTokenAge: '1h',
			currentDate: now
		}));
	} catch (error) {
		throw tokenRefusal(error, platform);
	}
	if (payload.nonce !== login.nonce) throw new LtiRefusal(401, 'wrong-nonce', m.lti_wrong_nonce());
	// several audiences: the spec requires azp to name this tool
	if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== platform.clientId) {
		throw new LtiRefusal(401, 'wrong-aud', m.lti_wrong_audience({ name: platform.name }));
	}
	const parsed = launchClaims.safeParse(payload);
	if (!parsed.success) {
		const path = parsed.error.issues[0]?.path.join('.') ?? '';
		const claimName = path.replace('https://purl.imsglobal.org/spec/', '');
		throw new LtiRefusal(400, 'bad-claim', m.lti_bad_claim({ claim: claimName }));
	}
	const claims = parsed.data;
	if (!(await isDeployment(db, platform.id, claims[claim.deploymentId]))) {
		throw new LtiRefusal(
			400,
			'unknown-deployment',
			m.lti_unknown_deployment({ name: platform.name })
		);
	}
	const role = courseRole(claims[claim.roles]);
	if (!role) throw new LtiRefusal(403, 'no-course-role', m.lti_no_course_role());
	const messageType = claims[claim.messageType];
	if (messageType === 'LtiDeepLinkingRequest') {
		if (role !== 'teacher')
			throw new LtiRefusal(403, 'learner-deep-link', m.lti_learner_deep_link());
		if (!claims[claim.deepLinkingSettings]) {
			throw new LtiRefusal(
				400,
				'bad-claim',
				m.lti_bad_claim({ claim: 'lti-dl/claim/deep_linking_settings' })
			);
		}
	}
	if (messageType === 'LtiResourceLinkRequest' && !claims[claim.resourceLink]) {
		throw new LtiRefusal(400, 'bad-claim', m.lti_bad_claim({ claim: 'lti/claim/resource_link' }));
	}
	if (!claims[claim.context]) {
		throw new LtiRefusal(400, 'bad-claim', m.lti_bad_claim({ claim: 'lti/claim/context' }));
	}
	return { platform, claims, role };
}
