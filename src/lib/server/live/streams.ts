/**
 * Server-Sent Event streams of live games: one per browser, its own view on every change that
 * concerns it, a heartbeat, and the host's screen refreshed at most every `hostPushMs`.
 *
 * Fan-out is kept linear: a phase change sends each connected browser one event (its own view);
 * answers and joins only refresh the host's screen.
 */
import { markSent, type LiveClient, type LiveGame } from './runningGame';
import type { HostView } from '../../game/views';

/** How the streams build the views they send. */
export interface ViewBuilder {
	host(game: LiveGame): HostView;
	/** Every player's view as JSON for one fan-out, in parts (see `playerViewParts`). */
	playerParts(game: LiveGame): {
		shared: [string, string, string];
		mine(playerId: string): [string, string];
	};
}

/** Whose stream it is. */
export type Who = { role: 'host' } | { role: 'player'; playerId: string };

/** Where one browser's events are written: a ReadableStream, or a node:http response. */
export interface EventSink {
	/** Writes one chunk; false when the browser is gone or too far behind (the stream then ends). */
	write(chunk: string | Uint8Array): boolean;
	/** Ends the response (called once). */
	end(): void;
}

export interface StreamOptions {
	hostPushMs: number;
	heartbeatMs: number;
}

function event(view: { version: number }): string {
	return `id: ${view.version}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`;
}

const FANOUTS = Symbol.for('slant.fanouts');
/** One phase change's fan-out as the benchmark reads it (scripts/debugStats.js). */
interface FanoutRecord {
	streams: number;
	/** Wall milliseconds to build and write every event. */
	ms: number;
	/** CPU milliseconds of the process (user + system) meanwhile. */
	cpuMs: number;
	phase: string;
	index: number;
}
type FanoutHolder = { [FANOUTS]?: FanoutRecord[] };

/** Fan-outs are timed only for the benchmark's debug stats (scripts/debugStats.js). */
const TIME_FANOUTS = process.env.SLANT_DEBUG_STATS === '1';

/**
 * Keeps the last 1000 phase changes' fan-outs (streams written to, the milliseconds and CPU
 * milliseconds to build and write every event, and the state told); scripts/debugStats.js
 * reports them to the benchmark.
 */
function recordFanout(record: FanoutRecord): void {
	const holder = globalThis as FanoutHolder;
	const list = (holder[FANOUTS] ??= []);
	list.push(record);
	if (list.length > 1000) list.shift();
}

/**
 * The players' events of one state of a game: what every player shares is serialised and encoded
 * once, and each player's event copies it around the player's own small parts into one buffer,
 * which the socket writes as it is. (Joining strings instead left each socket to flatten and
 * encode a 1-2 KB string: about a fifth more time per write, measured on 1000 streams.)
 */
class PlayerEvents {
	private readonly parts: ReturnType<ViewBuilder['playerParts']>;
	private readonly shared: [Buffer, Buffer, Buffer];
	/** The open question's index, -1 in other phases (its sending starts the player's time). */
	private readonly open: number;

	constructor(
		private readonly game: LiveGame,
		views: ViewBuilder
	) {
		const { snapshot } = game;
		this.parts = views.playerParts(game);
		this.shared = [
			Buffer.from(`id: ${snapshot.context.version}\nevent: state\ndata: ${this.parts.shared[0]}`),
			Buffer.from(this.parts.shared[1]),
			Buffer.from(`${this.parts.shared[2]}\n\n`)
		];
		this.open = snapshot.matches('question') ? snapshot.context.index : -1;
	}

	/** Writes the player's event to their stream, noting when an open question was sent. */
	send(client: LiveClient): void {
		const playerId = client.playerId ?? '';
		const [a, b] = this.parts.mine(playerId);
		const [head, middle, tail] = this.shared;
		const bytes = Buffer.concat([head, Buffer.from(a), middle, Buffer.from(b), tail]);
		// Each player's time on a question starts when their event is written (fair timing).
		if (this.open >= 0) markSent(this.game, this.open, playerId, Date.now());
		client.send(bytes);
	}
}

export class LiveStreams {
	constructor(
		private readonly views: ViewBuilder,
		private readonly options: StreamOptions
	) {}

	/**
	 * Attaches one browser's event stream to the game: the reconnection delay and the current state
	 * first (id = the game's version), then a `state` event on every change that concerns it, and a
	 * heartbeat comment. A game that is over sends its final state and ends the stream. The stream
	 * also ends when `sink.write` refuses (the browser is gone or too far behind: its EventSource
	 * reconnects and receives the present state). `onClose` runs once when it ends, however it ends.
	 * Returns the function that ends it.
	 */
	attach(game: LiveGame, who: Who, sink: EventSink, onClose?: () => void): () => void {
		let open = true;
		let heartbeat: ReturnType<typeof setInterval> | undefined = undefined;
		const client: LiveClient = {
			role: who.role,
			playerId: who.role === 'player' ? who.playerId : undefined,
			send: (chunk) => {
				if (open && !sink.write(chunk)) client.close();
			},
			close: () => {
				if (!open) return;
				open = false;
				clearInterval(heartbeat);
				game.clients.delete(client);
				onClose?.();
				sink.end();
			}
		};
		client.send('retry: 2000\n\n');
		this.pushTo(game, client);
		if (!open) return client.close;
		if (game.snapshot.status !== 'active') {
			client.close();
			return client.close;
		}
		game.clients.add(client);
		heartbeat = setInterval(() => client.send(': heartbeat\n\n'), this.options.heartbeatMs);
		heartbeat.unref?.();
		return client.close;
	}

	/** `attach` as a ReadableStream (SvelteKit's event-stream routes); it ends on abort. */
	open(
		game: LiveGame,
		who: Who,
		signal?: AbortSignal,
		onClose?: () => void
	): ReadableStream<Uint8Array> {
		let close: (() => void) | undefined;
		return new ReadableStream<Uint8Array>({
			start: (controller) => {
				close = this.attach(
					game,
					who,
					{
						write: (chunk) => {
							try {
								// Buffer.from encodes UTF-8 several times faster than TextEncoder (measured on a
								// 5-9 KB event: 15 vs 52 µs); an event already encoded is passed on as it is.
								controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
								return true;
							} catch {
								return false;
							}
						},
						end: () => {
							try {
								controller.close();
							} catch {
								// already closed by the client
							}
						}
					},
					onClose
				);
				signal?.addEventListener('abort', () => close?.(), { once: true });
			},
			cancel: () => close?.()
		});
	}

	/**
	 * Sends one browser its current view (an open question counts as sent to that player). A
	 * player's event is built as a fan-out builds it (`PlayerEvents`), so the joins of a lobby run,
	 * and warm up, the code the first question's fan-out runs.
	 */
	pushTo(game: LiveGame, client: LiveClient): void {
		try {
			if (client.role === 'host') client.send(event(this.views.host(game)));
			else new PlayerEvents(game, this.views).send(client);
		} catch (e) {
			console.error(`Live game ${game.id}: could not build a view`, e);
		}
	}

	/** Sends the current view to every browser of one player. */
	pushToPlayer(game: LiveGame, playerId: string): void {
		for (const client of game.clients) {
			if (client.role === 'player' && client.playerId === playerId) this.pushTo(game, client);
		}
	}

	/**
	 * Every browser gets its own view: one event each, so a phase change costs O(players); what all
	 * players share is serialised once per phase change, not once per player.
	 */
	pushAll(game: LiveGame): void {
		// Every browser has this state already: a phase change told late (the reveal deferred behind
		// its answers' acknowledgements, after which a host command moved on and was told) would
		// repeat it.
		const version = game.snapshot.context.version;
		if (game.toldVersion === version) return;
		game.toldVersion = version;
		clearTimeout(game.hostPushTimer);
		game.hostPushTimer = undefined;
		if (game.clients.size === 0) return;
		const started = performance.now();
		const cpu = TIME_FANOUTS ? process.cpuUsage() : undefined;
		let host: string | undefined;
		let players: PlayerEvents | undefined;
		for (const client of game.clients) {
			if (client.role === 'host') {
				host ??= event(this.views.host(game));
				client.send(host);
			} else {
				try {
					players ??= new PlayerEvents(game, this.views);
					players.send(client);
				} catch (e) {
					console.error(`Live game ${game.id}: could not build a player view`, e);
				}
			}
		}
		if (TIME_FANOUTS) {
			// The fan-out is over once the ticks queued before this one have run (a response that is
			// not uncorked at once writes on the next tick).
			const streams = game.clients.size;
			const { index } = game.snapshot.context;
			const phase = String(game.snapshot.value);
			process.nextTick(() => {
				const used = process.cpuUsage(cpu);
				recordFanout({
					streams,
					ms: performance.now() - started,
					cpuMs: (used.user + used.system) / 1000,
					phase,
					index
				});
			});
		}
	}

	/** Refreshes the host screens at most every `hostPushMs` (answer counts, the lobby). */
	scheduleHostPush(game: LiveGame): void {
		if (game.hostPushTimer) return;
		game.hostPushTimer = setTimeout(() => {
			game.hostPushTimer = undefined;
			let view: string | undefined;
			for (const client of game.clients) {
				if (client.role !== 'host') continue;
				view ??= event(this.views.host(game));
				client.send(view);
			}
		}, this.options.hostPushMs);
		game.hostPushTimer.unref?.();
	}

	/** Ends every stream of a game and its pending host refresh. */
	closeAll(game: LiveGame): void {
		clearTimeout(game.hostPushTimer);
		for (const client of game.clients) client.close();
		game.clients.clear();
	}
}
