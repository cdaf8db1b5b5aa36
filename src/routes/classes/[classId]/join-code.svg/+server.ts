import QRCode from 'qrcode';
import { localHref } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import type { RequestHandler } from './$types';

/** The join link as a QR code for the projector; only the class's teacher can fetch it. */
export const GET: RequestHandler = async (event) => {
	const { classRow } = await requireOwnClass(event, await getDatabase());
	// the same link the Students page shows, in the page's language
	const link = `${event.url.origin}${localHref('/join')}?code=${classRow.joinCode}`;
	const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml',
			// the code changes when the teacher rotates it, and it is theirs alone
			'cache-control': 'private, no-store'
		}
	});
};
