import { showDate } from '$lib/dates';
import { m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	renameClass,
	rotateJoinCode,
	setClassArchived,
	setClassDefaultLocale,
	setClassTimeZone
} from '$lib/server/classes/classes';
import { classLocaleForm, classTimeZoneForm, renameClassForm } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { timeZoneChoices, zoneDescription } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

// built per request, so the refusal is in the reader's language
const archivedMessage = () => m.settings_archived_refusal();

export const load: PageServerLoad = async (event) => {
	const { classRow } = await requireOwnClass(event, await getDatabase());
	const zone = classRow.timeZone;
	return {
		archivedOn: classRow.archivedAt && showDate(classRow.archivedAt, zone, 'date'),
		timeZone: zone,
		timeZoneName: zoneDescription(zone),
		timeZones: timeZoneChoices(zone),
		defaultLocale: classRow.defaultLocale
	};
};

export const actions: Actions = {
	rename: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = { name: String(submitted.get('name') ?? '').slice(0, 100) };
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const form = parseForm(renameClassForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		await renameClass(db, classRow.id, form.data.name);
		return { renamed: form.data.name };
	},
	timeZone: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = { timeZone: String(submitted.get('timeZone') ?? '').slice(0, 64) };
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const form = parseForm(classTimeZoneForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		await setClassTimeZone(db, classRow.id, form.data.timeZone);
		return { zoneChanged: zoneDescription(form.data.timeZone) };
	},
	language: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		const form = parseForm(classLocaleForm, submitted);
		// nothing typed to echo: the radios keep showing the class's saved language
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		await setClassDefaultLocale(db, classRow.id, form.data.defaultLocale);
		return { localeChanged: form.data.defaultLocale };
	},
	rotateCode: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		return { rotated: await rotateJoinCode(db, classRow.id), oldCode: classRow.joinCode };
	},
	archive: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		// archiving twice keeps the first date
		if (!classRow.archivedAt) await setClassArchived(db, classRow.id, true);
		return { archived: true };
	},
	unarchive: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		await setClassArchived(db, classRow.id, false);
		return { unarchived: true };
	}
};
