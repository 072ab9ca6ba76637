import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes), as in the Lucia guide: about 30 ms here.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real verification, so an unknown username answers as slowly as a known one. */
export async function verifyAgainstDummy(password: string): Promise<void> {
	dummyHash ??= hashPassword('minka-dummy-password');
	await verifyPassword(await dummyHash, password);
}

/** A message key for what is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
	if (password.length < PASSWORD_MIN_LENGTH) return 'error_password_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'error_password_long';
	return undefined;
}
