// @ts-check
// The record/stop button of a leader's voice form, for phones whose browser has MediaRecorder. It
// fills the form's own file input, so the form is sent exactly as without JavaScript (where the
// input lets the phone open its recorder); the server checks the type, size and length again.

const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];
const EXTENSION = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a' };

/** @param {HTMLFormElement} form */
function enhance(form) {
	if (form.dataset.voiceReady) return;
	form.dataset.voiceReady = '1';
	const panel = form.querySelector('[data-recorder]');
	const start = form.querySelector('[data-voice-start]');
	const stop = form.querySelector('[data-voice-stop]');
	const status = form.querySelector('[data-voice-status]');
	const file = form.querySelector('[data-voice-file]');
	const duration = form.querySelector('[data-voice-duration]');
	if (
		!(panel instanceof HTMLElement) ||
		!(start instanceof HTMLButtonElement) ||
		!(stop instanceof HTMLButtonElement) ||
		!(status instanceof HTMLElement) ||
		!(file instanceof HTMLInputElement) ||
		!(duration instanceof HTMLInputElement)
	)
		return;
	const maxSeconds = Number(form.dataset.maxSeconds) || 180;
	panel.hidden = false;

	/** @type {MediaRecorder | null} */
	let recorder = null;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let limit;

	start.addEventListener('click', async () => {
		/** @type {MediaStream} */
		let stream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch {
			status.textContent = form.dataset.denied ?? '';
			return;
		}
		const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
		const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
		/** @type {Blob[]} */
		const chunks = [];
		const began = performance.now();
		rec.addEventListener('dataavailable', (e) => {
			if (e.data.size) chunks.push(e.data);
		});
		rec.addEventListener('stop', () => {
			clearTimeout(limit);
			for (const track of stream.getTracks()) track.stop();
			const mime = (rec.mimeType || type || 'audio/webm').split(';')[0];
			const ext = EXTENSION[/** @type {keyof typeof EXTENSION} */ (mime)] ?? 'webm';
			const recorded = new File(chunks, `explicacion.${ext}`, { type: mime });
			const transfer = new DataTransfer();
			transfer.items.add(recorded);
			file.files = transfer.files;
			duration.value = String(Math.ceil((performance.now() - began) / 1000));
			status.textContent = form.dataset.ready ?? '';
			start.hidden = false;
			stop.hidden = true;
			recorder = null;
		});
		rec.start();
		recorder = rec;
		start.hidden = true;
		stop.hidden = false;
		status.textContent = form.dataset.recording ?? '';
		stop.focus();
		limit = setTimeout(() => recorder?.stop(), maxSeconds * 1000);
	});
	stop.addEventListener('click', () => recorder?.stop());
	// A file picked by hand has no measured length: the server reads it from the file if it can.
	file.addEventListener('change', () => {
		if (!recorder) duration.value = '';
	});
}

function enhanceAll() {
	if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) return;
	for (const form of document.querySelectorAll('form[data-voice-form]'))
		if (form instanceof HTMLFormElement) enhance(form);
}

enhanceAll();
// Pages that render with the framework may add a form later (a details opened, a navigation).
new MutationObserver(enhanceAll).observe(document.body, { childList: true, subtree: true });
