#!/usr/bin/env node
// `npm start`: prepare the checkout (install, build) and run `firedrill start` with any extra
// arguments, e.g. `npm start -- --port 5000`. Signals are passed on so Ctrl-C cleans up stacks.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prepared = spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs')], { stdio: 'inherit' });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const child = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'cli.js'), 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
