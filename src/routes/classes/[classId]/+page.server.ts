import { showDate } from '$lib/dates';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	buildGrid,
	loadClassData,
	parseGridSort,
	sortGrid,
	sortParam
} from '$lib/server/classes/dashboard';
import { buildQuestionStatistics, mostMissed } from '$lib/server/classes/item-statistics';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const content = getContent();
	const data = await loadClassData(db, content, classRow.id);
	const grid = buildGrid(content, data, new Date());
	const { sort, dir } = parseGridSort(event.url.searchParams, grid.columns);
	// over every source, live review too, as the question statistics page shows them by default
	const missed = mostMissed(
		buildQuestionStatistics(content, {
			members: data.members,
			firstAnswers: data.statisticsAnswers
		})
	);
	return {
		columns: grid.columns.map(({ dueAt, ...column }) => ({
			...column,
			due: dueAt && showDate(dueAt, classRow.timeZone)
		})),
		rows: sortGrid(grid.rows, sort, dir),
		sort: sortParam(sort),
		dir,
		mostMissed: missed.map((question) => ({
			questionId: question.questionId,
			lessonNumber: question.lessonNumber,
			lessonTitle: question.lessonTitle,
			label: question.label,
			prompt: question.prompt,
			responses: question.responses,
			facility: question.facility,
			correctAnswer: question.correctAnswer,
			evidence: question.evidence
		}))
	};
};
