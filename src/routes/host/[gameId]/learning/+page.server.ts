import { getDb } from '$lib/server/db';
import { addDelayedCheckFromForm, releaseCheckResults } from '$lib/server/assignments/checkPair';
import { orFailure } from '$lib/server/refusal';
import { hostLearningReport } from '$lib/server/results/http';
import type { Actions, PageServerLoad } from './$types';

/** The report of a group of checks, for the teacher who owns them only. */
export const load: PageServerLoad = ({ params, locals }) => ({
	report: hostLearningReport(getDb(), params.gameId, locals.teacher)
});

export const actions: Actions = {
	/** Lets the students see their results of every check. */
	release: ({ params, locals }) =>
		orFailure(
			() => {
				releaseCheckResults(getDb(), params.gameId, locals.teacher?.id);
				return { released: true };
			},
			({ message }) => ({ message })
		),
	/** Adds the delayed check: `opensAt` as a datetime-local field sends it, `tzOffset`. */
	delayed: async ({ params, locals, request }) => {
		const form = await request.formData();
		return orFailure(
			() => {
				const created = addDelayedCheckFromForm(getDb(), params.gameId, locals.teacher?.id, form);
				return { delayedCode: created.joinCode };
			},
			({ message }) => ({ message, opensAt: String(form.get('opensAt') ?? '') })
		);
	}
};
