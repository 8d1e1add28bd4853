/**
 * Line numbers for JSON: JSON.parse says neither where a value sits nor, always, where a syntax
 * error is. This scanner walks the same text and records the line of every value by its path, so
 * pack errors can name the line to fix.
 */

export type JsonPath = readonly (string | number)[];

/** A syntax error found by the scanner, at a 1-based line. */
export class JsonSyntaxError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
	}
}

/** Lines of the values in one JSON text. */
export interface JsonLineMap {
	/** Line of the value at `path`, or of its nearest ancestor that exists. */
	lineOf(path: JsonPath): number;
}

const key = (path: JsonPath) => path.join('\u0000');

class Scanner {
	pos = 0;
	line = 1;
	readonly lines = new Map<string, number>();

	constructor(readonly text: string) {}

	fail(what: string): never {
		throw new JsonSyntaxError(this.line, what);
	}

	skipSpace() {
		for (; this.pos < this.text.length; this.pos++) {
			const c = this.text[this.pos];
			if (c === '\n') this.line++;
			else if (c !== ' ' && c !== '\t' && c !== '\r') return;
		}
	}

	expect(c: string) {
		this.skipSpace();
		if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
		this.pos++;
	}

	value(path: JsonPath) {
		this.skipSpace();
		this.lines.set(key(path), this.line);
		const c = this.text[this.pos];
		if (c === '{') this.object(path);
		else if (c === '[') this.array(path);
		else if (c === '"') this.string();
		else this.literal();
	}

	object(path: JsonPath) {
		this.pos++;
		this.skipSpace();
		if (this.text[this.pos] === '}') return void this.pos++;
		for (;;) {
			this.skipSpace();
			if (this.text[this.pos] !== '"') this.fail('expected a property name in double quotes');
			const name = this.string();
			this.expect(':');
			this.value([...path, name]);
			this.skipSpace();
			const c = this.text[this.pos++];
			if (c === '}') return;
			if (c !== ',') this.fail("expected ',' or '}' after a property value");
		}
	}

	array(path: JsonPath) {
		this.pos++;
		this.skipSpace();
		if (this.text[this.pos] === ']') return void this.pos++;
		for (let i = 0; ; i++) {
			this.value([...path, i]);
			this.skipSpace();
			const c = this.text[this.pos++];
			if (c === ']') return;
			if (c !== ',') this.fail("expected ',' or ']' after an array element");
		}
	}

	string(): string {
		const start = this.pos;
		for (this.pos++; this.pos < this.text.length; this.pos++) {
			const c = this.text[this.pos];
			if (c === '\\') this.pos++;
			else if (c === '\n') this.fail('unterminated string');
			else if (c === '"') {
				this.pos++;
				try {
					return JSON.parse(this.text.slice(start, this.pos)) as string;
				} catch {
					this.fail('invalid escape in a string');
				}
			}
		}
		this.fail('unterminated string');
	}

	literal() {
		const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
			this.text.slice(this.pos, this.pos + 64)
		);
		if (!match) this.fail('unexpected character or end of file');
		this.pos += match[0].length;
	}
}

/**
 * Scans `text` and returns the line of each value. Throws JsonSyntaxError, with the line, when the
 * text is not JSON.
 */
export function mapJsonLines(text: string): JsonLineMap {
	const scanner = new Scanner(text);
	scanner.value([]);
	scanner.skipSpace();
	if (scanner.pos < text.length) scanner.fail('unexpected text after the end of the JSON value');
	const lines = scanner.lines;
	return {
		lineOf(path) {
			for (let n = path.length; n >= 0; n--) {
				const line = lines.get(key(path.slice(0, n)));
				if (line !== undefined) return line;
			}
			return 1;
		}
	};
}
