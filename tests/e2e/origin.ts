// The address the browser tests reach the server on. E2E_PORT lets two checkouts run their
// suites side by side on one machine; playwright.config.ts starts the server on the same port.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const ORIGIN = `http://localhost:${E2E_PORT}`;
