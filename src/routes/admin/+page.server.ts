import { showDate } from '$lib/dates';
import { getDatabase } from '$lib/server/db';
import { siteSettingsForm } from '$lib/server/auth/forms';
import { requireAdmin } from '$lib/server/auth/guards';
import { openTeacherSignUp, siteSettings, updateSiteSetting } from '$lib/server/auth/site-settings';
import { staffAccounts } from '$lib/server/auth/staff';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { readerTimeZone } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const admin = requireAdmin(event);
	const db = await getDatabase();
	const zone = await readerTimeZone(db, admin);
	return {
		settings: await siteSettings(db),
		openTeacherSignUp: openTeacherSignUp(),
		staff: (await staffAccounts(db)).map(({ createdAt, ...person }) => ({
			...person,
			since: showDate(createdAt, zone, 'date')
		}))
	};
};

export const actions: Actions = {
	settings: async (event) => {
		requireAdmin(event);
		const form = parseForm(siteSettingsForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);
		const db = await getDatabase();
		await updateSiteSetting(db, 'teachersMayInvite', form.data.teachersMayInvite);
		return { saved: true };
	}
};
