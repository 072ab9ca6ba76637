// Casting without JavaScript through the production server: the ballot is answered with a redirect
// to the vote's own page (a reload resends nothing), which shows the receipt once. The receipt
// travels only in the voter's own short-lived cookie. Needs `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { createDb, migrateToLatest } from '$lib/server/db';
import {
	postForm,
	requireBuild,
	startServer,
	type ServerProcess
} from '$lib/server/testing/process';
import { addMember, makeAssociation } from '$lib/server/testing';
import { createVote, openVote } from '$lib/server/voting';

let dir: string;
let server: ServerProcess;
let page: string;
let cookie: string;

beforeAll(async () => {
	requireBuild();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-cast-'));
	const file = path.join(dir, 'minka.db');
	const db = createDb(file);
	await migrateToLatest(db);
	const fx = await makeAssociation(db);
	const { user } = await addMember(db, fx);
	const vote = await createVote(db, fx.leaderCtx, { title: '¿Compramos el tanque?', secret: true });
	await openVote(db, fx.leaderCtx, vote.id);
	const token = generateSessionToken();
	await createSession(db, token, user.id);
	await db.destroy();
	cookie = `minka_session=${token}`;
	page = `/a/${fx.slug}/votes/${vote.id}`;
	server = await startServer(file);
}, 30_000);
afterAll(async () => {
	server?.proc.kill('SIGTERM');
	await server?.exited;
	fs.rmSync(dir, { recursive: true, force: true });
});

const get = (cookies: string) =>
	fetch(server.base + page, { headers: { cookie: cookies, accept: 'text/html' } });

describe('casting without JavaScript', () => {
	it('redirects to the vote page, which shows the receipt once', async () => {
		const cast = await postForm(server.base, `${page}?/cast`, { answer: 'yes' }, cookie);
		expect(cast.status).toBe(303);
		expect(cast.headers.get('location')).toBe(page);
		const notice = cast.headers.getSetCookie().find((c) => c.startsWith('minka_cast='));
		expect(notice).toBeDefined();
		expect(notice).toMatch(/HttpOnly/i);
		expect(notice).toContain(`Path=${page}`);
		expect(notice).toMatch(/Max-Age=120/i);
		const receipt = /^minka_cast=cast\.([A-Z2-7-]+);/.exec(notice!)![1];

		const after = await get(`${cookie}; ${notice!.split(';')[0]}`);
		expect(after.status).toBe(200);
		const html = await after.text();
		expect(html).toContain('Tu voto fue registrado.');
		expect(html).toMatch(new RegExp(`<p class="code[^"]*">${receipt}</p>`));
		// Read once: the page removes the cookie, and a reload shows no receipt.
		expect(after.headers.getSetCookie().some((c) => /^minka_cast=;.*Max-Age=0/i.test(c))).toBe(
			true
		);
		const reload = await (await get(cookie)).text();
		expect(reload).not.toContain(receipt);
		expect(reload).toContain('Ya votaste en esta votación.');
	});

	it('ignores a forged notice', async () => {
		const html = await (await get(`${cookie}; minka_cast=cast.<b>x</b>`)).text();
		expect(html).not.toContain('<b>x</b>');
		expect(html).not.toMatch(/class="code[ "]/);
	});

	it('answers a refused ballot in place, without a redirect', async () => {
		const again = await postForm(server.base, `${page}?/cast`, { answer: 'no' }, cookie);
		expect(again.status).toBeGreaterThanOrEqual(400);
		expect(again.status).toBeLessThan(500);
		expect(again.headers.getSetCookie().some((c) => c.startsWith('minka_cast='))).toBe(false);
	});
});
