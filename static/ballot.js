// @ts-check
// The budget ballot's running total, for pages that ship no framework JavaScript (the vote page is
// server-rendered only). The server checks the budget again when the ballot arrives.

// The same format as formatBs in src/lib/drafts/budget.ts ("Bs 1.234,50"); a test keeps them equal.
const BS = new Intl.NumberFormat('es-BO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** @param {number} centavos */
export function formatCentavos(centavos) {
	return `Bs ${BS.format(centavos / 100).replace(/^(-?)(\d{1,3})(\d{3}),/, '$1$2.$3,')}`;
}

/** @param {HTMLFormElement} form */
function enhance(form) {
	const boxes = [...form.querySelectorAll('input[type="checkbox"][data-cost]')].filter(
		(b) => b instanceof HTMLInputElement
	);
	const running = form.querySelector('[data-budget]');
	if (!(running instanceof HTMLElement)) return;
	const shown = form.querySelector('[data-running-total]');
	if (!(shown instanceof HTMLElement)) return;
	const output = shown.querySelector('output');
	const over = form.querySelector('[data-over-budget]');
	if (!(over instanceof HTMLElement)) return;
	const button = form.querySelector('button');
	if (!output || !button) return;
	const budget = Number(running.dataset.budget);
	const update = () => {
		const total = boxes
			.filter((b) => b.checked)
			.reduce((sum, b) => sum + Number(b.dataset.cost), 0);
		output.textContent = formatCentavos(total);
		over.hidden = total <= budget;
		button.disabled = total > budget;
	};
	shown.hidden = false;
	for (const box of boxes) box.addEventListener('change', update);
	update();
}

if (typeof document !== 'undefined') {
	for (const form of document.querySelectorAll('form[data-ballot="budget"]'))
		if (form instanceof HTMLFormElement) enhance(form);
}
