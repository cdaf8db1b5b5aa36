import { launchEndpoint } from '$lib/server/lti/routes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = launchEndpoint;
