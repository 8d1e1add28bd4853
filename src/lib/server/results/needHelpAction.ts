/**
 * The form action that sets a game's need-help threshold, shared by the report page and the
 * assignment page (both show the report): parse the form, set it for the owner, reply.
 */
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Teacher } from '../accounts/accounts';
import { getDb } from '../db';
import { orErrorPageNow } from '../refusal';
import { NeedHelpThresholdSchema } from '../requestSchemas';
import { setNeedHelpThreshold } from './needHelp';

/**
 * Reads `threshold` from the form: a 400 failure with the message and the value sent for anything
 * but a whole percentage from 1 to 99 (nothing written); the game's 404 for anyone but its owner.
 */
export async function needHelpAction(gameId: string, teacher: Teacher | null, request: Request) {
	const form = Object.fromEntries(await request.formData());
	const parsed = v.safeParse(NeedHelpThresholdSchema, form);
	if (!parsed.success) {
		const threshold = typeof form.threshold === 'string' ? form.threshold : '';
		// One message, without the field's name: the form has one field.
		return fail(400, { needHelp: parsed.issues[0].message, threshold });
	}
	orErrorPageNow(() => setNeedHelpThreshold(getDb(), gameId, teacher?.id, parsed.output.threshold));
	return { needHelpSet: parsed.output.threshold };
}
