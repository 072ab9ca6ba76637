import { m } from '$lib/paraglide/messages.js';

export function purchaseStatusLabel(status: string): string {
	return status === 'awarded'
		? m.purchase_status_awarded()
		: status === 'cancelled'
			? m.purchase_status_cancelled()
			: m.purchase_status_open();
}
