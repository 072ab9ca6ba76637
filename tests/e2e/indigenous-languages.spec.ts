import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	expectAccessible,
	newPerson,
	type Association
} from './helpers';
import { ORIGIN } from './origin';

const messages = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(resolve(import.meta.dirname, `../../messages/${locale}.json`), 'utf8'));
const KEYS_HEADER = 'x-minka-wording-keys';

async function useLanguage(context: BrowserContext, locale: string) {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ORIGIN }]);
}

/** A leader with an association, and one member who joined it by invitation. */
async function associationWithMember(browser: import('@playwright/test').Browser) {
	const leader = await newPerson(browser, 'Justina');
	const association = await createAssociation(leader.page);
	const { link } = await createInvitation(leader.page, association.slug);
	const member = await newPerson(browser, 'Hilda');
	await member.page.goto(link);
	await member.page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(member.page).toHaveURL(`/a/${association.slug}`);
	return { leader, member, association };
}

function mainPages(a: Association): string[] {
	const base = `/a/${a.slug}`;
	return [
		'/',
		'/account',
		base,
		`${base}/members`,
		`${base}/drafts`,
		`${base}/debates`,
		`${base}/votes`,
		`${base}/votes/new`,
		`${base}/assemblies`,
		`${base}/assemblies/new`,
		`${base}/decisions`,
		`${base}/audit`,
		`${base}/settings`,
		`${base}/wording`
	];
}

/** No catalogue key shown as text, and every label, button, link and heading says something. */
async function expectNoKeysNorEmptyLabels(page: Page, keys: Set<string>, what: string) {
	const words: string[] = await page.evaluate(() =>
		(document.body.innerText.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []).slice(0, 50)
	);
	expect(
		words.filter((w) => keys.has(w)),
		`${what}: raw keys`
	).toEqual([]);
	const empty: string[] = await page.evaluate(() =>
		[...document.querySelectorAll('label, button, a[href], h1, h2, h3, legend, option, th')]
			.filter((el) => {
				const text = (el as HTMLElement).innerText ?? el.textContent ?? '';
				return (
					text.trim() === '' && !el.getAttribute('aria-label') && !el.querySelector('img, svg')
				);
			})
			.map((el) => el.outerHTML.slice(0, 120))
	);
	expect(empty, `${what}: empty labels`).toEqual([]);
}

for (const locale of ['qu', 'ay']) {
	test(`every main page renders in ${locale}: no key, no empty label, fallbacks counted`, async ({
		browser
	}) => {
		test.setTimeout(120_000);
		const { leader, association } = await associationWithMember(browser);
		await useLanguage(leader.page.context(), locale);
		const catalogue = messages(locale);
		const keys = new Set(Object.keys(messages('es')));
		let used = 0;
		const fallbacks: string[] = [];
		for (const path of mainPages(association)) {
			const response = await leader.page.goto(path);
			expect(response?.status(), path).toBe(200);
			await expect(leader.page.locator('html')).toHaveAttribute('lang', locale);
			await expectNoKeysNorEmptyLabels(leader.page, keys, `${locale} ${path}`);
			// The server lists the messages it rendered: those the catalogue lacks showed in Spanish.
			const listed = await leader.page.request.get(path, { headers: { [KEYS_HEADER]: '1' } });
			const pageKeys = (listed.headers()[KEYS_HEADER] ?? '').split(',').filter(Boolean);
			expect(pageKeys.length, path).toBeGreaterThan(5);
			used += pageKeys.length;
			fallbacks.push(...pageKeys.filter((k) => !(k in catalogue)).map((k) => `${path} ${k}`));
		}
		test.info().annotations.push({
			type: 'fallbacks',
			description: `${locale}: ${fallbacks.length} Spanish fallbacks among ${used} messages shown`
		});
		console.log(`${locale}: ${fallbacks.length} Spanish fallbacks among ${used} messages shown`);
		expect(fallbacks).toEqual([]);
	});

	test(`axe finds no violation in ${locale}`, async ({ browser }) => {
		const { leader, association } = await associationWithMember(browser);
		await useLanguage(leader.page.context(), locale);
		const base = `/a/${association.slug}`;
		for (const path of [base, `${base}/members`, `${base}/votes`, `${base}/wording?q=quorum`]) {
			await leader.page.goto(path);
			await expectAccessible(leader.page, `${locale} ${path}`);
		}
	});
}

test("an accepted wording shows for the association's members and not for another's", async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { leader, member, association } = await associationWithMember(browser);
	const stranger = await newPerson(browser, 'Eusebio');
	const other = await createAssociation(stranger.page, 'Quinueros');
	for (const page of [leader.page, member.page, stranger.page])
		await useLanguage(page.context(), 'qu');
	const catalogue = messages('qu').tab_votes;

	// From the page, through the footer: the page's own strings, one of them proposed.
	await leader.page.goto(`/a/${association.slug}/votes`);
	await leader.page
		.getByRole('contentinfo')
		.getByRole('link', { name: /Kay simita allinchay/ })
		.click();
	await expect(leader.page).toHaveURL(new RegExp(`/a/${association.slug}/wording\\?page=`));
	const strings = leader.page.getByRole('list', { name: 'Páginaq simikunan' });
	const item = strings.getByRole('listitem').filter({ hasText: 'tab_votes' });
	await item.getByLabel(/aswan allin/).fill('Akllanakuna');
	await item.getByRole('button', { name: 'Kay simikunata propuestay' }).click();
	await leader.page
		.getByRole('region', { name: 'Qhawanapaq propuestakuna' })
		.getByRole('button', { name: 'Kay simikunata chaskiy' })
		.click();
	await expect(leader.page.getByRole('status')).toContainText('Chaskisqa');

	const tabs = (page: Page) => page.getByRole('navigation', { name: "Asociacionpa t'aqakunan" });
	await member.page.goto(`/a/${association.slug}`);
	await expect(tabs(member.page).getByRole('link', { name: /Akllanakuna/ })).toBeVisible();
	await stranger.page.goto(`/a/${other.slug}`);
	await expect(
		tabs(stranger.page).getByRole('link', { name: new RegExp(catalogue) })
	).toBeVisible();
	await expect(stranger.page.getByText('Akllanakuna')).toHaveCount(0);

	const exported = await leader.page.request.get(`/a/${association.slug}/wording.json`);
	expect((await exported.json()).wordings).toEqual({ qu: { tab_votes: 'Akllanakuna' } });
});

test('the login card logs the member in on their phone; a revoked card does not', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { leader, member, association } = await associationWithMember(browser);
	await leader.page.goto(`/a/${association.slug}/members`);
	await leader.page.getByRole('link', { name: member.who.displayName }).click();
	await leader.page.getByRole('link', { name: /Ver o imprimir su tarjeta/ }).click();
	await leader.page.getByRole('button', { name: /Hacer e imprimir su tarjeta/ }).click();
	await expect(
		leader.page.getByRole('img', { name: 'Código QR para entrar a Minka' })
	).toBeVisible();
	const secret = await leader.page.locator('input[name="secret"]').inputValue();
	expect(secret).toMatch(/^[a-z2-7]{52}$/);
	const memberId = /members\/(\d+)\/card/.exec(leader.page.url())?.[1];
	const pdf = await leader.page.request.post(
		`/a/${association.slug}/members/${memberId}/card.pdf`,
		{ form: { secret, paper: 'carta' }, headers: { origin: ORIGIN } }
	);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

	// Her own phone: nobody logged in; the card's address, one big button.
	const phone = await (await browser.newContext()).newPage();
	await phone.goto(`/card/${secret}`);
	await phone.getByRole('button', { name: `Entrar como ${member.who.displayName}` }).click();
	await expect(phone.getByRole('button', { name: 'Salir' })).toBeVisible();
	await expect(phone.getByRole('link', { name: association.name })).toBeVisible();

	// Revoked: the same card now opens nothing.
	await leader.page.goto(`/a/${association.slug}/members/${memberId}/card`);
	await leader.page.getByLabel('Sí, anular la tarjeta sin hacer otra').check();
	await leader.page.getByRole('button', { name: 'Anular la tarjeta' }).click();
	await expect(leader.page.getByRole('status')).toHaveText('La tarjeta ya no sirve.');
	const thief = await (await browser.newContext()).newPage();
	const refused = await thief.goto(`/card/${secret}`);
	expect(refused?.status()).toBe(404);
	await expect(thief.getByRole('button', { name: /Entrar como/ })).toHaveCount(0);
});
