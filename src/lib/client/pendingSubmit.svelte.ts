import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's "in flight" state for `use:enhance`: `busy` is true from submit until the result has
 * been applied, so the page can disable its submit button. By default the form keeps what was
 * typed (a refused nickname stays in the field to correct).
 */
export class PendingSubmit {
	busy = $state(false);

	constructor(private readonly resetAfter = false) {}

	submit: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			await update({ reset: this.resetAfter });
			this.busy = false;
		};
	};
}
