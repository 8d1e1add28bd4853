/**
 * npm run bench [-- --quick | --only=<text> | players...] — runs the benchmark of scripts/bench/main.ts
 * (live games, solo play, answer throughput against a bare reference, rounds after an import),
 * passing its arguments on. The import benchmark is separate: `npx tsx scripts/bench-import.ts`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./bench/main.ts', import.meta.url));
console.log('Slant benchmark (for the import benchmark: npx tsx scripts/bench-import.ts)');
const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], {
	stdio: 'inherit'
});
process.exit(run.status ?? 1);
