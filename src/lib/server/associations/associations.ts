import { ASSOCIATION_TEXT_MAX as TEXT_MAX, SLUG_MAX } from '$lib/associations/limits';
import { isUniqueViolation, writeTx, type Db } from '$lib/server/db';
import type { Association, Member, MemberStatus, Role } from '$lib/server/db/schema';
import { DomainError, invalid } from '$lib/server/errors';
import { cleanLine, slugify } from '$lib/server/text';
import { recordAudit } from './audit';
import { authorize, type Actor } from './policy';

/** The person acting: a logged-in user, or nobody. */
export interface ActingUser {
	id: string;
	display_name: string;
}

/** An association seen by one visitor: what it is, and who the visitor is in it. */
export interface AssociationContext {
	association: Association;
	user: ActingUser | null;
	member: Member | undefined;
	actor: Actor;
}

/** The logged-in user behind an act; anonymous visitors act on nothing. */
export function actingUser(ctx: AssociationContext): ActingUser {
	if (!ctx.user) throw new DomainError('forbidden', 'error_forbidden');
	return ctx.user;
}

const SLUG = new RegExp(`^[a-z0-9](?:[a-z0-9-]{1,${SLUG_MAX - 2}}[a-z0-9])$`);
// Path segments under /a/ that are pages, not associations.
const RESERVED_SLUGS = new Set(['new', 'api', 'admin', 'join', 'settings']);

export async function getAssociationBySlug(db: Db, slug: string): Promise<Association | undefined> {
	return db.selectFrom('association').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function loadAssociationContext(
	db: Db,
	slug: string,
	user: ActingUser | null
): Promise<AssociationContext | undefined> {
	const association = await getAssociationBySlug(db, slug);
	if (!association) return undefined;
	const member = user
		? await db
				.selectFrom('member')
				.selectAll()
				.where('association_id', '=', association.id)
				.where('user_id', '=', user.id)
				.executeTakeFirst()
		: undefined;
	return {
		association,
		user,
		member,
		actor: {
			userId: user?.id ?? null,
			membership: member ? { memberId: member.id, role: member.role, status: member.status } : null
		}
	};
}

export interface AssociationInput {
	name?: unknown;
	product?: unknown;
	municipality?: unknown;
	department?: unknown;
	slug?: unknown;
}

function requiredText(value: unknown, field: string, fields: Record<string, string>): string {
	const text = cleanLine(value);
	if (!text) fields[field] = 'error_required';
	else if (text.length > TEXT_MAX) fields[field] = 'error_text_long';
	return text;
}

/** Creates an association; its creator becomes its first leader, as presidente/a. */
export async function createAssociation(
	db: Db,
	user: ActingUser,
	input: AssociationInput
): Promise<Association> {
	authorize({ userId: user.id, membership: null }, 'association.create');
	const fields: Record<string, string> = {};
	const name = requiredText(input.name, 'name', fields);
	const product = requiredText(input.product, 'product', fields);
	const municipality = requiredText(input.municipality, 'municipality', fields);
	const department = requiredText(input.department, 'department', fields);
	const slug = cleanLine(input.slug).toLowerCase() || slugify(name);
	if (!SLUG.test(slug) || RESERVED_SLUGS.has(slug)) fields.slug = 'error_slug_format';
	if (Object.keys(fields).length) throw invalid(fields);

	const now = Date.now();
	try {
		return await writeTx(db, async (tx) => {
			const association = await tx
				.insertInto('association')
				.values({
					slug,
					name,
					product,
					municipality,
					department,
					register_public: 1,
					created_at: now
				})
				.returningAll()
				.executeTakeFirstOrThrow();
			await tx
				.insertInto('member')
				.values({
					association_id: association.id,
					user_id: user.id,
					name: user.display_name,
					id_number: null,
					community: null,
					role: 'leader',
					office: 'presidente',
					status: 'active',
					created_at: now,
					updated_at: now
				})
				.execute();
			await recordAudit(tx, {
				associationId: association.id,
				actor: user,
				action: 'association.created',
				subject: name
			});
			return association;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw invalid({ slug: 'error_slug_taken' });
		throw err;
	}
}

export interface MyAssociation {
	slug: string;
	name: string;
	product: string;
	municipality: string;
	department: string;
	role: Role;
	office: string | null;
	status: MemberStatus;
}

/** The associations a user belongs to (suspended ones too, so they know), by name. */
export async function listAssociationsOfUser(db: Db, userId: string): Promise<MyAssociation[]> {
	return db
		.selectFrom('member')
		.innerJoin('association', 'association.id', 'member.association_id')
		.select([
			'association.slug',
			'association.name',
			'association.product',
			'association.municipality',
			'association.department',
			'member.role',
			'member.office',
			'member.status'
		])
		.where('member.user_id', '=', userId)
		.where('member.status', '!=', 'left')
		.orderBy('association.name')
		.execute();
}

/** Whether non-members may read the association's front page and decision register. */
/** The associations whose register is public, by name: what anyone may see listed. */
export async function listPublicAssociations(
	db: Db
): Promise<
	Pick<Association, 'id' | 'slug' | 'name' | 'product' | 'municipality' | 'department'>[]
> {
	return db
		.selectFrom('association')
		.select(['id', 'slug', 'name', 'product', 'municipality', 'department'])
		.where('register_public', '=', 1)
		.orderBy('name')
		.execute();
}

export async function setRegisterPublic(
	db: Db,
	ctx: AssociationContext,
	registerPublic: boolean
): Promise<void> {
	authorize(ctx.actor, 'settings.manage');
	await db
		.updateTable('association')
		.set({ register_public: registerPublic ? 1 : 0 })
		.where('id', '=', ctx.association.id)
		.execute();
}
