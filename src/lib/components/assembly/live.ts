// With JavaScript, an assembly's pages follow the room: a small poll of the assembly's live
// summary while the page is visible, calling back when its version changes. No WebSocket needed.

export interface LiveSummary {
	version: string;
}

export function watchAssembly<T extends LiveSummary>(
	url: string,
	version: string | null,
	onChange: (live: T) => void | Promise<void>,
	everyMs = 2500
): () => void {
	let known = version;
	let busy = false;
	const timer = setInterval(() => {
		if (busy || document.visibilityState !== 'visible') return;
		busy = true;
		fetch(url, { headers: { accept: 'application/json' } })
			.then((res) => (res.ok ? (res.json() as Promise<T>) : undefined))
			.then(async (live) => {
				if (!live) return;
				if (known !== null && live.version !== known) await onChange(live);
				known = live.version;
			})
			.catch(() => undefined)
			.finally(() => (busy = false));
	}, everyMs);
	return () => clearInterval(timer);
}
