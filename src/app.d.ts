import type { SessionUser } from '$lib/server/auth/session';
import type { Session } from '$lib/server/db/schema';
import type { RequestWordings } from '$lib/server/wording/request';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** The association's own wording shown on this request (see $lib/server/wording). */
			wordings?: RequestWordings;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
