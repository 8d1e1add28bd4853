import { randomInt, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	codeOfGameId,
	gameIdWithCode,
	MAX_WORKERS,
	ownedJoinCode,
	ownerOfCode,
	ownerOfGameId,
	workerFrom,
	workersWanted
} from './ownership.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const code = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
const workers = fc.integer({ min: 1, max: MAX_WORKERS });

describe('the owner of a live game', () => {
	it('is its join code modulo the number of workers', () => {
		expect(ownerOfCode('000007', 2)).toBe(1);
		expect(ownerOfCode('123456', 5)).toBe(1);
		expect(ownerOfCode('999999', 1)).toBe(0);
	});

	it('is nobody for text that is not a join code', () => {
		for (const text of ['12345', '1234567', '12 456', 'abcdef', '']) {
			expect(ownerOfCode(text, 2)).toBeNull();
		}
	});

	it('follows from the id as from the code, for any code and any number of workers', () => {
		fc.assert(
			fc.property(code, workers, (c, n) => {
				const id = gameIdWithCode(c, randomUUID());
				expect(id).toMatch(UUID);
				expect(codeOfGameId(id)).toBe(c);
				expect(ownerOfGameId(id, n)).toBe(ownerOfCode(c, n));
			})
		);
	});

	it('is unknown for an id made before ids carried their code', () => {
		expect(codeOfGameId(randomUUID())).toBeNull();
		expect(ownerOfGameId(randomUUID(), 2)).toBeNull();
		expect(codeOfGameId('not-an-id')).toBeNull();
	});

	it('keeps the random part of the id', () => {
		const uuid = randomUUID();
		const id = gameIdWithCode('000001', uuid);
		expect(id.slice(5, 14)).toBe(uuid.slice(5, 14));
		expect(id.slice(15)).toBe(uuid.slice(15));
	});
});

describe('a code drawn for a worker', () => {
	it('is a join code that worker owns', () => {
		fc.assert(
			fc.property(workers, fc.nat(), (n, w) => {
				const worker = w % n;
				const drawn = ownedJoinCode(worker, n, randomInt);
				expect(drawn).toMatch(/^\d{6}$/);
				expect(ownerOfCode(drawn, n)).toBe(worker);
			})
		);
	});

	it('reaches the ends of the code space', () => {
		expect(ownedJoinCode(0, 1, () => 0)).toBe('000000');
		expect(ownedJoinCode(0, 1, (n) => n - 1)).toBe('999999');
		expect(ownedJoinCode(2, 3, (n) => n - 1)).toBe('999998');
		expect(ownedJoinCode(0, 3, (n) => n - 1)).toBe('999999');
	});
});

describe('the number of workers', () => {
	it('is 1 unless WORKERS says otherwise', () => {
		expect(workersWanted(undefined)).toBe(1);
		expect(workersWanted(' ')).toBe(1);
		expect(workersWanted('4')).toBe(4);
	});

	it('refuses a value that is not a whole number in range', () => {
		for (const raw of ['0', '-1', '1.5', 'two', String(MAX_WORKERS + 1)]) {
			expect(() => workersWanted(raw)).toThrow(/WORKERS/);
		}
	});
});

describe('which worker this process is', () => {
	it('is read from index/count, and the only one without it', () => {
		expect(workerFrom('1/3')).toEqual({ index: 1, count: 3 });
		expect(workerFrom(undefined)).toEqual({ index: 0, count: 1 });
	});

	it('refuses an index past the count', () => {
		expect(() => workerFrom('2/2')).toThrow();
	});
});
