import type { SoloView } from '$lib/game/views';

/**
 * The view to show: the page data's, or the one an enhanced form action returned (the round's
 * actions return the new view so the page need not reload its data after each press), whichever
 * the server built last. Without JavaScript both arrive together and the page data wins a tie.
 */
export function newestView(data: SoloView, form: { view?: SoloView } | null | undefined): SoloView {
	const fromAction = form?.view;
	return fromAction && fromAction.gameId === data.gameId && fromAction.serverNow > data.serverNow
		? fromAction
		: data;
}
