import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeView } from '../src/lib/client/liveViews';
import { generatedExplanation, revealQuestion } from '../src/lib/game/feedback';
import { toPublicQuestion } from '../src/lib/game/round';
import type { Question } from '../src/lib/game/types';
import { anyResponse, Client, CONFIG, serveForTests, signUpTeacher } from './liveServer';

const server = serveForTests();

/**
 * Field names that only the answer key and the reveal carry, in the full or the compact wire form,
 * as JSON or as devalue writes them.
 */
const KEY_FIELD =
	/["']?\b(answer|targets|spans|explanation|techniqueName|itemKey|reveal|note)\b["']?\s*:\s*(?!null)/;

/**
 * Phrases of the question's explanations (the editor's, or those Slant writes), long enough to be
 * unmistakable; phrases that quote the excerpt itself (which the player must see) are left out.
 */
function explanationPhrases(q: Question): string[] {
	const excerpt = q.excerpt.tokens.map((t) => t.text).join('');
	return q.spans
		.map((s) => s.explanation ?? generatedExplanation(s.techniqueId, s.text))
		.flatMap((explanation) => explanation.match(/[A-Za-z][A-Za-z ,]{24}/g) ?? [])
		.filter((p) => !excerpt.includes(p));
}

/** What a screen shows of a frozen question before answering, and at reveal. */
function shownForms(q: Question) {
	const excerpt = {
		articleTitle: q.excerpt.articleTitle,
		outlet: q.excerpt.outlet,
		tokens: q.excerpt.tokens
	};
	const { answer, spans, note } = revealQuestion(q);
	return {
		question: { ...toPublicQuestion(q), excerpt },
		reveal: { excerpt, answer, spans, note }
	};
}

function frozenQuestions(gameId: string): Question[] {
	const sqlite = new Database(server.databasePath, { readonly: true });
	try {
		const row = sqlite.prepare('select questions from games where id = ?').get(gameId) as {
			questions: string;
		};
		return JSON.parse(row.questions);
	} finally {
		sqlite.close();
	}
}

describe('the answer key before reveal', () => {
	it('reaches no player: not the page, the event stream, nor any JSON reply', async () => {
		const { client: host } = await signUpTeacher();
		const { gameId, code } = (
			await host.request('/api/live/host', { body: { ...CONFIG, count: 6 } })
		).json;
		const questions = frozenQuestions(gameId);
		const phones = [new Client(), new Client()];
		const payloads: string[] = [];
		for (const [i, phone] of phones.entries()) {
			payloads.push(
				(await phone.request('/api/live/join', { body: { code, nickname: `Leak${i}` } })).text
			);
		}
		await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });

		const kinds = new Set<string>();
		for (let index = 0; index < questions.length; index++) {
			const q = questions[index];
			kinds.add(q.kind);
			const seen: string[] = [...payloads];
			payloads.length = 0;
			const page = await phones[0].request(`/game/${code}`);
			expect(page.status).toBe(200);
			seen.push(page.text);
			const events = await phones[0].events(`/api/live/play/${code}/events`, 1);
			expect(events.states).toHaveLength(1);
			seen.push(events.raw);
			const state = await phones[0].request(`/api/live/play/${code}/state`);
			expect(state.json.phase).toBe('question');
			expect(state.json.question.index).toBe(index);
			seen.push(state.text);
			// Decoded as the phone decodes it: the public question, the server's tokens, nothing more.
			const shown = shownForms(q);
			expect(decodeView(state.json).question?.question).toEqual(shown.question);
			// The first phone answers; its reply must not say whether it was right.
			const reply = await phones[0].request(`/api/live/play/${code}/answer`, {
				body: {
					questionIndex: index,
					requestId: `q${index}`,
					response: anyResponse(state.json.question.question)
				}
			});
			expect(reply.status).toBe(200);
			seen.push(reply.text);
			seen.push((await phones[0].request(`/api/live/play/${code}/state`)).text);
			seen.push((await phones[1].request(`/api/live/play/${code}/state`)).text);

			for (const text of seen) {
				expect(text).not.toMatch(KEY_FIELD);
				for (const phrase of explanationPhrases(q)) expect(text).not.toContain(phrase);
			}

			// The other phone answers, the question closes, and now the key is there: the check above
			// would have seen it.
			const other = await phones[1].request(`/api/live/play/${code}/answer`, {
				body: {
					questionIndex: index,
					requestId: `o${index}`,
					response: anyResponse(state.json.question.question)
				}
			});
			expect(other.status).toBe(200);
			const revealed = await phones[1].request(`/api/live/play/${code}/state`);
			expect(revealed.json.phase).toBe('reveal');
			expect(revealed.text).toMatch(KEY_FIELD);
			expect(decodeView(revealed.json).reveal?.reveal).toEqual(shown.reveal);
			await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'skip' } });
		}
		expect(kinds.size).toBeGreaterThanOrEqual(2);
	});
});
