import { isActionFailure, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { AccountError } from './accounts/accounts';
import { LiveError } from './live/errors';
import { Refusal, orErrorPage, orFailure, orJson, refusalBody } from './refusal';
import { SoloError } from './solo/soloGame';

/** What `fn` throws (or undefined). */
async function thrown(fn: () => unknown): Promise<unknown> {
	try {
		await fn();
	} catch (e) {
		return e;
	}
	return undefined;
}

describe('replying with a refusal', () => {
	it('is { code, message } for a refusal with a code and { message } for one without', () => {
		expect(refusalBody(new LiveError(409, 'too_late', 'Time is up.'))).toEqual({
			code: 'too_late',
			message: 'Time is up.'
		});
		expect(refusalBody(new SoloError(410, 'Closed.'))).toEqual({ message: 'Closed.' });
	});

	it('turns any service refusal into JSON with its status, and lets other errors through', async () => {
		const reply = await orJson(() => {
			throw new AccountError(401, 'not_signed_in', 'Sign in.');
		});
		expect(reply.status).toBe(401);
		expect(await reply.json()).toEqual({ code: 'not_signed_in', message: 'Sign in.' });
		const bug = new TypeError('bug');
		expect(await thrown(() => orJson(() => Promise.reject(bug)))).toBe(bug);
	});

	it('turns a refusal into a form failure with the data the form keeps', async () => {
		const failed = await orFailure(
			() => {
				throw new SoloError(400, 'Choose one.');
			},
			({ message }) => ({ message, values: { a: '1' } })
		);
		expect(isActionFailure(failed)).toBe(true);
		expect(failed).toMatchObject({
			status: 400,
			data: { message: 'Choose one.', values: { a: '1' } }
		});
	});

	it('lets a redirect from the service call through a form action', async () => {
		const e = await thrown(() =>
			orFailure(
				() => redirect(303, '/next'),
				({ message }) => ({ message })
			)
		);
		expect(isRedirect(e)).toBe(true);
	});

	it('turns a refusal into the error page of its status in a load', async () => {
		const e = await thrown(() =>
			orErrorPage(() => {
				throw new Refusal(404, 'Not here.');
			})
		);
		expect(isHttpError(e, 404)).toBe(true);
		expect((e as { body: { message: string } }).body.message).toBe('Not here.');
	});
});
