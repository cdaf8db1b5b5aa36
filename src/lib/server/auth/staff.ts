import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';

/** Teachers and admins, for the admin page: who can see answer keys on this site. */
export async function staffAccounts(db: Database) {
	const { users } = db.tables;
	return db.read
		.select({
			id: users.id,
			name: users.displayName,
			email: users.email,
			role: users.role,
			createdAt: users.createdAt
		})
		.from(users)
		.where(inArray(users.role, ['teacher', 'admin']))
		.orderBy(asc(users.displayName));
}
