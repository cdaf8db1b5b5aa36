/**
 * Where another site's form may post: an LMS posts the LTI login and launch by design (a state cookie, a
 * single-use nonce and the platform's signature protect those instead of the Origin header).
 */
export const crossSiteFormPaths: ReadonlySet<string> = new Set(['/lti/login', '/lti/launch']);

const formContentTypes = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * SvelteKit's own CSRF rule (which svelte.config.js turns off so that the LTI paths can be let through): a form
 * posted from another origin is refused. Returns the refusal's message, or null when the request may go on.
 */
export function crossSiteFormRefusal(request: Request, url: URL): string | null {
	if (!unsafeMethods.has(request.method)) return null;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!formContentTypes.includes(type)) return null;
	if (request.headers.get('origin') === url.origin) return null;
	if (crossSiteFormPaths.has(url.pathname)) return null;
	return `Cross-site ${request.method} form submissions are forbidden`;
}
