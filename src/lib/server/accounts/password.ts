/**
 * Password hashing with node:crypto scrypt (memory-hard): a random salt per password, the cost
 * parameters stored with the hash so they can be raised later, and a constant-time comparison.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N = 2^15, r = 8, p = 3: 32 MiB per hash, one of the settings OWASP's password storage cheat
 * sheet lists as equivalent to its scrypt minimum, and light enough for a school's small server.
 */
const COST = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }) {
	const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
	return new Promise<Buffer>((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_LENGTH);
	const key = await derive(password, salt, COST);
	return [
		'scrypt',
		COST.N,
		COST.r,
		COST.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

/** Whether `password` matches a hash made by hashPassword (false for a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [N, r, p] = parts.slice(1, 4).map(Number);
	if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
	const salt = Buffer.from(parts[4], 'base64url');
	const expected = Buffer.from(parts[5], 'base64url');
	const key = await derive(password, salt, { N, r, p });
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of no one's password, verified against when the address is unknown (same timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	return decoy;
}
