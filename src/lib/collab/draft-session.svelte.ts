// One draft open in the browser: the Yjs document, its offline copy in IndexedDB and the live
// connection to the collaboration server, with the state a person needs to trust it.
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { colorFor } from './presence';

export type SaveState = 'connecting' | 'saving' | 'saved' | 'offline' | 'closed';

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	isMe: boolean;
}

export class DraftSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly offline: IndexeddbPersistence | undefined;

	status = $state<'connecting' | 'connected' | 'disconnected'>('connecting');
	synced = $state(false);
	/** The server closed the connection for good (access lost, document too large). */
	closed = $state(false);
	peers = $state<Peer[]>([]);
	#lastLocalEdit = $state(0);
	#buffered = $state(0);
	#now = $state(Date.now());
	#timer: ReturnType<typeof setInterval>;
	// A phone that loses its network says so at once; the socket itself may take 30 s to notice.
	#goOffline = () => this.provider.disconnect();
	#goOnline = () => this.provider.connect();

	constructor(draftId: number, me: { id: string; name: string }, editable: boolean) {
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.provider = new WebsocketProvider(
			`${scheme}://${location.host}/collab`,
			String(draftId),
			this.doc,
			{ connect: false, maxBackoffTime: 10_000 }
		);
		// Editors keep a copy on the device, so what they write offline survives a closed tab. It is
		// read before connecting: its content then travels in the first sync instead of as an update
		// that a server could refuse. Readers have nothing to keep.
		if (editable) {
			this.offline = new IndexeddbPersistence(`minka-draft-${draftId}`, this.doc);
			void this.offline.whenSynced.then(() => this.provider.connect());
		} else {
			this.provider.connect();
		}
		this.provider.on('status', ({ status }) => (this.status = status));
		this.provider.on('sync', (isSynced: boolean) => (this.synced = isSynced));
		this.provider.on('closed', () => (this.closed = true));
		this.provider.awareness.setLocalStateField('user', { name: me.name, color: colorFor(me.id) });
		this.provider.awareness.on('change', () => this.#readPeers());
		this.#readPeers();
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider && origin !== this.offline) this.#lastLocalEdit = Date.now();
		});
		window.addEventListener('offline', this.#goOffline);
		window.addEventListener('online', this.#goOnline);
		this.#timer = setInterval(() => {
			this.#now = Date.now();
			this.#buffered = this.provider.ws?.bufferedAmount ?? 0;
		}, 500);
	}

	/** What the status line says: saved, saving, offline (edits kept on this device), connecting. */
	get saveState(): SaveState {
		// Every reactive input is read before any branch, so a change to any of them re-evaluates it.
		const { closed, status, synced } = this;
		const busy = this.#buffered > 0 || this.#now - this.#lastLocalEdit < 600;
		if (closed) return 'closed';
		if (status === 'connected') return !synced ? 'connecting' : busy ? 'saving' : 'saved';
		return status === 'connecting' && !synced ? 'connecting' : 'offline';
	}

	#readPeers() {
		const me = this.provider.awareness.clientID;
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
			if (typeof user?.name !== 'string') continue;
			peers.push({
				clientId,
				name: user.name,
				color: typeof user.color === 'string' ? user.color : colorFor(''),
				isMe: clientId === me
			});
		}
		this.peers = peers.sort(
			(a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name)
		);
	}

	destroy() {
		clearInterval(this.#timer);
		window.removeEventListener('offline', this.#goOffline);
		window.removeEventListener('online', this.#goOnline);
		this.provider.destroy();
		void this.offline?.destroy();
		this.doc.destroy();
	}
}
