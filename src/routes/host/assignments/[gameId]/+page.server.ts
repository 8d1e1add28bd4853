import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { env } from '$env/dynamic/private';
import {
	AssignmentError,
	assignmentById,
	assignmentInfo,
	assignmentUrl
} from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { hostResults } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** The teacher's view of an assignment: its link and QR code, and its results so far. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = getDb();
	const results = hostResults(db, params.gameId, locals.teacher);
	let game;
	try {
		game = assignmentById(db, params.gameId);
	} catch (e) {
		if (e instanceof AssignmentError) error(e.status, e.message);
		throw e;
	}
	const info = assignmentInfo(game);
	const link = assignmentUrl(env.ORIGIN, url, info.code);
	const qr = await QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
	return { info, link, qr, results };
};
