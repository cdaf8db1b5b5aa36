// Plain JavaScript with no imports: hooks.server.ts uses it inside the build, and scripts/server.js imports it
// as it is at run time to mark the static files that adapter-node serves before any hook runs.

/** Headers every response carries: pages, endpoints, errors and static files. */
export const commonSecurityHeaders = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
});

/** For anything that is not a page (Kit gives pages their own nonce-based policy): nothing may run. */
export const strictContentSecurityPolicy =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";

/** Sent only over HTTPS, where browsers honour it. */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * The headers for a static file (or any response without a policy of its own).
 * @param {boolean} https whether the site is served over HTTPS
 * @returns {Record<string, string>}
 */
export function staticSecurityHeaders(https) {
	return {
		...commonSecurityHeaders,
		'Content-Security-Policy': strictContentSecurityPolicy,
		...(https ? { 'Strict-Transport-Security': strictTransportSecurity } : {})
	};
}
