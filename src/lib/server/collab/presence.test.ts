// Presence over real y-websocket providers: the server says who each socket is, whatever the
// client claims, and one socket cannot fill everyone's list of who is here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRESENCE_CLIENTS_PER_SOCKET } from '$lib/collab/presence';
import { encodeAwarenessMessage, encodeAwarenessUpdate } from './protocol';
import {
	client,
	createEnv,
	eventually,
	rawClient,
	synced,
	type Client,
	type Env
} from '$lib/server/testing/collab';

let env: Env;
const clients: Client[] = [];
const open = (token: string) => {
	const c = client(env, token);
	clients.push(c);
	return c;
};

beforeEach(async () => {
	env = await createEnv();
});
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await env.close();
});

type Presence = { user?: { id?: string; name?: string; color?: string }; cursor?: unknown };

function statesSeenBy(c: Client): Presence[] {
	return [...c.provider.awareness.getStates().entries()]
		.filter(([id]) => id !== c.provider.awareness.clientID)
		.map(([, state]) => state as Presence);
}

async function memberName(memberId: number): Promise<string> {
	const row = await env.testDb.db
		.selectFrom('member')
		.select('name')
		.where('id', '=', memberId)
		.executeTakeFirstOrThrow();
	return row.name;
}

describe('presence on the live editor', () => {
	it('shows each person under their own name, whatever name or office their client claims', async () => {
		const editor = open(env.editor.token);
		const reader = open(env.reader.token);
		await Promise.all([synced(editor), synced(reader)]);
		reader.provider.awareness.setLocalStateField('user', {
			name: 'Justina Mamani (presidenta)',
			color: 'red; background: url(x)'
		});
		const realName = await memberName(env.reader.memberId!);
		await eventually(() => statesSeenBy(editor).some((s) => s.user?.name === realName));
		const seen = statesSeenBy(editor);
		expect(seen).toHaveLength(1);
		expect(seen[0].user).toMatchObject({ id: env.reader.userId, name: realName });
		expect(seen[0].user?.color).toMatch(/^#[0-9a-f]{6}$/);
		expect(JSON.stringify(seen)).not.toContain('presidenta');
	});

	it('lets one socket speak for a tab’s worth of clients, not 2,000', async () => {
		const editor = open(env.editor.token);
		await synced(editor);
		const raw = rawClient(env, env.reader.token);
		await raw.opened;
		const entries = Array.from({ length: 2000 }, (_, i) => ({
			clientId: 50_000 + i,
			clock: 1,
			state: JSON.stringify({ user: { name: `Socio falso ${i}` } })
		}));
		raw.ws.send(encodeAwarenessMessage(encodeAwarenessUpdate(entries)));
		await eventually(() => statesSeenBy(editor).length > 0);
		// Anything more would have come in the same relayed message.
		await new Promise((resolve) => setTimeout(resolve, 200));
		const seen = statesSeenBy(editor);
		expect(seen).toHaveLength(PRESENCE_CLIENTS_PER_SOCKET);
		for (const s of seen) expect(s.user?.id).toBe(env.reader.userId);
		expect(JSON.stringify(seen)).not.toContain('Socio falso');
		// A state over the size limit is not relayed either.
		raw.ws.send(
			encodeAwarenessMessage(
				encodeAwarenessUpdate([
					{
						clientId: 50_000,
						clock: 2,
						state: JSON.stringify({ cursor: { pad: 'x'.repeat(5000) } })
					}
				])
			)
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(JSON.stringify(statesSeenBy(editor))).not.toContain('xxxx');
		raw.ws.close();
		await eventually(() => statesSeenBy(editor).length === 0);
	});
});
