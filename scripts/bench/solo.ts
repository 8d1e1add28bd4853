/**
 * Solo play: `players` solo players at once, each playing rounds of 10 questions through the form
 * actions as the enhanced page does (start, answer, see the feedback, next), with think time.
 */
import Database from 'better-sqlite3';
import * as devalue from 'devalue';
import { cookieFrom, postForm, request, sleep } from './client';
import { stats, type RunResult } from './figures';
import type { Options } from './options';
import { serverStats, startServer, stopServer } from './servers';

interface SoloView {
	index: number;
	tags: string[];
	question: null | {
		kind: 'name' | 'find' | 'judge';
		choices?: string[];
		excerpt?: { tokens?: unknown[]; words?: number[] };
	};
	feedback: unknown;
	summary: unknown;
}

/** Tokens of a solo view's excerpt (solo views carry the tokens themselves). */
function tokenCount(excerpt: { tokens?: unknown[] }): number {
	return excerpt.tokens?.length ?? 1;
}

/** The page's data as the enhanced page reloads it (`__data.json`), decoded. */
async function soloData(port: number, id: string, cookie: string): Promise<SoloView> {
	const reply = await request(port, 'GET', `/play/${id}/__data.json?x-sveltekit-invalidated=11`, {
		cookie
	});
	const parsed = JSON.parse(reply.body) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	const node = [...parsed.nodes].reverse().find((n) => n?.type === 'data');
	if (!node) throw new Error(`No page data: ${reply.body.slice(0, 200)}`);
	return (devalue.unflatten(node.data) as { view: SoloView }).view;
}

/** A form action posted as `use:enhance` posts it; the decoded action result. */
async function soloAction(
	port: number,
	id: string,
	cookie: string,
	name: string,
	fields: Record<string, string>
) {
	const reply = await postForm(port, `/play/${id}?/${name}`, fields, {
		accept: 'application/json',
		'x-sveltekit-action': 'true',
		cookie
	});
	const result = JSON.parse(reply.body) as { type: string; status?: number; data?: string };
	const data = result.data ? (devalue.parse(result.data) as { view?: SoloView }) : undefined;
	return { type: result.type, status: result.status ?? reply.status, view: data?.view };
}

function soloAnswerFields(view: SoloView): Record<string, string> {
	const q = view.question;
	const index = String(view.index);
	if (!q || q.kind === 'judge') {
		return { index, kind: 'judge', verdict: Math.random() < 0.5 ? 'loaded' : 'straight' };
	}
	if (q.kind === 'name') {
		const choices = q.choices ?? [];
		return { index, kind: 'name', technique: choices[Math.floor(Math.random() * choices.length)] };
	}
	const n = q.excerpt ? tokenCount(q.excerpt) : 1;
	const start = Math.floor(Math.random() * Math.max(1, n - 1));
	return { index, kind: 'find', start: String(start), end: String(Math.min(n, start + 3)) };
}

/**
 * `players` solo players at once, each playing `rounds` rounds of 10 questions as the enhanced
 * page does: start, then per question read, think 0-`thinkMs`, answer, see the feedback (from the
 * action's response when it carries the view, otherwise by reloading the page data), next.
 */
export async function soloScenario(
	opts: Options,
	players: number,
	rounds: number,
	thinkMs: number
): Promise<RunResult> {
	const server = await startServer(opts.port, opts.workers);
	const port = opts.port;
	try {
		const toFeedback: number[] = [];
		const actionOnly: number[] = [];
		const problems: string[] = [];
		let acked = 0;
		const start = await serverStats(port, true);
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: players }, async (_, p) => {
				for (let r = 0; r < rounds; r++) {
					const created = await postForm(
						port,
						'/play',
						{ count: '10', timing: 'untimed', nickname: `Solo ${p}` },
						{ accept: 'text/html' }
					);
					const id = /\/play\/([^/?]+)/.exec(String(created.headers.location ?? ''))?.[1];
					const cookie = cookieFrom(created, 'slant_solo=');
					if (created.status !== 303 || !id || !cookie) {
						problems.push(`creating a solo game: ${created.status}`);
						return;
					}
					const started = await soloAction(port, id, cookie, 'start', {});
					let view = started.view ?? (await soloData(port, id, cookie));
					for (let guard = 0; guard < 30 && view.question; guard++) {
						if (thinkMs > 0) await sleep(Math.random() * thinkMs);
						const sent = performance.now();
						const answered = await soloAction(port, id, cookie, 'answer', soloAnswerFields(view));
						actionOnly.push(performance.now() - sent);
						if (answered.type !== 'success')
							problems.push(`answer: ${answered.type} ${answered.status}`);
						else acked++;
						view = answered.view ?? (await soloData(port, id, cookie));
						toFeedback.push(performance.now() - sent);
						const next = await soloAction(port, id, cookie, 'next', { index: String(view.index) });
						view = next.view ?? (await soloData(port, id, cookie));
					}
				}
			})
		);
		const wallMs = performance.now() - t0;
		const end = await serverStats(port, false);
		const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
		const stored = (
			db.prepare('select count(*) as n from answers where timed_out = 0').get() as { n: number }
		).n;
		db.close();
		if (stored !== acked) problems.push(`answers stored (${stored}) ≠ acknowledged (${acked})`);
		const fb = stats(toFeedback);
		const act = stats(actionOnly);
		return {
			figures: {
				'answer → feedback p50': fb.p50,
				'answer → feedback p99': fb.p99,
				'answer → feedback max': fb.max,
				'answer action alone p99': act.p99,
				'answers/s': (acked / wallMs) * 1000,
				'server CPU s': end.cpuSeconds - start.cpuSeconds,
				'peak RSS MB': end.peakRssMb,
				'loop delay p99': end.eventLoopDelay.p99,
				'loop delay max': end.eventLoopDelay.max,
				'answers acked': acked,
				'answers stored': stored
			},
			problems,
			notes: []
		};
	} catch (e) {
		console.error(`The server's last output:\n${server.log.join('').slice(-4000)}`);
		throw e;
	} finally {
		await stopServer(server);
	}
}
