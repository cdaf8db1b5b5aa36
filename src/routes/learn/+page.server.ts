import { requireUser } from '$lib/server/auth/guards';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { masteryLabels, masteryRule, objectiveMastery } from '$lib/server/progress/mastery';
import {
	continueTarget,
	lessonProgress,
	moduleProgress,
	recentQuizAttempts
} from '$lib/server/progress/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const content = getContent();
	const db = await getDatabase();
	const [lessons, mastery, attempts] = await Promise.all([
		lessonProgress(db, content, user.id),
		objectiveMastery(db, content, user.id),
		recentQuizAttempts(db, content, user.id)
	]);
	return {
		isGuest: user.isGuest,
		next: continueTarget(lessons),
		module: moduleProgress(lessons),
		lessons,
		mastery: mastery.map((objective) => ({
			...objective,
			label: masteryLabels[objective.level]
		})),
		masteryRule,
		attempts
	};
};
