import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { newId } from '../ids';
import { describeOnEachEngine } from './testing';
import { databaseFingerprint } from './fingerprint';

describeOnEachEngine('the database fingerprint', (db) => {
	async function newUser(displayName: string) {
		const id = newId();
		await db().write((tx) =>
			tx.insert(db().tables.users).values({
				id,
				username: `fingerprint-${id}`,
				displayName,
				role: 'student',
				passwordHash: '!test'
			})
		);
		return id;
	}
	const rename = (id: string, displayName: string) =>
		db().write((tx) =>
			tx.update(db().tables.users).set({ displayName }).where(eq(db().tables.users.id, id))
		);

	it('stays the same while nothing is written', async () => {
		await newUser('Ana');
		expect(await databaseFingerprint(db())).toEqual(await databaseFingerprint(db()));
	});

	it('names every table, with its row count', async () => {
		const fingerprint = await databaseFingerprint(db());
		expect(Object.keys(fingerprint).sort()).toEqual(Object.keys(db().tables).sort());
		const users = await db().read.select().from(db().tables.users);
		expect(fingerprint.users.rows).toBe(users.length);
	});

	it('changes when an UPDATE changes one value and no count, and comes back when it is undone', async () => {
		const id = await newUser('Ben');
		const before = await databaseFingerprint(db());
		await rename(id, 'Bem');
		const after = await databaseFingerprint(db());
		expect(after.users.rows).toBe(before.users.rows);
		expect(after.users.digest).not.toBe(before.users.digest);
		expect(after).not.toEqual(before);
		await rename(id, 'Ben');
		expect(await databaseFingerprint(db())).toEqual(before);
	});

	it('changes when a row is added, and a value moved between rows still shows', async () => {
		const first = await newUser('Cy');
		const second = await newUser('Di');
		const before = await databaseFingerprint(db());
		// the same two names, swapped: the same multiset of values, different rows
		await rename(first, 'Di');
		await rename(second, 'Cy');
		expect(await databaseFingerprint(db())).not.toEqual(before);
		await newUser('Ed');
		expect((await databaseFingerprint(db())).users.rows).toBe(before.users.rows + 1);
	});
});
