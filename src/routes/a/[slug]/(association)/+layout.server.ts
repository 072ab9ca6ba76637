import { can } from '$lib/server/associations';
import { associationContext, guard } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

// The association's header and tabs. Each page below still guards its own data.
export const load: LayoutServerLoad = async (event) => {
	const ctx = await associationContext(event);
	guard(event, ctx, 'association.view');
	const { slug, name, product, municipality, department } = ctx.association;
	return {
		association: { slug, name, product, municipality, department },
		/** Whether an anonymous visitor reads the register: what a link preview may say. */
		publicRegister: ctx.association.register_public === 1,
		membership: ctx.member
			? {
					name: ctx.member.name,
					role: ctx.member.role,
					office: ctx.member.office,
					status: ctx.member.status
				}
			: null,
		permissions: {
			viewPrivate: can(ctx.actor, 'association.view_private'),
			viewMoney: can(ctx.actor, 'money.view', ctx.association),
			viewAssistance: can(ctx.actor, 'assistance.read', ctx.association),
			manageMembers: can(ctx.actor, 'members.manage'),
			manageSettings: can(ctx.actor, 'settings.manage')
		}
	};
};
