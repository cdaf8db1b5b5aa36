import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import type { LayoutServerLoad } from './$types';

// this check guards the layout only: every page load and action under it calls requireOwnClass itself
export const load: LayoutServerLoad = async (event) => {
	const { classRow } = await requireOwnClass(event, await getDatabase());
	return {
		classInfo: {
			id: classRow.id,
			name: classRow.name,
			joinCode: classRow.joinCode,
			archived: classRow.archivedAt !== null,
			defaultLocale: classRow.defaultLocale
		}
	};
};
