// A message to share on WhatsApp: a plain link to wa.me that opens the app (or WhatsApp Web) with
// the text written and lets the member choose to whom. No script, no tracking: the text and the
// page's address, encoded, are all it carries.

/** The wa.me link that opens WhatsApp with `message` followed by `url` on its own line. */
export function whatsappHref(message: string, url: string): string {
	return `https://wa.me/?text=${encodeURIComponent(`${message}\n${url}`)}`;
}
