/** The benchmark's command line (see scripts/bench/main.ts for what each option does). */
export interface Options {
	players: number[];
	questions: number;
	spreadMs: number;
	seconds: number;
	port: number;
	quick: boolean;
	/** Only the event-loop delay while building rounds after the PTC import. */
	stall: boolean;
	/** Only the scenarios whose name contains this text (`--only=solo`). */
	only: string;
	repeat: number;
	/** WORKERS for the server (1: one process). */
	workers: number;
}

export function parseArgs(argv: string[]): Options {
	const opts: Options = {
		players: [],
		questions: 3,
		spreadMs: 2000,
		seconds: 20,
		port: Number(process.env.E2E_PORT ?? 4190),
		quick: false,
		stall: false,
		only: '',
		repeat: 0,
		workers: 1
	};
	for (const arg of argv) {
		const m = /^--(\w+)=(\d+)$/.exec(arg);
		if (arg === '--quick') opts.quick = true;
		else if (arg === '--stall') opts.stall = true;
		else if (arg.startsWith('--only=')) opts.only = arg.slice('--only='.length);
		else if (m) {
			const value = Number(m[2]);
			if (m[1] === 'questions') opts.questions = Math.min(Math.max(value, 1), 10);
			else if (m[1] === 'spread') opts.spreadMs = Math.min(value, 60_000);
			else if (m[1] === 'seconds') opts.seconds = Math.min(Math.max(value, 5), 600);
			else if (m[1] === 'port') opts.port = value;
			else if (m[1] === 'repeat') opts.repeat = Math.min(Math.max(value, 1), 9);
			else if (m[1] === 'workers') opts.workers = Math.min(Math.max(value, 1), 64);
			else throw new Error(`Unknown option ${arg}`);
		} else if (/^\d+$/.test(arg)) {
			opts.players.push(Math.min(Math.max(Number(arg), 1), 5000));
		} else {
			throw new Error(`Unknown argument ${arg}`);
		}
	}
	if (opts.repeat === 0) opts.repeat = opts.quick || opts.players.length > 0 ? 1 : 3;
	return opts;
}
