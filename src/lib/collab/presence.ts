// Presence on the live editor (y-protocols awareness): who is here and where their cursor is.
// The server rebuilds every state a socket sends: the person is the socket's own user, never what
// the client claims, and only the cursor passes through. Pure: the browser uses the colours too.

/** The largest awareness state a client may send, in characters of its JSON. */
export const PRESENCE_STATE_MAX = 2048;
/** Awareness clients one socket may speak for (a tab has one; a reconnect briefly two). */
export const PRESENCE_CLIENTS_PER_SOCKET = 4;

const COLORS = ['#1f6f8b', '#8b3a62', '#6b5b00', '#2f6b2f', '#7a3b00', '#4b3b8b', '#00665e'];

/** A stable colour per person, so everyone sees the same one. */
export function colorFor(key: string): string {
	let h = 0;
	for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return COLORS[h % COLORS.length];
}

export interface PresenceUser {
	id: string;
	name: string;
}

/**
 * The state to relay for a client of `user`, as JSON: `null` stays `null` (the client left);
 * anything else becomes `{ user, cursor }` with the user stamped here. Undefined (dropped) when
 * the state is too large or not an object.
 */
export function stampPresence(stateJson: string, user: PresenceUser): string | undefined {
	if (stateJson.length > PRESENCE_STATE_MAX) return undefined;
	let state: unknown;
	try {
		state = JSON.parse(stateJson);
	} catch {
		return undefined;
	}
	if (state === null) return 'null';
	if (typeof state !== 'object' || Array.isArray(state)) return undefined;
	const cursor = (state as { cursor?: unknown }).cursor;
	return JSON.stringify({
		user: { id: user.id, name: user.name, color: colorFor(user.id) },
		...(cursor !== undefined && typeof cursor === 'object' ? { cursor } : {})
	});
}
