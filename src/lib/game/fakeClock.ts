/**
 * A fake clock for machine specs, whose tests read `Date.now()` for the `now` of their events and
 * move it with `vi.advanceTimersByTime`. Test support only.
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** Runs every test of the enclosing block (or file) on a fake clock that starts at `t0`. */
export function useFakeClockAt(t0: number | Date): void {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(t0);
	});
	afterEach(() => {
		vi.useRealTimers();
	});
}
