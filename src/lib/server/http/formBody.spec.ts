import { describe, expect, it } from 'vitest';
import { formBodyProblem } from './bodyCheck';

/** A browser's multipart POST of `form`. */
function multipart(form: FormData): Request {
	return new Request('http://localhost/x', { method: 'POST', body: form });
}

describe('formBodyProblem', () => {
	it('refuses a file on a form that takes none', async () => {
		const form = new FormData();
		form.set('title', 'A');
		form.set('file', new File([new Uint8Array([1, 2])], 'a.zip'));
		expect(await formBodyProblem(multipart(form))).toEqual({
			status: 400,
			message: 'This form takes no files.'
		});
	});

	it('accepts the empty file input a browser sends when no file was chosen, on a form that takes files', async () => {
		// As Chromium sends it: a file part with an empty name and no bytes.
		const boundary = 'XyZ';
		const request = new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
			body:
				`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nCafé 🔥\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n` +
				`Content-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`
		});
		expect(await formBodyProblem(request, { files: true })).toBeNull();
	});

	it('accepts a binary file (not UTF-8) on a form that takes files', async () => {
		const form = new FormData();
		form.set('title', 'A zip');
		form.set('file', new File([new Uint8Array([0x50, 0x4b, 0xff, 0xfe, 0x80])], 'a.zip'));
		expect(await formBodyProblem(multipart(form), { files: true })).toBeNull();
	});

	it('still refuses a text field that is not valid UTF-8 beside a file', async () => {
		const boundary = 'XyZ';
		const bytes = new Uint8Array([
			...new TextEncoder().encode(
				`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nbad `
			),
			0xc3,
			0x28,
			...new TextEncoder().encode(
				`\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`
			)
		]);
		const request = new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
			body: bytes
		});
		expect(await formBodyProblem(request, { files: true })).toMatchObject({ status: 400 });
	});
});
