import { pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';
import { roles } from '../../roles';

// Mirrors schema.sqlite.ts column for column; schema-parity.test.ts keeps the row types equal.
const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () =>
	timestampColumn('created_at')
		.notNull()
		.$defaultFn(() => new Date());

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	email: text('email').unique(),
	displayName: text('display_name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	passwordHash: text('password_hash').notNull(),
	createdAt: createdAt()
});

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestampColumn('expires_at').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

export const failedSignIns = pgTable(
	'failed_sign_ins',
	{
		id: text('id').primaryKey(),
		accountKey: text('account_key').notNull(),
		ipAddress: text('ip_address').notNull(),
		attemptedAt: timestampColumn('attempted_at').notNull()
	},
	(table) => [
		index('failed_sign_ins_account_idx').on(table.accountKey, table.attemptedAt),
		index('failed_sign_ins_ip_idx').on(table.ipAddress, table.attemptedAt)
	]
);
