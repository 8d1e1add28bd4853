/**
 * Whether a key press may act as a page-wide shortcut: no modifier held (browser and system
 * shortcuts stay theirs) and not typed into a text field.
 */
export function isPageShortcut(event: KeyboardEvent): boolean {
	if (event.altKey || event.ctrlKey || event.metaKey) return false;
	const target = event.target;
	return !(
		target instanceof HTMLInputElement ||
		target instanceof HTMLTextAreaElement ||
		target instanceof HTMLSelectElement
	);
}
