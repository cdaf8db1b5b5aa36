import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import { renameClass, rotateJoinCode, setClassArchived } from '$lib/server/classes/classes';
import { renameClassForm } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const archivedMessage =
	'This class is archived, so it can’t be changed. Unarchive it first (at the bottom of this page).';

export const load: PageServerLoad = async (event) => {
	const { classRow } = await requireOwnClass(event, await getDatabase());
	return {
		archivedOn: classRow.archivedAt?.toLocaleDateString('en-US', { dateStyle: 'long' }) ?? null
	};
};

export const actions: Actions = {
	rename: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = { name: String(submitted.get('name') ?? '').slice(0, 100) };
		if (classRow.archivedAt) return formFailure(409, archivedMessage, {}, echo);
		const form = parseForm(renameClassForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		await renameClass(db, classRow.id, form.data.name);
		return { renamed: form.data.name };
	},
	rotateCode: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage);
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
