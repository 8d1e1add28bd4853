import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildRound, defaultRoundConfig } from '../src/lib/game/round';
import { ensureBundledContent, importContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/open';
import { loadRoundContent } from '../src/lib/server/db/queries';
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'h1-')), 'b.db'));
migrateDatabase(db); syncTechniques(db); ensureBundledContent(db);
importContent(db, ['/work/shared/data/ptc/articles/train', '/work/shared/data/ptc/labels/train-TC']);
const c = loadRoundContent(db);
let t = performance.now(); buildRound(c, defaultRoundConfig(), 'first'); console.log('first', (performance.now() - t).toFixed(0));
const times = [];
for (let i = 0; i < 20; i++) { t = performance.now(); buildRound(c, defaultRoundConfig(), 's' + i); times.push(performance.now() - t); }
console.log('rounds', times.map((x) => x.toFixed(0)).join(' '));
