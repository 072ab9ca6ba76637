// Which presence entries a peer may set in a room: only for its own clients, no more of them than a
// tab has, and stamped with who the session says it is. Pure over the room's ownership maps.
import { PRESENCE_CLIENTS_PER_SOCKET, stampPresence } from '$lib/collab/presence';
import type { Peer } from './peer';
import type { AwarenessEntry } from './protocol';

/**
 * The entries of `peer`'s presence update that the room applies, and how many it dropped.
 * `mine`: the clients the peer controls; `owners`: who controls each client; `serverClientId`:
 * the room's own document client, which no peer may speak for.
 */
export function admitPresence(
	peer: Peer,
	claimed: Iterable<AwarenessEntry>,
	mine: ReadonlySet<number>,
	owners: ReadonlyMap<number, Peer>,
	serverClientId: number
): { entries: AwarenessEntry[]; dropped: number } {
	const user = { id: peer.userId, name: peer.name };
	const entries: AwarenessEntry[] = [];
	const fresh = new Set<number>();
	let dropped = 0;
	for (const entry of claimed) {
		// A peer may speak for its own clients, not overwrite another user's presence.
		if (entry.clientId === serverClientId) continue;
		const owner = owners.get(entry.clientId);
		if (owner && owner !== peer && owner.userId !== peer.userId) continue;
		// Nor speak for more clients than a tab has.
		if (!mine.has(entry.clientId) && !fresh.has(entry.clientId) && entry.state !== 'null') {
			if (mine.size + fresh.size >= PRESENCE_CLIENTS_PER_SOCKET) {
				dropped += 1;
				continue;
			}
			fresh.add(entry.clientId);
		}
		// Who they are comes from the session, not from what the client says.
		const state = stampPresence(entry.state, user);
		if (state === undefined) {
			dropped += 1;
			continue;
		}
		entries.push({ ...entry, state });
	}
	return { entries, dropped };
}
