// Secret ballots: no database artefact links what was voted to who voted.
//
// Threat model. The adversary reads the database as stored: a dump or a file copy, the heap's
// pages (live and dead tuples, PostgreSQL's xmin/ctid, SQLite's page order), the WAL (archived and
// replicated), at any moment while the vote is open or after it closes. They do not hold the
// ballot key (BALLOT_KEY, kept in the instances' environment, never in the database) nor watch a
// running instance's memory; anyone who does can read ballots as they are cast in any design.
//
// Design. Casting writes, in one transaction, who voted (vote_participation) and the ballot
// SEALED: AES-256-GCM under a per-vote key derived from the ballot key, padded to one length per
// vote (the length does not tell a yes from a no), under a random row id. So the row that shares
// the voter's transaction id, page and time is ciphertext. The readable ballots (receipt and
// choice) exist only from the close: the closing transaction opens every sealed ballot, deletes
// them and writes the ballots in the order of their random ids, so on PostgreSQL they all carry the
// closing transaction's xmin and lie in the heap (and in the WAL) in random order, and no casting
// transaction's WAL record holds a readable ballot. On SQLite the deleted cells are zeroed
// (secure_delete), and after the commit the file is vacuumed and the WAL truncated
// (`scrubFreedSpace`: b-tree balancing can leave stale bytes in a page's free space that
// secure_delete does not reach; VACUUM rebuilds every page).
// Residual: the sealed ballots stay in PostgreSQL's WAL, each beside its voter's participation;
// whoever gets both that WAL and the ballot key can link them. Keep BALLOT_KEY out of backups.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { toBuffer, type Db } from '$lib/server/db';

const BATCH = 200;

let cachedKey: Buffer | undefined;

function parseKey(text: string): Buffer {
	const t = text.trim();
	const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
	if (key.length !== 32) throw new Error('BALLOT_KEY must be 32 bytes, in hex or base64');
	return key;
}

/**
 * The ballot key: `BALLOT_KEY` (32 bytes, hex or base64), or the file `BALLOT_KEY_FILE`
 * (default `./data/ballot.key`, made on first use). Every instance on one database needs the same.
 */
export function ballotKey(): Buffer {
	if (cachedKey) return cachedKey;
	if (process.env.BALLOT_KEY) return (cachedKey = parseKey(process.env.BALLOT_KEY));
	const file = path.resolve(process.env.BALLOT_KEY_FILE || './data/ballot.key');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		// Written aside, then linked into place: parallel first uses agree on one key.
		const tmp = `${file}.${process.pid}.${crypto.randomUUID()}`;
		fs.writeFileSync(tmp, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
		try {
			fs.linkSync(tmp, file);
		} catch (err) {
			if ((err as { code?: string }).code !== 'EEXIST') throw err;
		} finally {
			fs.rmSync(tmp, { force: true });
		}
	}
	return (cachedKey = parseKey(fs.readFileSync(file, 'utf8')));
}

function voteKey(voteId: number): Buffer {
	return Buffer.from(
		crypto.hkdfSync('sha256', ballotKey(), 'minka-ballot-v1', `vote:${voteId}`, 32)
	);
}

export interface OpenBallot {
	receipt: string;
	choice: string;
}

/** One sealed length per vote, enough for its longest ballot (every option chosen or ranked). */
export function sealedLength(optionCount: number): number {
	return 256 * Math.ceil((128 + 14 * optionCount) / 256);
}

export function sealBallot(
	voteId: number,
	rowId: string,
	ballot: OpenBallot,
	length: number
): Buffer {
	const text = JSON.stringify({ r: ballot.receipt, c: ballot.choice });
	const padded = Buffer.alloc(Math.max(length, Buffer.byteLength(text)), ' ');
	padded.write(text);
	const nonce = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', voteKey(voteId), nonce);
	cipher.setAAD(Buffer.from(`${voteId}:${rowId}`));
	const body = Buffer.concat([cipher.update(padded), cipher.final()]);
	return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

export function openBallot(voteId: number, rowId: string, sealed: Uint8Array): OpenBallot {
	const data = toBuffer(sealed);
	const decipher = crypto.createDecipheriv('aes-256-gcm', voteKey(voteId), data.subarray(0, 12));
	decipher.setAAD(Buffer.from(`${voteId}:${rowId}`));
	decipher.setAuthTag(data.subarray(12, 28));
	let text: string;
	try {
		text = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString();
	} catch (err) {
		throw new Error(
			`a sealed ballot of vote ${voteId} does not open: is BALLOT_KEY the one it was cast under?`,
			{ cause: err }
		);
	}
	const { r, c } = JSON.parse(text) as { r: string; c: string };
	return { receipt: r, choice: c };
}

function randomId(): string {
	return crypto.randomBytes(16).toString('base64url');
}

/** Writes a secret ballot, sealed, inside the casting transaction. */
export async function insertSealedBallot(
	tx: Db,
	voteId: number,
	ballot: OpenBallot,
	optionCount: number
): Promise<void> {
	const id = randomId();
	await tx
		.insertInto('vote_sealed_ballot')
		.values({
			vote_id: voteId,
			id,
			sealed: sealBallot(voteId, id, ballot, sealedLength(optionCount))
		})
		.execute();
}

/** How many secret ballots a vote holds, sealed or not. */
export async function countSecretBallots(db: Db, voteId: number): Promise<number> {
	const [sealed, open] = await Promise.all(
		(['vote_sealed_ballot', 'vote_ballot'] as const).map((table) =>
			db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('vote_id', '=', voteId)
				.executeTakeFirstOrThrow()
		)
	);
	return Number(sealed.n) + Number(open.n);
}

/**
 * At the close, inside the closing transaction: opens the sealed ballots, and writes every ballot
 * of the vote again (those written readable by an earlier version too) in the order of fresh
 * random ids, after deleting the old rows.
 */
export async function compactSecretBallots(tx: Db, voteId: number): Promise<number> {
	const sealed = await tx
		.selectFrom('vote_sealed_ballot')
		.select(['id', 'sealed'])
		.where('vote_id', '=', voteId)
		.execute();
	const plain = await tx
		.selectFrom('vote_ballot')
		.select(['id', 'receipt', 'choice'])
		.where('vote_id', '=', voteId)
		.execute();
	const ballots = [
		...plain.map((b) => ({ id: b.id, receipt: b.receipt, choice: b.choice })),
		...sealed.map((s) => ({ id: randomId(), ...openBallot(voteId, s.id, s.sealed) }))
	].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	if (ballots.length === 0) return 0;
	if (sealed.length)
		await tx.deleteFrom('vote_sealed_ballot').where('vote_id', '=', voteId).execute();
	if (plain.length) await tx.deleteFrom('vote_ballot').where('vote_id', '=', voteId).execute();
	for (let i = 0; i < ballots.length; i += BATCH) {
		await tx
			.insertInto('vote_ballot')
			.values(
				ballots.slice(i, i + BATCH).map((b) => ({
					vote_id: voteId,
					id: b.id,
					elector_key: null,
					receipt: b.receipt,
					choice: b.choice
				}))
			)
			.execute();
	}
	return ballots.length;
}
