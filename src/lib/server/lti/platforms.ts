import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { isUniqueViolation, type Database } from '../db/database';
import { invisibleTextProblem, textField } from '../forms';
import { newId } from '../ids';

export interface Platform {
	id: string;
	name: string;
	issuer: string;
	clientId: string;
	authUrl: string;
	tokenUrl: string;
	jwksUrl: string;
}

export interface RegisteredPlatform extends Platform {
	deploymentIds: string[];
	createdAt: Date;
}

/** An https address (http only for this machine, where the tests' mock platform runs). */
function platformUrl(label: () => string) {
	return z
		.string({ error: () => m.form_must_be_text({ label: label() }) })
		.trim()
		.min(1, { error: () => m.form_required({ label: label() }) })
		.max(2048, { error: () => m.form_max_length({ label: label(), max: 2048 }) })
		.check((ctx) => {
			const parsed = URL.canParse(ctx.value) ? new URL(ctx.value) : null;
			const local = parsed?.hostname === '127.0.0.1' || parsed?.hostname === 'localhost';
			const ok = parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && local);
			if (!ok)
				ctx.issues.push({
					code: 'custom',
					input: ctx.value,
					message: m.lti_url_https({ label: label() })
				});
		});
}

export const platformForm = z.object({
	name: textField(() => m.lti_field_name(), { max: 100 }),
	issuer: platformUrl(() => m.lti_field_issuer()),
	clientId: textField(() => m.lti_field_client_id(), { max: 255 }),
	authUrl: platformUrl(() => m.lti_field_auth_url()),
	tokenUrl: platformUrl(() => m.lti_field_token_url()),
	jwksUrl: platformUrl(() => m.lti_field_jwks_url()),
	deploymentIds: z
		.string({ error: () => m.form_must_be_text({ label: m.lti_field_deployments() }) })
		.max(5_000, {
			error: () => m.form_max_length({ label: m.lti_field_deployments(), max: 5_000 })
		})
		.transform((text) => [
			...new Set(
				text
					.split(/[\r\n,]+/)
					.map((line) => line.trim())
					.filter((line) => line.length > 0)
			)
		])
		.check((ctx) => {
			if (ctx.value.length === 0)
				ctx.issues.push({
					code: 'custom',
					input: ctx.value,
					message: m.lti_deployments_required()
				});
			if (ctx.value.some((id) => id.length > 255))
				ctx.issues.push({ code: 'custom', input: ctx.value, message: m.lti_deployment_too_long() });
			for (const id of ctx.value) {
				const problem = invisibleTextProblem(() => m.lti_field_deployments(), id);
				if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
			}
		})
});
export type PlatformForm = z.output<typeof platformForm>;

export type RegisterResult = { ok: true; id: string } | { ok: false; reason: 'taken' };

/** Registers a platform and its deployments in one transaction; the same issuer and client id twice is refused. */
export async function registerPlatform(
	db: Database,
	form: PlatformForm,
	now = new Date()
): Promise<RegisterResult> {
	const id = newId();
	const { ltiPlatforms, ltiDeployments } = db.tables;
	const { deploymentIds, ...fields } = form;
	try {
		await db.write(async (tx) => {
			await tx.insert(ltiPlatforms).values({ id, ...fields, createdAt: now });
			await tx
				.insert(ltiDeployments)
				.values(
					deploymentIds.map((deploymentId) => ({ platformId: id, deploymentId, createdAt: now }))
				);
		});
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'taken' };
		throw error;
	}
	return { ok: true, id };
}

/** Replaces a platform's deployment ids (the admin adds one when the LMS admin installs the tool again). */
export async function setDeployments(
	db: Database,
	platformId: string,
	deploymentIds: string[],
	now = new Date()
): Promise<boolean> {
	const { ltiPlatforms, ltiDeployments } = db.tables;
	return db.write(async (tx) => {
		const [platform] = await tx
			.select({ id: ltiPlatforms.id })
			.from(ltiPlatforms)
			.where(eq(ltiPlatforms.id, platformId));
		if (!platform) return false;
		await tx.delete(ltiDeployments).where(eq(ltiDeployments.platformId, platformId));
		await tx
			.insert(ltiDeployments)
			.values(deploymentIds.map((deploymentId) => ({ platformId, deploymentId, createdAt: now })));
		return true;
	});
}

/** Removes a platform: its launches stop working; the classes and students' work it made stay. */
export async function removePlatform(db: Database, platformId: string): Promise<boolean> {
	const { ltiPlatforms } = db.tables;
	const removed = await db.write((tx) =>
		tx
			.delete(ltiPlatforms)
			.where(eq(ltiPlatforms.id, platformId))
			.returning({ id: ltiPlatforms.id })
	);
	return removed.length > 0;
}

export async function registeredPlatforms(db: Database): Promise<RegisteredPlatform[]> {
	const { ltiPlatforms, ltiDeployments } = db.tables;
	const [platforms, deployments] = await Promise.all([
		db.read.select().from(ltiPlatforms).orderBy(asc(ltiPlatforms.createdAt), asc(ltiPlatforms.id)),
		db.read.select().from(ltiDeployments).orderBy(asc(ltiDeployments.createdAt))
	]);
	return platforms.map((platform) => ({
		...platform,
		deploymentIds: deployments
			.filter((row) => row.platformId === platform.id)
			.map((row) => row.deploymentId)
	}));
}

/** The platform with this issuer (and client id, when the login names one; several may share an issuer). */
export async function platformFor(
	db: Database,
	issuer: string,
	clientId: string | null
): Promise<Platform | 'ambiguous' | null> {
	const { ltiPlatforms } = db.tables;
	const rows = await db.read
		.select()
		.from(ltiPlatforms)
		.where(
			clientId === null
				? eq(ltiPlatforms.issuer, issuer)
				: and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId))
		)
		.limit(2);
	if (rows.length > 1) return 'ambiguous';
	const [row] = rows;
	return row ? withoutCreatedAt(row) : null;
}

export async function platformById(db: Database, id: string): Promise<Platform | null> {
	const { ltiPlatforms } = db.tables;
	const [row] = await db.read.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id));
	return row ? withoutCreatedAt(row) : null;
}

function withoutCreatedAt(row: Platform & { createdAt: Date }): Platform {
	const { createdAt: _createdAt, ...platform } = row;
	return platform;
}

export async function isDeployment(db: Database, platformId: string, deploymentId: string) {
	const { ltiDeployments } = db.tables;
	const [row] = await db.read
		.select({ id: ltiDeployments.deploymentId })
		.from(ltiDeployments)
		.where(
			and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId))
		);
	return row !== undefined;
}
