import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { roles } from '../../roles';

// Timestamps are epoch milliseconds so they round-trip as Date exactly like PostgreSQL's timestamptz.
const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** lower-cased; teachers sign in with their email, which doubles as their username */
	username: text('username').notNull().unique(),
	/** optional so that students never need one */
	email: text('email').unique(),
	displayName: text('display_name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	passwordHash: text('password_hash').notNull(),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token, hex; the token itself is never stored */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

/** Failed sign-ins, kept in the database so the limit holds across app processes. */
export const failedSignIns = sqliteTable(
	'failed_sign_ins',
	{
		id: text('id').primaryKey(),
		/** the lower-cased username or email that was tried */
		accountKey: text('account_key').notNull(),
		ipAddress: text('ip_address').notNull(),
		attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		index('failed_sign_ins_account_idx').on(table.accountKey, table.attemptedAt),
		index('failed_sign_ins_ip_idx').on(table.ipAddress, table.attemptedAt)
	]
);
