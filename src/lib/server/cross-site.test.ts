import { describe, expect, it } from 'vitest';
import { crossSiteFormRefusal } from './cross-site';

const post = (path: string, headers: Record<string, string>) => {
	const url = new URL(`http://127.0.0.1:3000${path}`);
	return [new Request(url, { method: 'POST', headers, body: 'a=1' }), url] as const;
};
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
	it('refuses a form from another origin, as SvelteKit did', () => {
		expect(
			crossSiteFormRefusal(...post('/signin', { ...form, origin: 'https://evil.example' }))
		).toBe('Cross-site POST form submissions are forbidden');
	});

	it('refuses a multipart or text/plain form with no Origin at all', () => {
		expect(
			crossSiteFormRefusal(
				...post('/signin', { 'content-type': 'multipart/form-data; boundary=x' })
			)
		).toBe('Cross-site POST form submissions are forbidden');
		expect(crossSiteFormRefusal(...post('/signin', { 'content-type': 'text/plain' }))).toBe(
			'Cross-site POST form submissions are forbidden'
		);
	});

	it('lets a same-origin form and a JSON body through', () => {
		expect(
			crossSiteFormRefusal(...post('/signin', { ...form, origin: 'http://127.0.0.1:3000' }))
		).toBeNull();
		expect(
			crossSiteFormRefusal(
				...post('/signin', { 'content-type': 'application/json', origin: 'https://evil.example' })
			)
		).toBeNull();
	});

	it('lets an LMS post the LTI login and launch, and nothing next to them', () => {
		const lms = { ...form, origin: 'https://canvas.example.edu' };
		expect(crossSiteFormRefusal(...post('/lti/login', lms))).toBeNull();
		expect(crossSiteFormRefusal(...post('/lti/launch', lms))).toBeNull();
		expect(crossSiteFormRefusal(...post('/lti/launch/x', lms))).toBe(
			'Cross-site POST form submissions are forbidden'
		);
		expect(crossSiteFormRefusal(...post('/lti/deep-link/abc', lms))).toBe(
			'Cross-site POST form submissions are forbidden'
		);
	});
});
