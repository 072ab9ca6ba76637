// Login cards for members who do not type a password: a leader prints a card with the member's
// name and a QR code; scanning it on the member's own phone logs them in. The card holds a long
// random secret (256 bits); only its SHA-256 is stored, so the database cannot print it again.
// One card works per member at a time: a new card, or a lost one reported, revokes the earlier.
// Every use is in the audit log; failures are throttled per address like password logins.

import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { countAttempt, forgiveAttempt, LOGIN_PER_ADDRESS } from '$lib/server/auth/throttle';
import { writeTx, type Db } from '$lib/server/db';
import type { CardRevokeReason, LoginCard, User } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { actingUser, type AssociationContext } from './associations';
import { recordAudit } from './audit';
import { authorize } from './policy';

const SECRET = /^[a-z2-7]{52}$/;

export function generateCardSecret(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

export function cardSecretHash(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** The address a card opens: /card/SECRET on this site. */
export function cardPath(secret: string): string {
	return `/card/${secret}`;
}

async function cardMember(db: Db, ctx: AssociationContext, memberId: number) {
	const member = await db
		.selectFrom('member')
		.select(['id', 'name', 'status', 'user_id'])
		.where('id', '=', memberId)
		.where('association_id', '=', ctx.association.id)
		.executeTakeFirst();
	if (!member || member.status === 'left')
		throw new DomainError('not_found', 'error_member_not_found');
	if (!member.user_id) throw new DomainError('invalid', 'error_card_needs_account');
	return member;
}

async function revokeActive(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	reason: CardRevokeReason,
	userId: string,
	now: number
): Promise<number> {
	const result = await db
		.updateTable('login_card')
		.set({ revoked_at: now, revoked_by: userId, revoke_reason: reason })
		.where('association_id', '=', ctx.association.id)
		.where('member_id', '=', memberId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Makes a member's card, revoking the one they had (`lost` when they reported it lost, else
 * `replaced`). The secret is returned once, to print; it is never stored.
 */
export async function issueCard(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	opts: { lost?: boolean; now?: number } = {}
): Promise<{ card: LoginCard; secret: string }> {
	authorize(ctx.actor, 'cards.manage');
	const user = actingUser(ctx);
	const now = opts.now ?? Date.now();
	const member = await cardMember(db, ctx, memberId);
	if (member.status !== 'active') throw new DomainError('invalid', 'error_card_member_inactive');
	const secret = generateCardSecret();
	const card = await writeTx(db, async (trx) => {
		const replaced = await revokeActive(
			trx,
			ctx,
			memberId,
			opts.lost ? 'lost' : 'replaced',
			user.id,
			now
		);
		const row = await trx
			.insertInto('login_card')
			.values({
				association_id: ctx.association.id,
				member_id: memberId,
				secret_hash: cardSecretHash(secret),
				created_by: user.id,
				created_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'card.issued',
			subject: member.name,
			details: { card: row.id, replaces: replaced > 0, lost: Boolean(opts.lost) },
			at: now
		});
		return row;
	});
	return { card, secret };
}

export async function revokeCard(
	db: Db,
	ctx: AssociationContext,
	memberId: number,
	now = Date.now()
) {
	authorize(ctx.actor, 'cards.manage');
	const user = actingUser(ctx);
	const member = await cardMember(db, ctx, memberId);
	await writeTx(db, async (trx) => {
		const revoked = await revokeActive(trx, ctx, memberId, 'revoked', user.id, now);
		if (revoked === 0) throw new DomainError('conflict', 'error_card_none');
		await recordAudit(trx, {
			associationId: ctx.association.id,
			actor: user,
			action: 'card.revoked',
			subject: member.name,
			at: now
		});
	});
}

/** The member's working card, if any (never its secret). */
export async function activeCard(db: Db, associationId: number, memberId: number) {
	return db
		.selectFrom('login_card')
		.select(['id', 'created_at', 'uses', 'last_used_at'])
		.where('association_id', '=', associationId)
		.where('member_id', '=', memberId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}

/** Whether `secret` is the member's working card: the PDF is only made for the card just printed. */
export async function isActiveCardSecret(
	db: Db,
	associationId: number,
	memberId: number,
	secret: string
): Promise<boolean> {
	if (!SECRET.test(secret)) return false;
	const row = await db
		.selectFrom('login_card')
		.select('id')
		.where('secret_hash', '=', cardSecretHash(secret))
		.where('association_id', '=', associationId)
		.where('member_id', '=', memberId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row !== undefined;
}

export interface CardHolder {
	user: User;
	cardId: number;
	memberName: string;
	associationId: number;
	associationName: string;
}

/**
 * The account a card opens. An unknown, revoked or malformed code counts as a failed login from
 * the address; past the limit every card is refused from there for a while.
 */
export async function findCardHolder(
	db: Db,
	secret: string,
	address: string,
	now = Date.now()
): Promise<CardHolder> {
	const addressKey = `login:address:${address}`;
	// Counted before the card is looked up, in one statement, as password logins are: parallel
	// guesses cannot all slip under the limit. A card that works gives its attempt back.
	const wait = await countAttempt(db, addressKey, LOGIN_PER_ADDRESS, now);
	if (wait > 0) {
		throw new DomainError('throttled', {
			key: 'error_login_throttled',
			params: { minutes: Math.ceil(wait / 60_000) }
		});
	}
	const row = SECRET.test(secret)
		? await db
				.selectFrom('login_card')
				.innerJoin('member', 'member.id', 'login_card.member_id')
				.innerJoin('association', 'association.id', 'login_card.association_id')
				.innerJoin('user', 'user.id', 'member.user_id')
				.selectAll('user')
				.select([
					'login_card.id as cardId',
					'login_card.revoked_at as revokedAt',
					'member.name as memberName',
					'member.status as memberStatus',
					'association.id as associationId',
					'association.name as associationName'
				])
				.where('login_card.secret_hash', '=', cardSecretHash(secret))
				.executeTakeFirst()
		: undefined;
	if (!row || row.revokedAt !== null || row.memberStatus !== 'active') {
		throw new DomainError('invalid', 'error_card_invalid');
	}
	await forgiveAttempt(db, addressKey);
	const { cardId, revokedAt, memberName, memberStatus, associationId, associationName, ...user } =
		row;
	void revokedAt;
	void memberStatus;
	return { user, cardId, memberName, associationId, associationName };
}

/** Records a login by card: its count, its last use and an audit entry. */
export async function recordCardUse(db: Db, holder: CardHolder, now = Date.now()): Promise<void> {
	await writeTx(db, async (trx) => {
		await trx
			.updateTable('login_card')
			.set((eb) => ({ uses: eb('uses', '+', 1), last_used_at: now }))
			.where('id', '=', holder.cardId)
			.execute();
		await recordAudit(trx, {
			associationId: holder.associationId,
			actor: { id: holder.user.id, display_name: holder.user.display_name },
			action: 'card.used',
			subject: holder.memberName,
			details: { card: holder.cardId },
			at: now
		});
	});
}
