import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointEvery } from './checkpoints';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDatabase() {
	const dir = mkdtempSync(join(tmpdir(), 'slant-ckpt-'));
	dirs.push(dir);
	const path = join(dir, 'x.db');
	const writer = new Database(path);
	writer.pragma('journal_mode = WAL');
	writer.pragma('synchronous = NORMAL');
	// The writer never checkpoints by itself, as the server's connection between backstops.
	writer.pragma('wal_autocheckpoint = 0');
	writer.exec('create table t (id integer primary key, v text)');
	return { path, writer };
}

describe('checkpoints on a connection of their own', () => {
	it('copy the pages another connection committed into the database file', async () => {
		const { path, writer } = walDatabase();
		const insert = writer.prepare('insert into t (v) values (?)');
		for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
		const checkpointer = new Database(path);
		const checkpoints = checkpointEvery(checkpointer, 20);
		try {
			await new Promise((r) => setTimeout(r, 120));
			expect(checkpoints.runs).toBeGreaterThan(0);
			expect(checkpoints.last?.log).toBeGreaterThan(0);
			expect(checkpoints.last?.checkpointed).toBe(checkpoints.last?.log);
			expect(writer.prepare('select count(*) as n from t').get()).toEqual({ n: 200 });
		} finally {
			checkpoints.stop();
			checkpointer.close();
			writer.close();
		}
	});

	it('stop when asked', async () => {
		const { path, writer } = walDatabase();
		const checkpointer = new Database(path);
		const checkpoints = checkpointEvery(checkpointer, 10);
		checkpoints.stop();
		await new Promise((r) => setTimeout(r, 50));
		expect(checkpoints.runs).toBe(0);
		checkpointer.close();
		writer.close();
	});
});
