import { describe, expect, it } from 'vitest';
import { responseSink } from './eventsEndpoint';
import type { LiveGame } from './runningGame';
import { LiveStreams, type EventSink, type ViewBuilder } from './streams';

/** A game with only what the streams read: its status, phase, version and connected browsers. */
function fakeGame(status: 'active' | 'done' = 'active'): LiveGame {
	return {
		id: 'g1',
		snapshot: { status, context: { version: 7, index: -1 }, matches: (s: string) => s === 'lobby' },
		clients: new Set()
	} as unknown as LiveGame;
}

const views = {
	host: () => ({ version: 7, who: 'host' }),
	player: (_game: LiveGame, playerId: string) => ({ version: 7, who: playerId }),
	playerParts: () => ({
		shared: ['{"version":7,"who":', '', '}'],
		mine: (playerId: string) => [JSON.stringify(playerId), '']
	})
} as unknown as ViewBuilder;

/** A sink that records what it was given and refuses once it holds `room` chunks. */
function recordingSink(room = Infinity) {
	const chunks: string[] = [];
	let ends = 0;
	const sink: EventSink = {
		write: (chunk) => {
			if (chunks.length >= room) return false;
			// Events fanned out to every player come encoded; the rest as text.
			chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
			return true;
		},
		end: () => void ends++
	};
	return { sink, chunks, ends: () => ends };
}

const streams = () => new LiveStreams(views, { hostPushMs: 50, heartbeatMs: 60_000 });

describe('an event stream attached to a sink', () => {
	it('sends the retry delay and the present state, then every fan-out, until closed', () => {
		const game = fakeGame();
		const { sink, chunks, ends } = recordingSink();
		let closed = 0;
		const close = streams().attach(game, { role: 'player', playerId: 'p1' }, sink, () => closed++);
		expect(chunks).toEqual([
			'retry: 2000\n\n',
			'id: 7\nevent: state\ndata: {"version":7,"who":"p1"}\n\n'
		]);
		expect(game.clients.size).toBe(1);
		streams().pushAll(game);
		expect(chunks.at(-1)).toBe('id: 7\nevent: state\ndata: {"version":7,"who":"p1"}\n\n');
		close();
		close();
		expect(game.clients.size).toBe(0);
		expect(closed).toBe(1);
		expect(ends()).toBe(1);
	});

	it('ends the stream and gives its place back when the sink refuses a write', () => {
		const game = fakeGame();
		const { sink, chunks, ends } = recordingSink(2);
		let closed = 0;
		streams().attach(game, { role: 'player', playerId: 'p1' }, sink, () => closed++);
		expect(game.clients.size).toBe(1);
		streams().pushAll(game);
		expect(chunks).toHaveLength(2);
		expect(game.clients.size).toBe(0);
		expect(closed).toBe(1);
		expect(ends()).toBe(1);
	});

	it('sends a finished game its final state and ends at once', () => {
		const game = fakeGame('done');
		const { sink, chunks, ends } = recordingSink();
		let closed = 0;
		streams().attach(game, { role: 'host' }, sink, () => closed++);
		expect(chunks[1]).toContain('"who":"host"');
		expect(game.clients.size).toBe(0);
		expect([closed, ends()]).toEqual([1, 1]);
	});
});

describe('a node:http response as the sink', () => {
	function fakeResponse() {
		const res = {
			destroyed: false,
			writableEnded: false,
			writableLength: 0,
			written: [] as (string | Uint8Array)[],
			/** Writes not yet handed to the socket (node:http corks it until the next tick). */
			corked: 0,
			write(chunk: string | Uint8Array) {
				res.written.push(chunk);
				res.writableLength += chunk.length;
				res.corked++;
				return true;
			},
			uncork() {
				res.corked = 0;
			},
			end() {
				res.writableEnded = true;
			}
		};
		return res;
	}

	it('writes each chunk while the browser keeps up, and refuses once it is too far behind', () => {
		const res = fakeResponse();
		const sink = responseSink(res as never, 10);
		expect(sink.write('0123456789')).toBe(true);
		// 10 bytes unread is still within the allowance; 20 is not.
		expect(sink.write('abcdefghij')).toBe(true);
		expect(sink.write('x')).toBe(false);
		expect(res.written).toEqual(['0123456789', 'abcdefghij']);
		// Each event is handed to the socket as it is written, not after the fan-out's loop.
		expect(res.corked).toBe(0);
		res.writableLength = 0;
		expect(sink.write('x')).toBe(true);
	});

	it('refuses once the response is gone, and ends it only once', () => {
		const res = fakeResponse();
		const sink = responseSink(res as never);
		sink.end();
		expect(res.writableEnded).toBe(true);
		expect(sink.write('late')).toBe(false);
		const gone = fakeResponse();
		gone.destroyed = true;
		expect(responseSink(gone as never).write('x')).toBe(false);
	});
});
