/** An error a live-game request can end in, with its HTTP status and a stable code. */
export class LiveError extends Error {
	readonly status: number;
	readonly code: string;

	constructor(status: number, code: string, message: string) {
		super(message);
		this.name = 'LiveError';
		this.status = status;
		this.code = code;
	}
}
