import { jwksEndpoint } from '$lib/server/lti/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = jwksEndpoint;
