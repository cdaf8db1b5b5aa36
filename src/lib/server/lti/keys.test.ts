import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '../db/testing';
import { publishedKeys, rotateSigningKey, signingKey, toolJwks } from './keys';

const day = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-12-01T12:00:00.000Z');
const later = (days: number) => new Date(t0.getTime() + days * day);

describeOnEachEngine('LTI signing keys', (database) => {
	it('makes one key on first use, rotates to a new one and keeps the old one published for 7 days', async () => {
		const db = database();
		const first = await signingKey(db, t0);
		expect((await signingKey(db, later(1))).kid).toBe(first.kid);
		const jwks = await toolJwks(db, later(1));
		expect(jwks.keys.map((key) => key.kid)).toEqual([first.kid]);
		// public only: no private member of an RSA key is published
		expect(Object.keys(jwks.keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);

		// what the old key signed still verifies against the published set after the rotation
		const signedBefore = await new SignJWT({ sub: 'x' })
			.setProtectedHeader({ alg: 'RS256', kid: first.kid })
			.sign(first.privateKey);
		const second = await rotateSigningKey(db, later(2));
		expect(second).not.toBe(first.kid);
		expect((await signingKey(db, later(2))).kid).toBe(second);
		const afterRotation = await toolJwks(db, later(2));
		expect(afterRotation.keys.map((key) => key.kid)).toEqual([second, first.kid]);
		await expect(jwtVerify(signedBefore, createLocalJWKSet(afterRotation))).resolves.toBeTruthy();
		expect((await publishedKeys(db, later(2))).map((key) => [key.kid, key.retiredAt])).toEqual([
			[second, null],
			[first.kid, later(2)]
		]);

		// a week after it retired, the old key is gone from the set
		expect((await toolJwks(db, later(9))).keys.map((key) => key.kid)).toEqual([second]);
		await expect(
			jwtVerify(signedBefore, createLocalJWKSet(await toolJwks(db, later(9))))
		).rejects.toThrow();
	});
});
