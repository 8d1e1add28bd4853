import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from './db/open';
import { games } from './db/schema';
import { eq } from 'drizzle-orm';
import { allocateJoinCode, codeInUse } from './joinCodes';

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
});

function insertGame(id: string, mode: string, joinCode: string, status: string) {
	db.insert(games)
		.values({ id, mode, joinCode, config: TEST_ROUND_CONFIG, seed: 's', questions: [], status })
		.run();
}

/** A code generator that hands out the given codes in turn and counts its calls. */
function sequence(...codes: string[]) {
	const drawn: string[] = [];
	const generate = () => {
		const code = codes[drawn.length] ?? '999999';
		drawn.push(code);
		return code;
	};
	return { generate, drawn };
}

describe('allocateJoinCode', () => {
	it('passes over codes held by open live games and open assignments', () => {
		insertGame('live', 'live', '111111', 'running');
		insertGame('homework', 'assignment', '222222', 'open');
		const codes = sequence('111111', '222222', '333333');
		expect(allocateJoinCode(db, codes.generate)).toBe('333333');
		expect(codes.drawn).toEqual(['111111', '222222', '333333']);
	});

	it('reuses the code of a game that has ended', () => {
		insertGame('old', 'live', '444444', 'ended');
		const codes = sequence('444444');
		expect(allocateJoinCode(db, codes.generate)).toBe('444444');
		expect(codes.drawn).toEqual(['444444']);
	});

	it('sees the games inserted earlier in the same transaction', () => {
		const codes = sequence('555555', '555555', '666666');
		const [first, second] = db.transaction((tx) => {
			const a = allocateJoinCode(tx, codes.generate);
			tx.insert(games)
				.values({
					id: 'a',
					mode: 'live',
					joinCode: a,
					config: TEST_ROUND_CONFIG,
					seed: 's',
					questions: [],
					status: 'open'
				})
				.run();
			return [a, allocateJoinCode(tx, codes.generate)];
		});
		expect(first).toBe('555555');
		expect(second).toBe('666666');
	});

	it('draws six-digit codes by default', () => {
		expect(allocateJoinCode(db)).toMatch(/^\d{6}$/);
	});
});

describe('codeInUse', () => {
	it('finds a game the moment it exists, and remembers a yes for ten seconds only', () => {
		const t0 = 1_000_000;
		expect(codeInUse(db, '777777', t0)).toBe(false);
		// A "no" is not remembered: a game created just now is found at once.
		insertGame('g', 'live', '777777', 'running');
		expect(codeInUse(db, '777777', t0 + 1)).toBe(true);
		db.delete(games).where(eq(games.id, 'g')).run();
		expect(codeInUse(db, '777777', t0 + 9_000)).toBe(true);
		expect(codeInUse(db, '777777', t0 + 10_002)).toBe(false);
		expect(codeInUse(db, '888888', t0)).toBe(false);
	});
});
