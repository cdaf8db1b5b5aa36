import { desc, gt, isNull, or } from 'drizzle-orm';
import {
	calculateJwkThumbprint,
	exportJWK,
	generateKeyPair,
	importJWK,
	type CryptoKey,
	type JWK
} from 'jose';
import type { Database } from '../db/database';

export const toolKeyAlgorithm = 'RS256';

/** A retired key stays in the tool's JWKS this long, so a platform's cached copy still verifies what it signed. */
export const retiredKeyPublishedMs = 7 * 24 * 60 * 60 * 1000;

export interface ToolKey {
	kid: string;
	privateKey: CryptoKey;
}

async function newKeyRow(now: Date) {
	const { privateKey, publicKey } = await generateKeyPair(toolKeyAlgorithm, {
		modulusLength: 2048,
		extractable: true
	});
	const publicJwk = await exportJWK(publicKey);
	const kid = await calculateJwkThumbprint(publicJwk);
	const privateJwk = await exportJWK(privateKey);
	return {
		kid,
		privateJwk: { ...privateJwk, kid, alg: toolKeyAlgorithm },
		publicJwk: { ...publicJwk, kid, alg: toolKeyAlgorithm, use: 'sig' },
		createdAt: now,
		retiredAt: null
	};
}

/** The key the tool signs with now (the newest unretired one), made on first use. */
export async function signingKey(db: Database, now = new Date()): Promise<ToolKey> {
	const { ltiKeys } = db.tables;
	const [row] = await db.read
		.select()
		.from(ltiKeys)
		.where(isNull(ltiKeys.retiredAt))
		.orderBy(desc(ltiKeys.createdAt), desc(ltiKeys.kid))
		.limit(1);
	if (row) return { kid: row.kid, privateKey: await importPrivate(row.privateJwk) };
	const made = await newKeyRow(now);
	await db.write((tx) => tx.insert(ltiKeys).values(made));
	return signingKey(db, now);
}

async function importPrivate(jwk: unknown): Promise<CryptoKey> {
	const key = await importJWK(jwk as JWK, toolKeyAlgorithm);
	if (key instanceof Uint8Array) throw new Error('an LTI signing key must be an RSA key');
	return key;
}

/** The public keys platforms verify the tool with: every unretired key and those retired recently. */
export async function toolJwks(db: Database, now = new Date()): Promise<{ keys: JWK[] }> {
	await signingKey(db, now);
	const { ltiKeys } = db.tables;
	const rows = await db.read
		.select({ publicJwk: ltiKeys.publicJwk })
		.from(ltiKeys)
		.where(
			or(
				isNull(ltiKeys.retiredAt),
				gt(ltiKeys.retiredAt, new Date(now.getTime() - retiredKeyPublishedMs))
			)
		)
		.orderBy(desc(ltiKeys.createdAt));
	return { keys: rows.map((row) => row.publicJwk as JWK) };
}

/** A new signing key; the old ones retire now but stay published for retiredKeyPublishedMs. */
export async function rotateSigningKey(db: Database, now = new Date()): Promise<string> {
	const made = await newKeyRow(now);
	const { ltiKeys } = db.tables;
	await db.write(async (tx) => {
		await tx.update(ltiKeys).set({ retiredAt: now }).where(isNull(ltiKeys.retiredAt));
		await tx.insert(ltiKeys).values(made);
	});
	return made.kid;
}

/** What the admin page lists: every key still published, newest first. */
export async function publishedKeys(db: Database, now = new Date()) {
	const { ltiKeys } = db.tables;
	return db.read
		.select({ kid: ltiKeys.kid, createdAt: ltiKeys.createdAt, retiredAt: ltiKeys.retiredAt })
		.from(ltiKeys)
		.where(
			or(
				isNull(ltiKeys.retiredAt),
				gt(ltiKeys.retiredAt, new Date(now.getTime() - retiredKeyPublishedMs))
			)
		)
		.orderBy(desc(ltiKeys.createdAt));
}
