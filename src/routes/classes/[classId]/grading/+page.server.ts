import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import { gradeForm, maxGradeCommentLength } from '$lib/server/classes/forms';
import {
	gradeWrittenResponse,
	gradingGroups,
	gradingQueue,
	levelName,
	recentlyScoredLimit,
	shownGradingGroups
} from '$lib/server/classes/grading';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const queue = await gradingQueue(db, getContent(), classRow.id);
	return {
		className: classRow.name,
		groups: shownGradingGroups(gradingGroups(queue), classRow.timeZone),
		toScoreCount: queue.toScoreCount,
		scoredCount: queue.scoredCount,
		gradingRule: m.grading_rule(),
		classWorkScope: m.grading_class_work_scope(),
		recentlyScoredLimit,
		maxCommentLength: maxGradeCommentLength
	};
};

export const actions: Actions = {
	grade: async (event) => {
		const db = await getDatabase();
		const { teacher, classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const comment = submitted.get('comment');
		// refill what was typed, unless it is far too long to send back
		const echo = {
			responseId: String(submitted.get('responseId') ?? '').slice(0, 100),
			level: String(submitted.get('level') ?? '').slice(0, 1),
			comment:
				typeof comment === 'string' && comment.length <= 2 * maxGradeCommentLength ? comment : ''
		};
		const form = parseForm(gradeForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const result = await gradeWrittenResponse(db, getContent(), {
			classId: classRow.id,
			teacherId: teacher.id,
			...form.data
		});
		if (!result.ok) return formFailure(result.status, result.message, {}, echo);
		const prompt = result.prompt.length > 80 ? `${result.prompt.slice(0, 79)}…` : result.prompt;
		const what = m.grading_saved_what({
			level: levelName(result.level, result.label),
			student: result.studentName,
			prompt
		});
		return {
			saved: {
				responseId: result.responseId,
				message: result.regraded
					? m.grading_score_changed({ what })
					: m.grading_score_saved({ what })
			}
		};
	}
};
