import { Refusal } from '../refusal';

/** An error a live-game request can end in, with its HTTP status and a stable code for scripts. */
export class LiveError extends Refusal {
	constructor(
		status: number,
		readonly code: string,
		message: string
	) {
		super(status, message);
	}
}

/** What a device without a seat hears, whether or not a game has the code. */
export const NO_SEAT = 'You have not joined this game on this device.';
