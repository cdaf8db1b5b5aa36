import { z } from 'zod';

// The claim names of LTI 1.3 core, Deep Linking 2.0, AGS 2.0 and NRPS 2.0 (imsglobal.org/spec/lti/v1p3).
const lti = 'https://purl.imsglobal.org/spec/lti/claim/';
export const claim = {
	messageType: `${lti}message_type`,
	version: `${lti}version`,
	deploymentId: `${lti}deployment_id`,
	targetLinkUri: `${lti}target_link_uri`,
	roles: `${lti}roles`,
	context: `${lti}context`,
	resourceLink: `${lti}resource_link`,
	custom: `${lti}custom`,
	deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
	contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
	deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
	agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
	nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'
} as const;

export const scope = {
	lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
	score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
	memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'
} as const;

export const messageTypes = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export type MessageType = (typeof messageTypes)[number];

const membership = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/** Context roles that teach here; a short role ("Instructor") is allowed by the spec for context roles. */
const teachingRoles = [
	`${membership}Instructor`,
	`${membership}ContentDeveloper`,
	`${membership}Administrator`,
	`${membership}Instructor#TeachingAssistant`,
	'Instructor',
	'ContentDeveloper'
];
const learningRoles = [`${membership}Learner`, 'Learner'];

export type CourseRole = 'teacher' | 'student';

/** Pure: what a launch's roles make its user in this course: teaching wins; null when neither. */
export function courseRole(roles: readonly string[]): CourseRole | null {
	if (roles.some((role) => teachingRoles.includes(role))) return 'teacher';
	if (roles.some((role) => learningRoles.includes(role))) return 'student';
	// an institution role alone (an LMS administrator) teaches no course here
	return null;
}

const shortText = z.string().trim().min(1).max(255);
const url = z.url({ protocol: /^https?$/ }).max(2048);

/** The claims Evidencia reads from a verified id_token (signature, iss, aud, exp and iat are checked by jose). */
export const launchClaims = z.object({
	sub: shortText,
	nonce: shortText,
	locale: z.string().max(35).optional(),
	azp: z.string().optional(),
	name: z.string().max(200).optional(),
	given_name: z.string().max(100).optional(),
	family_name: z.string().max(100).optional(),
	[claim.messageType]: z.enum(messageTypes),
	[claim.version]: z.literal('1.3.0'),
	[claim.deploymentId]: shortText,
	[claim.targetLinkUri]: url.optional(),
	[claim.roles]: z.array(z.string().max(255)).max(100),
	[claim.context]: z
		.object({
			id: shortText,
			title: z.string().max(255).optional(),
			label: z.string().max(255).optional()
		})
		.optional(),
	[claim.resourceLink]: z
		.object({ id: shortText, title: z.string().max(255).optional() })
		.optional(),
	[claim.custom]: z.record(z.string(), z.unknown()).optional(),
	[claim.deepLinkingSettings]: z
		.object({
			deep_link_return_url: url,
			accept_types: z.array(z.string()),
			accept_lineitem: z.boolean().optional(),
			data: z.string().max(4096).optional()
		})
		.optional(),
	[claim.agsEndpoint]: z
		.object({ scope: z.array(z.string()), lineitems: url.optional(), lineitem: url.optional() })
		.optional(),
	[claim.nrps]: z.object({ context_memberships_url: url }).optional()
});
export type LaunchClaims = z.infer<typeof launchClaims>;
