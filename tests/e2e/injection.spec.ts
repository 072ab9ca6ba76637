// The injection corpus typed where people type (display names, association and draft titles,
// debate titles, posts, replies, amendments), then every page that shows it, with and without
// JavaScript: no dialog, no script run, no element injected, and no payload raw in server HTML.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PAYLOADS } from '../injection-corpus';
import { createAssociation, createInvitation, register, uniqueId, PASSWORD } from './helpers';

const NAME_PAYLOAD = '<img src=x onerror=alert(1)>';
const TITLE_PAYLOAD = '"><svg onload=alert(1)>';

/** Posts of at most ~4,000 characters, so the whole corpus fits in a few. */
function chunks(): string[] {
	const out: string[] = [];
	let current = '';
	for (const payload of PAYLOADS) {
		if (current.length + payload.length > 4000) {
			out.push(current);
			current = '';
		}
		current += `${payload}\n\n`;
	}
	if (current) out.push(current);
	return out;
}

async function guarded(browser: Browser, javaScriptEnabled = true) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	return { page, dialogs };
}

/** What would show that a payload became markup or ran. */
async function injected(page: Page) {
	return page.evaluate(() => {
		const found: string[] = [];
		if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined) found.push('__pwned');
		for (const el of Array.from(document.querySelectorAll('*'))) {
			for (const attr of Array.from(el.attributes)) {
				if (/^on[a-z]+$/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
				if (
					/^\s*(javascript|data|vbscript):/i.test(attr.value) &&
					/href|src|action/i.test(attr.name)
				) {
					found.push(`${el.tagName} ${attr.name}=${attr.value}`);
				}
			}
		}
		for (const sel of [
			'iframe',
			'object',
			'embed',
			'img[src="x"]',
			'marquee',
			'base',
			'meta[http-equiv]'
		]) {
			if (document.querySelector(sel)) found.push(sel);
		}
		return found;
	});
}

test('the injection corpus stays inert wherever it is shown', async ({ browser }) => {
	test.setTimeout(120_000);
	const leader = await guarded(browser);
	const id = uniqueId();
	await register(leader.page, {
		username: `xss${id}`,
		displayName: `${NAME_PAYLOAD} Lidia`,
		password: PASSWORD
	});
	const association = await createAssociation(leader.page, TITLE_PAYLOAD);
	const { link } = await createInvitation(leader.page, association.slug, 'Socio/a');
	const member = await guarded(browser);
	await register(member.page, {
		username: `xsm${id}`,
		displayName: `</script><script>alert(1)</script> Marco`,
		password: PASSWORD
	});
	await member.page.goto(link);
	await member.page.getByRole('button', { name: 'Unirme a la asociación' }).click();

	// A debate titled with a payload, the corpus in posts, a reply.
	await leader.page.goto(`/a/${association.slug}/debates`);
	const create = leader.page.getByRole('region', { name: 'Abrir un debate' });
	await create.getByLabel('Tema del debate').fill(`<script>alert(1)</script> ¿Multa?`);
	await create.getByRole('button', { name: 'Abrir el debate' }).click();
	await expect(leader.page).toHaveURL(/\/debates\/\d+$/);
	const debateUrl = leader.page.url();
	for (const body of chunks()) {
		const form = leader.page.getByRole('region', { name: 'Dar tu opinión' });
		await form.getByLabel('Tu mensaje').fill(body);
		await form.getByRole('button', { name: 'Publicar' }).click();
		await expect(leader.page.getByRole('article').last()).toBeVisible();
	}
	await member.page.goto(debateUrl);
	const first = member.page.getByRole('article').first();
	await first.getByText('Responder').click();
	await first
		.getByLabel('Tu respuesta')
		.fill('[clic](javascript:alert(1)) <img src=x onerror=alert(1)>');
	await first.getByRole('button', { name: 'Enviar la respuesta' }).click();
	await expect(
		member.page
			.getByRole('paragraph')
			.filter({ hasText: '[clic](javascript:alert(1)) <img src=x onerror=alert(1)>' })
	).toBeVisible();

	// A rule draft titled with a payload, and an amendment made of payloads.
	await leader.page.goto(`/a/${association.slug}/drafts`);
	await leader.page
		.getByLabel('Tipo de documento')
		.selectOption({ label: 'Reglamento o estatuto' });
	await leader.page
		.getByLabel('Título', { exact: true })
		.fill(`<img src=x onerror=alert(1)> Reglamento`);
	await leader.page.getByRole('button', { name: 'Crear el documento' }).click();
	await expect(leader.page).toHaveURL(/\/drafts\/\d+$/);
	const draftUrl = leader.page.url();
	await leader.page.getByRole('textbox', { name: 'Texto' }).click();
	await leader.page.keyboard.type('Texto base del artículo.');
	await expect(leader.page.getByRole('status').filter({ hasText: 'Guardado' })).toBeVisible();
	await member.page.goto(draftUrl);
	const amend = member.page.getByRole('region', { name: 'Proponer un cambio al texto' });
	await amend.getByLabel('Lo que dice ahora (cópialo tal cual)').fill('Texto base');
	await amend
		.getByLabel('Cómo debería decir')
		.fill('<script>alert(1)</script><svg onload=alert(1)>');
	await amend.getByLabel('¿Por qué?').fill('<iframe src="javascript:alert(1)"></iframe>');
	await amend.getByRole('button', { name: 'Proponer el cambio' }).click();
	await expect(member.page.getByText('Pendiente')).toBeVisible();

	const pages = [
		`/a/${association.slug}`,
		`/a/${association.slug}/debates`,
		debateUrl,
		draftUrl,
		`/a/${association.slug}/drafts`,
		`/a/${association.slug}/members`,
		`/a/${association.slug}/audit`,
		'/'
	];
	const noScript = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await leader.page.context().storageState()
	});
	const plain = await noScript.newPage();
	for (const url of pages) {
		for (const page of [leader.page, member.page, plain]) {
			await page.goto(url);
			await page.waitForLoadState('networkidle');
			expect(await injected(page), `${url}`).toEqual([]);
		}
		// The server's HTML carries no payload as markup (the data script escapes `<`).
		const html = await (await leader.page.request.get(url)).text();
		for (const payload of [
			NAME_PAYLOAD,
			TITLE_PAYLOAD,
			...PAYLOADS.filter((p) => p.includes('<'))
		]) {
			expect(html.includes(payload), `${url} has ${payload} raw`).toBe(false);
		}
	}
	// The payloads are shown as the words they are.
	await leader.page.goto(debateUrl);
	await expect(
		leader.page.getByText('<script>window.__pwned=1;alert(1)</script>').first()
	).toBeVisible();
	await expect(leader.page.getByRole('heading', { level: 1 })).toHaveText(
		'<script>alert(1)</script> ¿Multa?'
	);
	expect(leader.dialogs).toEqual([]);
	expect(member.dialogs).toEqual([]);
	for (const page of [leader.page, member.page, plain]) await page.context().close();
});
