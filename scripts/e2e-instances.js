// @ts-check
// Two production instances (`node server.js`) on one fresh PostgreSQL database, behind a real
// nginx running deploy/nginx/minka.conf, for tests/e2e-instances (playwright.instances.config.ts).
// Needs TEST_POSTGRES_URL (a server where databases may be created), nginx, and a build.
// nginx listens on E2E_PORT; the instances on E2E_PORT + 10 and E2E_PORT + 20, or on the two ports
// E2E_INSTANCE_PORTS names ("4393,4394").
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const base = process.env.TEST_POSTGRES_URL;
if (!base) {
	console.error('TEST_POSTGRES_URL is not set.');
	process.exit(1);
}
if (!fs.existsSync('./build/handler.js')) {
	console.error('No build found: run `npm run build` first.');
	process.exit(1);
}
const port = Number(process.env.E2E_PORT ?? 4173);
const ports = process.env.E2E_INSTANCE_PORTS
	? process.env.E2E_INSTANCE_PORTS.split(',').map(Number)
	: [port + 10, port + 20];
const nginxBin =
	process.env.NGINX ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minka-instances-'));
const dbName = `minka_e2e_${process.pid}_${Date.now().toString(36)}`;

/** @param {string} sql */
async function admin(sql) {
	const client = new pg.Client({ connectionString: base });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/**
 * Refuses a port something else already holds: another checkout's server answering there would
 * pass for an instance of this one (its /healthz answers), and nginx would send it half the
 * requests, pages and scripts of another build and another database among them.
 * @param {number} p
 */
async function ensureFree(p) {
	await new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () =>
			reject(new Error(`port ${p} is in use: choose other ports (E2E_PORT, E2E_INSTANCE_PORTS)`))
		);
		probe.listen(p, '127.0.0.1', () => probe.close(resolve));
	});
}

for (const p of [port, ...ports]) await ensureFree(p);
await admin(`create database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
url.search = '';

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;
const env = {
	...process.env,
	DATABASE_URL: url.toString(),
	HOST: '127.0.0.1',
	ORIGIN: `http://localhost:${port}`,
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	DATABASE_POOL_SIZE: '5',
	BALLOT_KEY: crypto.randomBytes(32).toString('hex')
};

/**
 * @param {string} address
 * @param {import('node:child_process').ChildProcess} [child] the process that must answer
 */
async function waitFor(address, child) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child && child.exitCode !== null) throw new Error(`${address}: the server exited`);
		const ok = await fetch(address).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`${address} did not answer`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

// One after the other: the first runs the migrations.
for (const p of ports) {
	const child = spawn(process.execPath, ['server.js'], {
		env: { ...env, PORT: String(p) },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	children.push(child);
	await waitFor(`http://127.0.0.1:${p}/healthz`, child);
}

// The deployment's own site file, pointed at these ports.
const site = fs
	.readFileSync('deploy/nginx/minka.conf', 'utf8')
	.replace('127.0.0.1:3001', `127.0.0.1:${ports[0]}`)
	.replace('127.0.0.1:3002', `127.0.0.1:${ports[1]}`)
	.replace(/\blisten 80;/, `listen 127.0.0.1:${port};`)
	.replace(/\n\s*listen \[::\]:80;/, '')
	.replace(/\n(\s*)server_name [^;\n]+;/, '\n$1server_name localhost;');
for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, sub));
fs.writeFileSync(
	path.join(dir, 'nginx.conf'),
	`${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
${site}
}
`
);
const nginx = spawn(nginxBin, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
	stdio: ['ignore', 'inherit', 'inherit']
});
children.push(nginx);
nginx.on('exit', (code) => {
	if (!stopping) {
		console.error(
			`nginx exited (${code}):\n${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`
		);
		void stop(1);
	}
});
await waitFor(`http://localhost:${port}/healthz`, nginx);
console.log(`nginx on http://localhost:${port} → instances on ${ports.join(', ')}`);

/** @param {number} code */
async function stop(code) {
	if (stopping) return;
	stopping = true;
	await Promise.all(
		children.map(
			(child) =>
				new Promise((resolve) => {
					if (child.exitCode !== null) return resolve(undefined);
					child.once('exit', resolve);
					child.kill('SIGTERM');
				})
		)
	);
	await admin(`drop database if exists ${dbName}`).catch((err) => console.error(err));
	fs.rmSync(dir, { recursive: true, force: true });
	process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
