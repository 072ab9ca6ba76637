// A lean y-websocket client for the collaboration benchmark: one `ws` socket speaking y-protocols
// sync and awareness, as `WebsocketProvider` does, without its timers, reconnection and
// BroadcastChannel, so that hundreds of clients in one process measure the server, not the
// harness. A `ydoc` client holds a real Y.Doc and applies everything it receives; a `raw` client
// only reads the writer's clock from each update (Y.parseUpdateMeta), as collab.md's raw readers.
import type { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** A raw client's document: it never holds anything. */
const EMPTY = new Y.Doc();
const FROM_SERVER = 'server';

export type ClientMode = 'ydoc' | 'raw';

export interface ClientOptions {
	url: string;
	headers: Record<string, string>;
	mode: ClientMode;
	/** Whose edits `progress` counts: the writer's Y.Doc client id. */
	writerId?: number;
	/** Sends one awareness state on open, as a provider with a user does. */
	name?: string;
}

function bytesOf(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}

function awarenessMessage(clientId: number, name: string): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, 1);
	encoding.writeVarString(update, JSON.stringify({ user: { name, color: '#2e7d32' } }));
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
	return encoding.toUint8Array(encoder);
}

export class BenchClient {
	readonly ws: WebSocket;
	readonly doc: Y.Doc | undefined;
	readonly text: Y.Text | undefined;
	readonly startedAt = performance.now();
	openedAt = 0;
	/** When the server's sync step 2 arrived (the provider's `synced`). */
	syncedAt = 0;
	/** The text length at that moment (ydoc clients). */
	lengthAtSync = -1;
	/** How many of the writer's edits this client has: text length (ydoc) or writer clock (raw). */
	progress = 0;
	messages = 0;
	closeCode: number | undefined;
	error: string | undefined;
	/** Called after each message that advanced `progress`. */
	onProgress: ((progress: number, now: number) => void) | undefined;
	/** Called after each applied update or sync step 2. */
	onUpdate: ((client: BenchClient, now: number) => void) | undefined;
	readonly opened: Promise<void>;
	readonly synced: Promise<void>;
	readonly closed: Promise<number>;
	private resolveSynced!: () => void;

	constructor(private readonly options: ClientOptions) {
		if (options.mode === 'ydoc') {
			this.doc = new Y.Doc();
			this.text = this.doc.getText('body');
		}
		this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
		this.ws = new WebSocket(options.url, { headers: options.headers, perMessageDeflate: false });
		this.opened = new Promise((resolve, reject) => {
			this.ws.once('open', () => {
				this.openedAt = performance.now();
				resolve();
			});
			this.ws.once('close', (code) => reject(new Error(`closed before open (${code})`)));
			this.ws.once('unexpected-response', (_req, res) => {
				reject(new Error(`upgrade refused: ${res.statusCode}`));
			});
		});
		this.opened.catch(() => {});
		this.closed = new Promise((resolve) => {
			this.ws.on('close', (code) => {
				this.closeCode = code;
				resolve(code);
			});
		});
		this.ws.on('error', (err) => {
			this.error ??= err.message;
		});
		this.ws.on('open', () => this.greet());
		this.ws.on('message', (data) => this.receive(bytesOf(data)));
	}

	/** What a provider sends on open: sync step 1 and, with a user, its awareness state. */
	private greet(): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, this.doc ?? EMPTY);
		this.send(encoding.toUint8Array(encoder));
		if (this.options.name) {
			const id = this.doc?.clientID ?? Math.floor(Math.random() * 2 ** 31);
			this.send(awarenessMessage(id, this.options.name));
		}
	}

	send(message: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
	}

	private receive(frame: Uint8Array): void {
		this.messages += 1;
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness: not measured
		const sub = decoding.readVarUint(decoder);
		const now = performance.now();
		if (this.doc && this.text) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			decoder.pos = 1;
			syncProtocol.readSyncMessage(decoder, encoder, this.doc, FROM_SERVER);
			if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
			if (sub === syncProtocol.messageYjsSyncStep1) return;
			this.advance(this.text.length, now);
		} else {
			const payload = decoding.readVarUint8Array(decoder);
			if (sub === syncProtocol.messageYjsSyncStep1) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				syncProtocol.writeSyncStep2(encoder, EMPTY);
				this.send(encoding.toUint8Array(encoder));
				return;
			}
			const writer = this.options.writerId;
			const clock = writer === undefined ? 0 : (Y.parseUpdateMeta(payload).to.get(writer) ?? 0);
			this.advance(Math.max(this.progress, clock), now);
		}
		if (sub === syncProtocol.messageYjsSyncStep2 && this.syncedAt === 0) {
			this.syncedAt = now;
			this.lengthAtSync = this.text?.length ?? -1;
			this.resolveSynced();
		}
		this.onUpdate?.(this, now);
	}

	private advance(progress: number, now: number): void {
		if (progress <= this.progress) return;
		this.progress = progress;
		this.onProgress?.(progress, now);
	}

	close(): void {
		if (this.ws.readyState === WebSocket.CLOSED) return;
		if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
		else this.ws.close();
	}

	terminate(): void {
		this.ws.terminate();
		this.doc?.destroy();
	}
}

/** The writer: a ydoc client whose local edits are sent to the server as they happen. */
export class BenchWriter extends BenchClient {
	declare readonly doc: Y.Doc;
	declare readonly text: Y.Text;
	/** performance.now() of each edit's sending, by edit number (1-based). */
	readonly sentAt: number[] = [0];
	private held: Uint8Array[] | undefined;

	constructor(options: Omit<ClientOptions, 'mode'>) {
		super({ ...options, mode: 'ydoc' });
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === FROM_SERVER) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeUpdate(encoder, update);
			const message = encoding.toUint8Array(encoder);
			if (this.held) this.held.push(message);
			else this.send(message);
		});
	}

	/** One keystroke: a character typed at a pseudo-random place, sent at once. */
	type(random: () => number): void {
		const edit = this.sentAt.length;
		const at = Math.floor(random() * (this.text.length + 1));
		this.sentAt.push(performance.now());
		this.text.insert(at, String.fromCharCode(97 + (edit % 26)));
	}

	/** `count` keystrokes made now but not sent: one update message each, for `sendNow`. */
	prepare(count: number, random: () => number): Uint8Array[] {
		const held: Uint8Array[] = [];
		this.held = held;
		try {
			for (let i = 0; i < count; i++) {
				const at = Math.floor(random() * (this.text.length + 1));
				this.text.insert(at, String.fromCharCode(97 + ((this.sentAt.length + i) % 26)));
			}
		} finally {
			this.held = undefined;
		}
		return held;
	}

	/** Sends prepared edits in one write to the socket (corked), as fast as the writer can. */
	sendNow(messages: readonly Uint8Array[]): void {
		const socket = (this.ws as unknown as { _socket?: Socket })._socket;
		socket?.cork();
		const now = performance.now();
		for (const message of messages) {
			this.sentAt.push(now);
			this.send(message);
		}
		socket?.uncork();
	}
}
