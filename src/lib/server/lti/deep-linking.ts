import { and, eq, gt } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { m } from '$lib/i18n';
import type { Content } from '../content/build';
import type { Database } from '../db/database';
import type { AssignmentBehaviour } from '../db/enums';
import { assignmentTitle } from '../classes/assignments';
import { claim } from './claims';
import { signingKey, toolKeyAlgorithm } from './keys';
import { toolUrls } from './login';
import { platformById } from './platforms';
import { LtiRefusal } from './refusal';
import {
	customBehaviour,
	customTarget,
	isGraded,
	parseBehaviour,
	parseTarget,
	targetText
} from './targets';

/** A teacher's deep-linking request still waiting for their pick. */
export interface PendingDeepLink {
	id: string;
	platformName: string;
	classId: string;
	returnUrl: string;
	acceptLineItem: boolean;
}

/** The teacher's own pending request: another account's, an expired one or a used one is not found. */
export async function pendingDeepLink(
	db: Database,
	id: string,
	userId: string,
	now = new Date()
): Promise<PendingDeepLink | null> {
	const { ltiDeepLinks, ltiPlatforms } = db.tables;
	const [row] = await db.read
		.select({
			id: ltiDeepLinks.id,
			platformName: ltiPlatforms.name,
			classId: ltiDeepLinks.classId,
			returnUrl: ltiDeepLinks.returnUrl,
			acceptLineItem: ltiDeepLinks.acceptLineItem
		})
		.from(ltiDeepLinks)
		.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiDeepLinks.platformId))
		.where(
			and(eq(ltiDeepLinks.id, id), eq(ltiDeepLinks.userId, userId), gt(ltiDeepLinks.expiresAt, now))
		);
	return row ?? null;
}

/** What a teacher may add to their course: the module, or one lesson or its quiz. */
export interface DeepLinkChoices {
	module: { target: 'module'; title: string; lessons: number };
	lessons: {
		number: number;
		title: string;
		lessonTarget: string;
		/** null for a lesson without a quiz ("Start here") */
		quizTarget: string | null;
		quizQuestions: number;
	}[];
}

export function deepLinkChoices(content: Content): DeepLinkChoices {
	const lessons = content.lessonsInOrder;
	return {
		module: { target: 'module', title: assignmentTitle(content, null), lessons: lessons.length },
		lessons: lessons.map((lesson) => ({
			number: lesson.number,
			title: lesson.title,
			lessonTarget: `lesson:${lesson.slug}`,
			quizTarget: lesson.quizIds.length > 0 ? `quiz:${lesson.slug}` : null,
			quizQuestions: lesson.quizIds.length
		}))
	};
}

/** The signed LtiDeepLinkingResponse and where the browser posts it. */
export interface DeepLinkResponse {
	platformName: string;
	returnUrl: string;
	jwt: string;
	title: string;
}

/**
 * Builds the signed response for the teacher's pick and spends the request (a second pick of the same request
 * is refused): an ltiResourceLink to the launch URL, its target in custom parameters, and a line item when graded.
 */
export async function answerDeepLink(
	db: Database,
	content: Content,
	input: { id: string; userId: string; target: string; behaviour: string; toolOrigin: string },
	now = new Date()
): Promise<DeepLinkResponse> {
	const target = parseTarget(input.target, content);
	if (!target) throw new LtiRefusal(400, 'bad-target', m.lti_pick_target());
	const behaviour: AssignmentBehaviour | null = parseBehaviour(input.behaviour, target);
	if (!behaviour) throw new LtiRefusal(400, 'bad-behaviour', m.lti_pick_behaviour());
	const { ltiDeepLinks } = db.tables;
	const [request] = await db.write((tx) =>
		tx
			.delete(ltiDeepLinks)
			.where(
				and(
					eq(ltiDeepLinks.id, input.id),
					eq(ltiDeepLinks.userId, input.userId),
					gt(ltiDeepLinks.expiresAt, now)
				)
			)
			.returning()
	);
	if (!request) throw new LtiRefusal(404, 'no-deep-link', m.lti_deep_link_gone());
	const platform = await platformById(db, request.platformId);
	if (!platform) throw new LtiRefusal(404, 'no-deep-link', m.lti_deep_link_gone());

	const title =
		target.kind === 'quiz'
			? m.lti_quiz_title({ lesson: content.lessons.get(target.slug)?.title ?? target.slug })
			: assignmentTitle(content, target.kind === 'module' ? null : target.slug);
	const item: Record<string, unknown> = {
		type: 'ltiResourceLink',
		title,
		url: toolUrls(input.toolOrigin).launch,
		custom: { [customTarget]: targetText(target), [customBehaviour]: behaviour }
	};
	if (isGraded(target, behaviour) && request.acceptLineItem) {
		// scores go as percentages, so the column is out of 100 whatever the quiz's points
		item.lineItem = {
			scoreMaximum: 100,
			label: title,
			resourceId: targetText(target),
			tag: 'evidencia'
		};
	}
	const key = await signingKey(db, now);
	const payload: Record<string, unknown> = {
		nonce: crypto.randomUUID(),
		[claim.deploymentId]: request.deploymentId,
		[claim.messageType]: 'LtiDeepLinkingResponse',
		[claim.version]: '1.3.0',
		[claim.contentItems]: [item]
	};
	if (request.data !== null) payload[claim.deepLinkingData] = request.data;
	const issuedAt = Math.floor(now.getTime() / 1000);
	const jwt = await new SignJWT(payload)
		.setProtectedHeader({ alg: toolKeyAlgorithm, kid: key.kid, typ: 'JWT' })
		.setIssuer(platform.clientId)
		.setAudience(platform.issuer)
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + 5 * 60)
		.sign(key.privateKey);
	return { platformName: platform.name, returnUrl: request.returnUrl, jwt, title };
}
