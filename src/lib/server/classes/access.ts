import { error, type RequestEvent } from '@sveltejs/kit';
import { requireTeacher } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/database';
import { findClass, type ClassRow } from './classes';

/**
 * Every class page and action starts here: visitors go to sign in, students get 403, and a teacher gets
 * 403 for a class that is not theirs (404 when it does not exist).
 */
export async function requireOwnClass(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: Partial<Record<string, string>> },
	db: Database
): Promise<{ teacher: SessionUser; classRow: ClassRow }> {
	const teacher = requireTeacher(event);
	const classId = event.params.classId ?? '';
	const classRow = await findClass(db, classId);
	if (!classRow) error(404, 'There is no such class. It may have been deleted.');
	if (classRow.teacherId !== teacher.id) {
		error(403, 'This class belongs to another teacher. You can open only your own classes.');
	}
	return { teacher, classRow };
}
