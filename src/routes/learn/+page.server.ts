import { showDate } from '$lib/dates';
import { requireUser } from '$lib/server/auth/guards';
import { assignmentStatusLabels, studentAssignments } from '$lib/server/classes/assignments';
import { studentClasses } from '$lib/server/classes/classes';
import { accommodationSentence, studentAccommodations } from '$lib/server/classes/accommodations';
import { returnedWorkNotices } from '$lib/server/classes/returned-work';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { masteryLabel, masteryRule, objectiveMastery } from '$lib/server/progress/mastery';
import {
	continueTarget,
	lessonProgress,
	moduleProgress,
	recentQuizAttempts
} from '$lib/server/progress/progress';
import { readerTimeZone } from '$lib/server/time-zones';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const content = getContent();
	const db = await getDatabase();
	// classes are for student accounts: guests join (and become students) on /join; teachers have their own
	const isStudent = user.role === 'student' && !user.isGuest;
	const [lessons, mastery, attempts, classes, assignments, zone, returned] = await Promise.all([
		lessonProgress(db, content, user.id),
		objectiveMastery(db, content, user.id),
		recentQuizAttempts(db, content, user.id),
		isStudent ? studentClasses(db, user.id) : [],
		isStudent ? studentAssignments(db, content, user.id) : [],
		readerTimeZone(db, user),
		isStudent ? returnedWorkNotices(db, content, user.id) : []
	]);
	const accommodations = isStudent ? (await studentAccommodations(db, user.id)).classes : [];
	const joinedId = event.url.searchParams.get('joined');
	return {
		isGuest: user.isGuest,
		isTeacher: user.role !== 'student',
		joinedClass: classes.find((c) => c.id === joinedId)?.name ?? null,
		returned,
		classes,
		accommodations: accommodations.map((a) => ({
			classId: a.classId,
			className: a.className,
			text: accommodationSentence(a)
		})),
		assignments: assignments.map(({ dueAt, completedAt: _completedAt, ...assignment }) => ({
			...assignment,
			// each in its own class's zone, named: the classes need not share one
			due: dueAt && showDate(dueAt, assignment.timeZone),
			statusLabel: assignmentStatusLabels[assignment.status](),
			// the lesson its links go to: the assigned one, or the module's next unfinished one
			lessonTitle:
				content.lessons.get(assignment.lessonHref.replace(/^\/lessons\//, ''))?.title ?? 'Lessons'
		})),
		next: continueTarget(lessons),
		module: moduleProgress(lessons),
		lessons,
		mastery: mastery.map((objective) => ({
			...objective,
			label: masteryLabel(objective.level)
		})),
		masteryRule: masteryRule(),
		// a score the quiz's policy holds back is not sent at all
		attempts: attempts.map(
			({ submittedAt, earned, possible, pendingReview, scoreShown, ...attempt }) => ({
				...attempt,
				submitted: showDate(submittedAt, zone, 'dateTime'),
				score: scoreShown ? { earned, possible, pendingReview } : null
			})
		)
	};
};
