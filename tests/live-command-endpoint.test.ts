/**
 * The host's commands are served on node:http ahead of SvelteKit (src/lib/server/live/
 * commandEndpoint.ts). A whole game is played through each door, against a server with the fast
 * path and one without (SLANT_FAST_COMMANDS=0): every command, refusal and what the players'
 * streams receive must match, and another teacher's command is 404 on both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, sendCounted } from './httpFixtures';
import { Client, CONFIG, anyResponse, buildApp, onFreshServer, signUpTeacher } from './liveServer';

interface Outcome {
	label: string;
	status: number;
	body: unknown;
}

interface Played {
	outcomes: Outcome[];
	/** Phases of the state events one player's stream received, in order. */
	streamed: string[];
	refusedWroteNothing: boolean;
	final: { players: number; answers: number; games: number };
}

/** What a reply says, without what differs between two servers (ids, clocks, the round drawn). */
function summary(status: number, body: Record<string, unknown> | null): unknown {
	if (status !== 200 || body === null) return body;
	const b = body as {
		phase: string;
		index: number;
		version: number;
		playerCount: number;
		answered: number;
		players: { nickname: string }[] | null;
		leaderboard: unknown[] | null;
		reveal: { distribution: unknown } | null;
	};
	return {
		phase: b.phase,
		index: b.index,
		version: b.version,
		playerCount: b.playerCount,
		answered: b.answered,
		players: b.players?.map((p) => p.nickname) ?? null,
		leaderboard: b.leaderboard?.length ?? null,
		reveal: b.reveal === null ? null : 'reveal'
	};
}

async function play(databasePath: string): Promise<Played> {
	const { client: teacher } = await signUpTeacher();
	const { client: stranger } = await signUpTeacher();
	const created = await teacher.request('/api/live/host', {
		body: { ...CONFIG, secondsPerQuestion: null }
	});
	const { gameId, code } = created.json as { gameId: string; code: string };
	const players: Client[] = [];
	const seats: string[] = [];
	for (let i = 0; i < 3; i++) {
		const player = new Client();
		const joined = await player.request('/api/live/join', {
			body: { code, nickname: `Host ${i}` }
		});
		players.push(player);
		seats.push(joined.json.playerId);
	}
	// Lobby, question, reveal, leaderboard, question, podium, ended.
	const stream = players[0].events(`/api/live/play/${code}/events`, 7, 30_000);
	const path = `/api/live/host/${gameId}/command`;
	const command = (body: unknown) => JSON.stringify(body);
	const answer = async (player: Client, index: number) => {
		const state = await player.request(`/api/live/play/${code}/state`);
		await player.request(`/api/live/play/${code}/answer`, {
			body: {
				questionIndex: index,
				requestId: `r${index}`,
				response: anyResponse(state.json.question.question)
			}
		});
	};
	type Step = [string, Client | null, string, string, string] | (() => Promise<void>);
	const steps: Step[] = [
		["another teacher's start", stranger, path, 'application/json', command({ command: 'start' })],
		['signed out', null, path, 'application/json', command({ command: 'start' })],
		[
			'unknown game',
			teacher,
			'/api/live/host/nope/command',
			'application/json',
			command({ command: 'start' })
		],
		['not a command', teacher, path, 'application/json', command({ command: 'jump' })],
		['remove without a player', teacher, path, 'application/json', command({ command: 'remove' })],
		['broken JSON', teacher, path, 'application/json', '{"command":'],
		['text body', teacher, path, 'text/plain', command({ command: 'start' })],
		['too large', teacher, path, 'application/json', command({ command: 'x'.repeat(70_000) })],
		['next in the lobby', teacher, path, 'application/json', command({ command: 'next' })],
		['start', teacher, path, 'application/json; charset=utf-8', command({ command: 'start' })],
		() => answer(players[0], 0),
		() => answer(players[1], 0),
		['skip', teacher, path, 'application/json', command({ command: 'skip' })],
		[
			'remove',
			teacher,
			path,
			'application/json',
			command({ command: 'remove', playerId: seats[2] })
		],
		[
			'remove a stranger',
			teacher,
			path,
			'application/json',
			command({ command: 'remove', playerId: 'nobody' })
		],
		['leaderboard', teacher, path, 'application/json', command({ command: 'next' })],
		["another teacher's next", stranger, path, 'application/json', command({ command: 'next' })],
		['next question', teacher, path, 'application/json', command({ command: 'next' })],
		() => answer(players[0], 1),
		['end', teacher, path, 'application/json', command({ command: 'end' })],
		['end the podium', teacher, path, 'application/json', command({ command: 'end' })],
		['after the end', teacher, path, 'application/json', command({ command: 'next' })]
	];
	const outcomes: Outcome[] = [];
	let refusedWroteNothing = true;
	for (const step of steps) {
		if (typeof step === 'function') {
			await step();
			continue;
		}
		const [label, client, url, contentType, body] = step;
		const { reply, json, wroteNothing } = await sendCounted(databasePath, client, url, {
			contentType,
			body
		});
		// A reply that is not JSON is compared as null.
		const parsed = (json ?? null) as Record<string, unknown> | null;
		refusedWroteNothing &&= wroteNothing;
		outcomes.push({ label, status: reply.status, body: summary(reply.status, parsed) });
	}
	const streamed = (await stream).states.map((s) => JSON.parse(s.data).phase as string);
	const counts = rowCounts(databasePath);
	return {
		outcomes,
		streamed,
		refusedWroteNothing,
		final: { players: counts.players, answers: counts.answers, games: counts.games }
	};
}

let viaSvelteKit: Played;
let viaNodeHttp: Played;

beforeAll(async () => {
	buildApp();
	viaSvelteKit = await onFreshServer({ SLANT_FAST_COMMANDS: '0' }, play);
	viaNodeHttp = await onFreshServer({}, play);
}, 240_000);

describe('the node:http host command endpoint', () => {
	it('gives every command of a whole game the status and reply the SvelteKit route gives it', () => {
		expect(viaNodeHttp.outcomes).toEqual(viaSvelteKit.outcomes);
		const statuses = new Set(viaNodeHttp.outcomes.map((o) => o.status));
		for (const status of [200, 400, 404, 409, 413, 415]) expect(statuses).toContain(status);
		expect(viaNodeHttp.outcomes.find((o) => o.label === 'end the podium')?.body).toMatchObject({
			phase: 'ended'
		});
	});

	it("answers another teacher's command, and a signed-out one, with 404 on both doors", () => {
		for (const played of [viaNodeHttp, viaSvelteKit]) {
			for (const label of ["another teacher's start", "another teacher's next", 'signed out']) {
				expect(played.outcomes.find((o) => o.label === label)).toMatchObject({
					status: 404,
					body: { code: 'game_not_found' }
				});
			}
		}
	});

	it("tells the players' streams every phase change, and the game ends the same", () => {
		const phases = ['lobby', 'question', 'reveal', 'leaderboard', 'question', 'podium', 'ended'];
		expect(viaSvelteKit.streamed).toEqual(phases);
		expect(viaNodeHttp.streamed).toEqual(phases);
		expect(viaNodeHttp.final).toEqual(viaSvelteKit.final);
	});

	it('writes nothing for a refused command', () => {
		expect(viaNodeHttp.refusedWroteNothing).toBe(true);
		expect(viaSvelteKit.refusedWroteNothing).toBe(true);
	});
});
