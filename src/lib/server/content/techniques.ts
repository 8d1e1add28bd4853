import { TECHNIQUES } from '../../game/techniques';
import type { Db } from '../db/open';
import { techniques } from '../db/schema';

/** Writes the technique taxonomy into the database (insert or update), in one transaction. */
export function syncTechniques(db: Db): void {
	db.transaction((tx) => {
		for (const t of TECHNIQUES) {
			const row = {
				id: t.id,
				ptcLabel: t.ptcLabel,
				name: t.name,
				family: t.family,
				definition: t.definition,
				tip: t.tip,
				example: t.example
			};
			tx.insert(techniques)
				.values(row)
				.onConflictDoUpdate({ target: techniques.id, set: row })
				.run();
		}
	});
}
