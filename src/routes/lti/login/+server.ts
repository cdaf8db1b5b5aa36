import { loginEndpoint } from '$lib/server/lti/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = loginEndpoint;
export const POST: RequestHandler = loginEndpoint;
