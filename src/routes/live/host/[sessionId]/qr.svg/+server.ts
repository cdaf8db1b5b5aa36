import { localHref } from '$lib/i18n';
import QRCode from 'qrcode';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import type { RequestHandler } from './$types';

/** The session's join link as a QR code for the projector; only the session's teacher can fetch it. */
export const GET: RequestHandler = async (event) => {
	const { session } = await requireOwnLiveSession(event, await getDatabase());
	const link = `${event.url.origin}${localHref(`/live/${session.code}`)}`;
	const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml',
			'cache-control': 'private, no-store'
		}
	});
};
