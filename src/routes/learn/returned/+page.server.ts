import { requireUser } from '$lib/server/auth/guards';
import { openReturnedWork } from '$lib/server/classes/returned-work';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { readerTimeZone } from '$lib/server/time-zones';
import type { PageServerLoad } from './$types';

// opening the page is reading what it shows: the notices on /learn go away (only the student's own rows)
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = await getDatabase();
	const zone = await readerTimeZone(db, user);
	return { lessons: await openReturnedWork(db, getContent(), user.id, zone) };
};
