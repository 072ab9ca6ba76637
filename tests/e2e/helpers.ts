// Shared steps for the browser tests. Every test makes its own people and associations, so the
// tests stay independent on the one e2e database.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { ORIGIN } from './origin';

export const PASSWORD = 'una frase bastante larga';

let counter = 0;

/** A short lowercase id, unique across this run and across runs on the same database. */
export function uniqueId(): string {
	counter += 1;
	return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

export interface Person {
	username: string;
	displayName: string;
	password: string;
}

/** A new person (not yet registered): username `<prefix><id>`, display name `<Name> <id>`. */
export function person(name: string): Person {
	const id = uniqueId();
	return {
		username: `${name.toLowerCase()}${id}`,
		displayName: `${name} ${id}`,
		password: PASSWORD
	};
}

export async function fillRegister(page: Page, who: Person): Promise<void> {
	await page.getByLabel('Nombre de usuario').fill(who.username);
	await page.getByLabel('Tu nombre').fill(who.displayName);
	await page.getByLabel('Contraseña', { exact: true }).fill(who.password);
	await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
}

/** Registers from /register (or from the register page already open) and waits to leave it. */
export async function register(page: Page, who: Person, open = true): Promise<void> {
	if (open) await page.goto('/register');
	await fillRegister(page, who);
	await expect(page).not.toHaveURL(/\/register/);
	await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
}

export async function login(page: Page, who: Person, open = true): Promise<void> {
	if (open) await page.goto('/login');
	await page.getByLabel('Nombre de usuario').fill(who.username);
	await page.getByLabel('Contraseña', { exact: true }).fill(who.password);
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Salir' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Entrar' })
	).toBeVisible();
}

/** A registered person on their own page in a fresh browser context. */
export async function newPerson(
	browser: Browser,
	name: string
): Promise<{ page: Page; who: Person }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const who = person(name);
	await register(page, who);
	return { page, who };
}

export interface Association {
	slug: string;
	name: string;
}

/** Creates an association from /a/new and waits for its home page; returns its slug. */
export async function createAssociation(page: Page, label = 'Lecheros'): Promise<Association> {
	const id = uniqueId();
	const association = { slug: `asoc-${id}`, name: `Asociación ${label} ${id}` };
	await page.goto('/a/new');
	await page.getByLabel('Nombre de la asociación').fill(association.name);
	await page.getByLabel('Producto principal').fill('leche');
	await page.getByLabel('Municipio').fill('Punata');
	await page.getByLabel('Departamento').fill('Cochabamba');
	await page.getByLabel('Dirección en Minka (opcional)').fill(association.slug);
	await page.getByRole('button', { name: 'Crear la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	await expect(page.getByRole('heading', { level: 1, name: association.name })).toBeVisible();
	return association;
}

/** As a leader: creates a general invitation from the members page; returns its join link. */
export async function createInvitation(
	page: Page,
	slug: string,
	role = 'Socio/a'
): Promise<{ link: string; invitationUrl: string }> {
	await page.goto(`/a/${slug}/members`);
	const form = page.getByRole('region', { name: 'Invitar a la asociación' });
	await form.getByLabel('Rol').selectOption({ label: role });
	await form.getByRole('button', { name: 'Crear invitación' }).click();
	await expect(page).toHaveURL(new RegExp(`/a/${slug}/members/invitations/\\d+$`));
	await expect(
		page.getByRole('heading', { level: 1, name: `Invitación como ${role}` })
	).toBeVisible();
	return { link: await invitationLink(page, slug), invitationUrl: page.url() };
}

/** The join link shown on an invitation page. */
export async function invitationLink(page: Page, slug: string): Promise<string> {
	const link = page.getByRole('link', { name: new RegExp(`/a/${slug}/join/`) });
	const href = await link.getAttribute('href');
	expect(href).toMatch(new RegExp(`^${ORIGIN}/a/${slug}/join/[a-z0-9]{10}$`));
	return href!;
}

/** Registers a member without account from the members page. */
export async function addMemberWithoutAccount(
	page: Page,
	slug: string,
	name: string
): Promise<void> {
	await page.goto(`/a/${slug}/members`);
	const form = page.getByRole('region', { name: 'Registrar a un socio sin cuenta' });
	await form.getByLabel('Nombre completo').fill(name);
	await form.getByRole('button', { name: 'Registrar socio/a' }).click();
	await expect(form.getByRole('status')).toHaveText(`${name} quedó registrado/a como socio/a.`);
}

/** The members list, as a leader or a member sees it. */
export function membersList(page: Page) {
	return page.getByRole('list', { name: 'Lista de miembros' });
}

/** One entry of the members list, found by the person's name. */
export function memberEntry(page: Page, name: string) {
	return membersList(page).getByRole('listitem').filter({ hasText: name });
}

/** Runs axe's WCAG 2.1 A and AA rules on the page as it is now; a violation fails with details. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const problems = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')
	);
	expect(problems, `${what} (${page.url()})`).toEqual([]);
	await expectPhoneFit(page, what);
}

/** The smallest tap target, in CSS pixels (WCAG 2.5.5). */
export const TAP_TARGET = 44;

/**
 * On a phone-sized viewport: the page is no wider than the screen, and every control a thumb
 * must hit is at least 44 × 44 px. Links inside a sentence are exempt (WCAG's inline exception),
 * as are controls the page hides; a checkbox or radio counts with its label.
 */
export async function expectPhoneFit(page: Page, what: string): Promise<void> {
	const viewport = page.viewportSize();
	if (!viewport || viewport.width > 480) return;
	const report = await page.evaluate((min) => {
		const overflow = document.documentElement.scrollWidth - window.innerWidth;
		const small: string[] = [];
		const describe = (el: Element) =>
			`${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}»`;
		const inSentence = (el: Element) => {
			if (getComputedStyle(el).display !== 'inline') return false;
			const block = el.parentElement?.closest('p, li, td, dd, span, label, small, figcaption');
			const own = (el.textContent ?? '').trim().length;
			return !!block && (block.textContent ?? '').trim().length > own + 1;
		};
		const targets = document.querySelectorAll(
			'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'
		);
		for (const el of targets) {
			let box = el as HTMLElement;
			if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
				const label =
					el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
				if (label) box = label as HTMLElement;
			}
			const rect = box.getBoundingClientRect();
			if (rect.width === 0 || rect.height === 0) continue; // not shown
			if (rect.right <= 0 || rect.bottom <= 0) continue; // off-screen until focused (skip link)
			const style = getComputedStyle(box);
			if (style.visibility === 'hidden') continue;
			if (el.tagName === 'A' && inSentence(el)) continue;
			if (el.closest('.ProseMirror')) continue; // the text being written, not a control
			if (rect.height < min - 0.5 || rect.width < min - 0.5)
				small.push(`${describe(el)} ${Math.round(rect.width)}×${Math.round(rect.height)}`);
		}
		return { overflow, small };
	}, TAP_TARGET);
	if (process.env.PHONE_FIT_SURVEY) {
		console.log(
			`FIT ${what} ${page.url()} overflow=${report.overflow} ${report.small.join(' | ')}`
		);
	}
	expect(report.overflow, `${what}: wider than the screen (${page.url()})`).toBeLessThanOrEqual(0);
	expect(report.small, `${what}: tap targets under ${TAP_TARGET} px (${page.url()})`).toEqual([]);
}

/**
 * Errors the browser reports on a page from now on: a script or style refused by the CSP, a
 * script that failed. The list fills as they happen; a test expects it empty at its end.
 */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(`${msg.text()} (${page.url()})`);
	});
	page.on('pageerror', (err) => errors.push(`${err.message} (${page.url()})`));
	return errors;
}

/** As the treasurer, on the ledger page: opens a cash box and waits for it to be there. */
export async function openCashBox(page: Page, name = 'Caja chica'): Promise<void> {
	await page.getByLabel('Tipo de cuenta').selectOption({ label: 'Caja' });
	await page.getByLabel('Nombre', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Abrir la cuenta' }).click();
	await expect(page.getByRole('status')).toHaveText('Cuenta abierta.');
}

/**
 * As a leader: gives `who` a role and office from their member page. It waits for that page
 * before choosing: the members list has a «Rol» select of its own (the invitation's), which a
 * choice made while the page is still changing would land in.
 */
export async function seatMember(
	page: Page,
	slug: string,
	who: Person,
	role: string,
	office: string
): Promise<void> {
	await page.goto(`/a/${slug}/members`);
	await page.getByRole('link', { name: who.displayName }).click();
	await expect(page.getByRole('heading', { level: 1, name: who.displayName })).toBeVisible();
	await page.getByLabel('Rol', { exact: true }).selectOption({ label: role });
	await page.getByLabel('Cargo en la directiva').selectOption({ label: office });
	await page.getByRole('button', { name: 'Guardar rol y cargo' }).click();
	await expect(page.getByRole('status')).toHaveText('El rol se guardó.');
	await expect(page.getByRole('definition').first()).toContainText(
		role === 'Dirigente' ? `${role} · ${office}` : office
	);
}
