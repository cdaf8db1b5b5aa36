import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { showDate } from '$lib/dates';
import { m } from '$lib/i18n';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm, textField } from '$lib/server/forms';
import { gradeDeliveryStatus } from '$lib/server/lti/grades';
import { publishedKeys, rotateSigningKey } from '$lib/server/lti/keys';
import { toolUrls } from '$lib/server/lti/login';
import {
	platformForm,
	registeredPlatforms,
	registerPlatform,
	removePlatform,
	setDeployments
} from '$lib/server/lti/platforms';
import { readForm } from '$lib/server/request';
import { readerTimeZone } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

const platformIdForm = z.object({
	platformId: textField(() => m.lti_field_platform(), { max: 64 })
});
const deploymentsForm = platformIdForm.extend({ deploymentIds: platformForm.shape.deploymentIds });

export const load: PageServerLoad = async (event) => {
	const admin = requireAdmin(event);
	const db = await getDatabase();
	const zone = await readerTimeZone(db, admin);
	const [platforms, keys, grades] = await Promise.all([
		registeredPlatforms(db),
		publishedKeys(db),
		gradeDeliveryStatus(db)
	]);
	return {
		tool: toolUrls(event.url.origin),
		platforms: platforms.map(({ createdAt, ...platform }) => ({
			...platform,
			since: showDate(createdAt, zone, 'date')
		})),
		keys: keys.map((key) => ({
			kid: key.kid,
			since: showDate(key.createdAt, zone, 'date'),
			retired: key.retiredAt ? showDate(key.retiredAt, zone, 'date') : null
		})),
		grades
	};
};

export const actions: Actions = {
	register: async (event) => {
		requireAdmin(event);
		const submitted = await readForm(event.request);
		const form = parseForm(platformForm, submitted);
		const echo = Object.fromEntries(
			['name', 'issuer', 'clientId', 'authUrl', 'tokenUrl', 'jwksUrl', 'deploymentIds'].map(
				(key) => [key, String(submitted.get(key) ?? '').slice(0, 5_000)]
			)
		);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
		const db = await getDatabase();
		const registered = await registerPlatform(db, form.data);
		if (!registered.ok) return formFailure(409, m.lti_platform_taken(), {}, echo);
		return { registered: form.data.name };
	},
	deployments: async (event) => {
		requireAdmin(event);
		const form = parseForm(deploymentsForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);
		const db = await getDatabase();
		if (!(await setDeployments(db, form.data.platformId, form.data.deploymentIds))) {
			error(404, m.lti_platform_not_found());
		}
		return { deploymentsSaved: form.data.platformId };
	},
	remove: async (event) => {
		requireAdmin(event);
		const submitted = await readForm(event.request);
		const form = parseForm(platformIdForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);
		if (submitted.get('confirm') !== 'on') return formFailure(400, m.lti_remove_unconfirmed());
		const db = await getDatabase();
		if (!(await removePlatform(db, form.data.platformId))) error(404, m.lti_platform_not_found());
		return { removed: true };
	},
	rotateKey: async (event) => {
		requireAdmin(event);
		const db = await getDatabase();
		return { rotated: await rotateSigningKey(db) };
	}
};
