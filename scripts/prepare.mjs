#!/usr/bin/env node
// Makes a fresh clone runnable with nothing but Node and npm: installs dependencies when they are
// missing or stale, compiles the TypeScript projects (incrementally) and builds the web UI when
// its sources changed. Uses only Node's standard library, because it runs before any install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const force = args.has('--force');
const say = (message) => quiet || process.stderr.write(`[prepare] ${message}\n`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`Firedrill needs Node 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`[prepare] ${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
const manifests = ['package.json', 'package-lock.json', ...['libs/clock', 'libs/scenarios', 'apps/demo-stack', 'apps/api', 'apps/web'].map((dir) => `${dir}/package.json`)];
const manifestTime = Math.max(...manifests.map((file) => newestMtime(join(root, file))));
if (force || !existsSync(installedMarker) || statSync(installedMarker).mtimeMs < manifestTime) {
  say('installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund'], { shell: process.platform === 'win32' });
}

say('compiling TypeScript (tsc -b)…');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...(force ? ['--force'] : [])]);

const webDist = join(root, 'apps', 'web', 'dist', 'index.html');
const webSources = Math.max(newestMtime(join(root, 'apps', 'web', 'src')), newestMtime(join(root, 'apps', 'web', 'index.html')));
if (force || !existsSync(webDist) || statSync(webDist).mtimeMs < webSources) {
  say('building the web UI (vite build)…');
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps', 'web') });
}
