import type { Content } from '../content/build';
import type { AssignmentBehaviour } from '../db/enums';
import { assignmentBehaviours } from '../db/enums';

/** What a link placed in a course opens: the whole module, one lesson, or straight into a lesson's quiz. */
export type LinkTarget =
	{ kind: 'module' } | { kind: 'lesson'; slug: string } | { kind: 'quiz'; slug: string };

/** The custom parameters a deep-linked resource link carries back on every launch. */
export const customTarget = 'evidencia_target';
export const customBehaviour = 'evidencia_behaviour';

export function targetText(target: LinkTarget): string {
	return target.kind === 'module' ? 'module' : `${target.kind}:${target.slug}`;
}

/** Pure: the target a custom parameter names, or null when it names nothing this content has. */
export function parseTarget(text: unknown, content: Content): LinkTarget | null {
	if (typeof text !== 'string') return null;
	if (text === 'module') return { kind: 'module' };
	const match = /^(lesson|quiz):([a-z0-9-]{1,100})$/.exec(text);
	if (!match) return null;
	const [, kind, slug] = match as unknown as [string, 'lesson' | 'quiz', string];
	const lesson = content.lessons.get(slug);
	if (!lesson) return null;
	if (kind === 'quiz' && lesson.quizIds.length === 0) return null;
	return { kind, slug };
}

/** Pure: a quiz target is always a quiz; the module and lessons take the teacher's choice. */
export function parseBehaviour(text: unknown, target: LinkTarget): AssignmentBehaviour | null {
	if (target.kind === 'quiz') return 'quiz';
	return assignmentBehaviours.find((behaviour) => behaviour === text) ?? null;
}

/** Pure: whether a link gets a gradebook column: one lesson sat as a quiz (the module has no single score). */
export function isGraded(target: LinkTarget, behaviour: AssignmentBehaviour): boolean {
	return target.kind !== 'module' && behaviour === 'quiz';
}

/** Where a student lands: the quiz, the lesson, or their assignments for the module. */
export function studentLanding(target: LinkTarget): string {
	if (target.kind === 'quiz') return `/lessons/${target.slug}/quiz?mode=quiz`;
	if (target.kind === 'lesson') return `/lessons/${target.slug}`;
	return '/learn';
}
