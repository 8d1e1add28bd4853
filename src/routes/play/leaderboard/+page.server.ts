import { getDb } from '$lib/server/db';
import { loadLeaderboard } from '$lib/server/solo/soloGame';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ leaderboard: loadLeaderboard(getDb(), 50) });
