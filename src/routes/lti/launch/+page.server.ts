import { launchAction } from '$lib/server/lti/routes';
import type { Actions, PageServerLoad } from './$types';

// the request's id, so a refusal shows the reference an admin finds in the log
export const load: PageServerLoad = ({ locals }) => ({ requestId: locals.requestId });

// the platform POSTs the launch here; opened by hand, the page explains where launches come from
export const actions: Actions = { default: launchAction };
