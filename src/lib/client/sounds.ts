/**
 * The projector's optional sounds, synthesised in the browser with the Web Audio API: short
 * tones made by this code, so there are no sound files and no third-party licence to track
 * (they are Slant's own, under the project's licence). Sound is off until the host turns it on;
 * the choice is kept in this browser.
 */
export type Cue = 'question' | 'tick' | 'reveal' | 'podium';

const STORAGE_KEY = 'slant.sound';

/** Notes of each cue: frequency (Hz), start (s after the cue), length (s). */
const CUES: Record<Cue, [number, number, number][]> = {
	question: [
		[523.25, 0, 0.12],
		[783.99, 0.12, 0.2]
	],
	tick: [[880, 0, 0.05]],
	reveal: [
		[659.25, 0, 0.12],
		[523.25, 0.12, 0.12],
		[392, 0.24, 0.25]
	],
	podium: [
		[523.25, 0, 0.14],
		[659.25, 0.14, 0.14],
		[783.99, 0.28, 0.14],
		[1046.5, 0.42, 0.45]
	]
};

let context: AudioContext | null = null;

/** Whether the host turned sound on in this browser (off by default). */
export function soundPreference(): boolean {
	try {
		return localStorage.getItem(STORAGE_KEY) === 'on';
	} catch {
		return false;
	}
}

export function saveSoundPreference(on: boolean): void {
	try {
		localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
	} catch {
		// Private browsing may refuse storage: the toggle still works for this visit.
	}
}

/** Plays a cue; silently does nothing where Web Audio is missing or blocked. */
export function play(cue: Cue): void {
	if (typeof window === 'undefined' || !('AudioContext' in window)) return;
	try {
		context ??= new AudioContext();
		if (context.state === 'suspended') void context.resume();
		const start = context.currentTime + 0.02;
		for (const [frequency, offset, length] of CUES[cue]) {
			const oscillator = context.createOscillator();
			const gain = context.createGain();
			oscillator.type = 'triangle';
			oscillator.frequency.value = frequency;
			// A quick rise and an exponential fall: a soft bell rather than a click.
			gain.gain.setValueAtTime(0.0001, start + offset);
			gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.015);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length);
			oscillator.connect(gain).connect(context.destination);
			oscillator.start(start + offset);
			oscillator.stop(start + offset + length + 0.05);
		}
	} catch {
		// Sound is a nicety: never let it break the game.
	}
}
