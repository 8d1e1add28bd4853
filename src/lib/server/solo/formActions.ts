/**
 * The form actions of a seat's round page, shared by solo play (/play/<id>) and assignments
 * (/a/<code>/play): start, answer, timeout, next and quit, each one call to the solo service. The
 * seat's new view comes back with the result (an answer's from the answer's own transaction), so
 * the enhanced page shows it without reloading its data; a refusal comes back as a form failure.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/open';
import { orFailure } from '../refusal';
import {
	answerSoloQuestion,
	getSoloView,
	nextSoloQuestion,
	quitSoloGame,
	startSoloGame,
	timeoutSoloQuestion
} from './soloGame';
import type { SoloView } from '../../game/views';

/** The seat a request plays: its game and this browser's token for it. */
export interface SeatOf {
	gameId: string;
	token: string | undefined;
}

/** One call to the solo service; the answer's returns the seat's new view with its verdict. */
type Step = (
	db: Db,
	gameId: string,
	token: string | undefined,
	body: unknown
) => { view: SoloView } | void;

const STEPS: Record<'start' | 'answer' | 'timeout' | 'next' | 'quit', Step> = {
	start: (db, id, token) => startSoloGame(db, id, token),
	answer: (db, id, token, body) => answerSoloQuestion(db, id, token, body),
	timeout: (db, id, token, body) => timeoutSoloQuestion(db, id, token, body),
	next: (db, id, token, body) => nextSoloQuestion(db, id, token, body),
	quit: (db, id, token) => quitSoloGame(db, id, token)
};

/**
 * The five actions for the seat `seatOf` finds from a request (`db` gives the database). Each
 * reads the posted form, makes its one service call and replies with the seat's view.
 */
export function seatActions<E extends Pick<RequestEvent, 'request'>>(
	db: () => Db,
	seatOf: (event: E) => SeatOf
) {
	const action = (step: Step) => async (event: E) => {
		const body = Object.fromEntries(await event.request.formData());
		const { gameId, token } = seatOf(event);
		return orFailure(
			() => {
				const done = step(db(), gameId, token, body);
				// An answer's view comes from its own transaction; the other steps read it after.
				return { ok: true, view: done ? done.view : getSoloView(db(), gameId, token) };
			},
			({ message }) => ({ message })
		);
	};
	return {
		start: action(STEPS.start),
		answer: action(STEPS.answer),
		timeout: action(STEPS.timeout),
		next: action(STEPS.next),
		quit: action(STEPS.quit)
	};
}
