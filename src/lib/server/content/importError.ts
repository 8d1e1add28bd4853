/**
 * The one error an import raises for bad input. It always names the file, and the line when one
 * is known, so a person can open the file and fix it.
 */
export class ImportError extends Error {
	/** The file at fault, as the user gave it (relative to the working directory when inside it). */
	readonly file: string;
	/** 1-based line number in `file`, when the problem sits on one line. */
	readonly line: number | undefined;
	/** The problem alone, without the file and line prefix. */
	readonly problem: string;

	constructor(file: string, line: number | undefined, problem: string) {
		super(`${line === undefined ? file : `${file}:${line}`}: ${problem}`);
		this.name = 'ImportError';
		this.file = file;
		this.line = line;
		this.problem = problem;
	}
}
