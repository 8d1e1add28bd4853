/**
 * The look of answer tiles, shared by the projector and the phones so a student can match them:
 * each position has a colour AND a shape (and the tile always carries its text), so nobody needs
 * to tell colours apart. Text colours keep a contrast of at least 4.5:1 on their tile.
 */
export interface TileStyle {
	shape: 'triangle' | 'diamond' | 'circle' | 'square';
	/** The shape's name, said where the shape alone would not be read out. */
	name: string;
	background: string;
	text: string;
}

export const TILE_STYLES: readonly TileStyle[] = [
	{ shape: 'triangle', name: 'Triangle', background: '#b42318', text: '#ffffff' },
	{ shape: 'diamond', name: 'Diamond', background: '#1d4ed8', text: '#ffffff' },
	{ shape: 'circle', name: 'Circle', background: '#f5c518', text: '#111111' },
	{ shape: 'square', name: 'Square', background: '#15803d', text: '#ffffff' }
];

/** The style of the tile at `index` (choices beyond four repeat the set). */
export function tileStyle(index: number): TileStyle {
	return TILE_STYLES[((index % TILE_STYLES.length) + TILE_STYLES.length) % TILE_STYLES.length];
}

/** What a set of answer buttons passes on to each of them (NameChoices, JudgeChoice). */
export interface ChoiceOptions {
	disabled?: boolean;
	/** Listen for the choices' keys on the whole window. */
	keys?: boolean;
	/** Large coloured tiles with shapes (live game) instead of plain buttons (solo). */
	tiles?: boolean;
}
