// Spoken explanations: a leader records one with the phone's microphone (Chromium's fake device,
// through MediaRecorder) on a vote option; a member hears it on the ballot page, served by ranges;
// a file that is not audio is refused with a message; nobody outside hears an open vote's audio.
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAssociation,
	createInvitation,
	person,
	register,
	watchErrors,
	type Association
} from './helpers';

test.use({
	launchOptions: {
		executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			'--autoplay-policy=no-user-gesture-required'
		]
	}
});

async function joinAsMember(browser: Browser, leader: Page, association: Association) {
	const { link } = await createInvitation(leader, association.slug);
	const context = await browser.newContext();
	const page = await context.newPage();
	await register(page, person('Socia'));
	await page.goto(link);
	await page.getByRole('button', { name: 'Unirme a la asociación' }).click();
	await expect(page).toHaveURL(`/a/${association.slug}`);
	return page;
}

/** The recorder of one subject on the page, its fold opened. */
async function recorderOf(page: Page, subject: string) {
	const fold = page.locator('details', {
		has: page.getByText(`Grabar una explicación de «${subject}»`, { exact: true })
	});
	await fold.locator('summary').click();
	return fold;
}

test('a leader records on a vote option; the member hears it; a non-audio file is refused', async ({
	browser
}) => {
	// The phone's browser asks once for the microphone; the leader allows it.
	const leader = await (await browser.newContext({ permissions: ['microphone'] })).newPage();
	await register(leader, person('Dirigente'));
	const leaderErrors = watchErrors(leader);
	const association = await createAssociation(leader);
	const member = await joinAsMember(browser, leader, association);

	await leader.goto(`/a/${association.slug}/votes`);
	await leader.getByRole('link', { name: 'Nueva votación' }).click();
	await leader.getByLabel('Pregunta o título').fill('¿Qué tanque compramos?');
	await leader.getByRole('button', { name: 'Crear la votación' }).click();
	await expect(
		leader.getByRole('heading', { level: 1, name: '¿Qué tanque compramos?' })
	).toBeVisible();
	const voteUrl = leader.url().split('?')[0];
	for (const label of ['Tanque de 500 litros', 'Tanque de 1000 litros']) {
		await leader.getByLabel('Nombre de la opción').fill(label);
		await leader.getByRole('button', { name: 'Agregar opción' }).click();
		await expect(leader.getByRole('status')).toHaveText('Opción agregada.');
	}

	// Recorded with the microphone: the button fills the form's file input.
	const option = 'Tanque de 500 litros';
	let fold = await recorderOf(leader, option);
	await fold.getByRole('button', { name: 'Grabar con el micrófono' }).click();
	await expect(fold.getByRole('status')).toHaveText('Grabando…');
	await leader.waitForTimeout(1500);
	await fold.getByRole('button', { name: 'Detener la grabación' }).click();
	await expect(fold.getByRole('status')).toHaveText(/Grabación lista/);
	await fold.getByLabel('Idioma en que se habla').selectOption({ label: 'quechua' });
	await fold.getByRole('button', { name: 'Guardar la explicación' }).click();
	await expect(leader).toHaveURL(new RegExp(`/votes/\\d+#voice-vote_option-\\d+$`));
	await expect(leader.getByText(`Escuchar: ${option}, en quechua`)).toBeVisible();

	await leader.getByRole('button', { name: 'Abrir ahora' }).click();
	await expect(leader.getByRole('status').first()).toHaveText('La votación está abierta.');

	// The member, on the ballot page: a plain player, and no recorder.
	await member.goto(voteUrl);
	const player = member.locator('audio[aria-labelledby]');
	await expect(player).toHaveCount(1);
	await expect(member.getByText(`Escuchar: ${option}, en quechua`)).toBeVisible();
	await expect(member.getByText(/Grabar una explicación de/)).toHaveCount(0);
	expect(await player.getAttribute('preload')).toBe('none');
	const src = (await player.getAttribute('src'))!;
	const part = await member.request.get(src, { headers: { range: 'bytes=0-9' } });
	expect(part.status()).toBe(206);
	expect(part.headers()['content-type']).toBe('audio/webm');
	expect(part.headers()['content-range']).toMatch(/^bytes 0-9\/\d+$/);
	expect((await part.body()).length).toBe(10);
	await player.evaluate((el: HTMLAudioElement) => el.play());
	await expect
		.poll(() => player.evaluate((el: HTMLAudioElement) => el.readyState), { timeout: 10_000 })
		.toBeGreaterThanOrEqual(2);

	// Someone outside the association does not hear an open vote's explanation.
	const stranger = await browser.newContext();
	const outside = await stranger.request.get(`${new URL(voteUrl).origin}${src}`, {
		maxRedirects: 0
	});
	expect([303, 403]).toContain(outside.status());

	// No script or style refused by the CSP, no script failing (the refusal below answers 400).
	expect(leaderErrors).toEqual([]);

	// A file that only claims to be audio is refused, with a message.
	await leader.goto(voteUrl);
	fold = await recorderOf(leader, '¿Qué tanque compramos?');
	await fold.getByLabel(/Audio: grabe con el teléfono/).setInputFiles({
		name: 'explicacion.mp3',
		mimeType: 'audio/mpeg',
		buffer: Buffer.from('<html>esto no es un audio</html>')
	});
	await fold.getByRole('button', { name: 'Guardar la explicación' }).click();
	await expect(
		leader.getByRole('heading', { level: 1, name: 'Grabar una explicación en voz' })
	).toBeVisible();
	await expect(
		leader.getByText('Este archivo no es un audio.', { exact: false }).first()
	).toBeVisible();
	await expect(
		leader.getByRole('link', { name: '← Volver a «¿Qué tanque compramos?»' })
	).toHaveAttribute('href', new URL(voteUrl).pathname);
});

/** One second of silence as 8 kHz 8-bit PCM WAV, the kind of file a phone's recorder saves. */
function wavSecond(): Buffer {
	const rate = 8000;
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + rate, 4);
	header.write('WAVEfmt ', 8);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(rate, 24);
	header.writeUInt32LE(rate, 28);
	header.writeUInt16LE(1, 32);
	header.writeUInt16LE(8, 34);
	header.write('data', 36);
	header.writeUInt32LE(rate, 40);
	return Buffer.concat([header, Buffer.alloc(rate, 128)]);
}

test('without JavaScript a leader attaches an audio file to a vote, served whole or refused past its end', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const leader = await context.newPage();
	await register(leader, person('Dirigente'));
	const association = await createAssociation(leader);
	await leader.goto(`/a/${association.slug}/votes`);
	await leader.getByRole('link', { name: 'Nueva votación' }).click();
	await leader.getByLabel('Pregunta o título').fill('¿Cambiamos el día de acopio?');
	await leader.getByRole('button', { name: 'Crear la votación' }).click();
	const fold = await recorderOf(leader, '¿Cambiamos el día de acopio?');
	// No record button without JavaScript: the phone's own recorder comes through the file input.
	await expect(fold.getByRole('button', { name: 'Grabar con el micrófono' })).toBeHidden();
	await fold.getByLabel(/Audio: grabe con el teléfono/).setInputFiles({
		name: 'grabacion.wav',
		mimeType: 'audio/wav',
		buffer: wavSecond()
	});
	await fold.getByLabel('Idioma en que se habla').selectOption({ label: 'aymara' });
	await fold.getByRole('button', { name: 'Guardar la explicación' }).click();
	await expect(leader.getByText('Escuchar: ¿Cambiamos el día de acopio?, en aymara')).toBeVisible();
	const src = (await leader.locator('audio').getAttribute('src'))!;
	const whole = await leader.request.get(src);
	expect(whole.status()).toBe(200);
	expect(whole.headers()['content-type']).toBe('audio/wav');
	expect(whole.headers()['accept-ranges']).toBe('bytes');
	expect(whole.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
	expect((await leader.request.get(src, { headers: { range: 'bytes=99999-' } })).status()).toBe(
		416
	);
});
