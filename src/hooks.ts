import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /es/learn is the /learn route in Spanish: one set of routes, the language taken from the address
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
