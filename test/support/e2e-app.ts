import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ADMIN_TOKEN, startApi, type ApiHarness } from './api-harness.js';
import { launchBrowser } from './browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built UI (`npm test` builds it first); FIREDRILL_WEB_DIST points elsewhere, e.g. a private build. */
export const WEB_DIST = resolve(process.env.FIREDRILL_WEB_DIST ?? join(root, 'apps', 'web', 'dist'));

export interface UiHarness {
  api: ApiHarness;
  browser: Browser;
  baseUrl: string;
  /** The address a facilitator opens: the admin token in the hash (the app keeps it in sessionStorage). */
  facilitatorUrl: string;
  /** The address of a hash route, e.g. `/catalogue` → `<base>/#/catalogue`. */
  routeUrl(route: string): string;
  close(): Promise<void>;
}

/** The API in this process serving the built web UI at `/`, and a headless Chromium to look at it. */
export async function startUi(): Promise<UiHarness> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`No built web UI at ${WEB_DIST}: run \`npm test\` (its prepare step builds it) or \`cd apps/web && npx vite build\``);
  }
  const api = await startApi(undefined, { webDist: WEB_DIST });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await api.close();
    throw error;
  }
  return {
    api,
    browser,
    baseUrl: api.baseUrl,
    facilitatorUrl: `${api.baseUrl}/#token=${ADMIN_TOKEN}`,
    routeUrl: (route) => `${api.baseUrl}/#${route.startsWith('/') ? route : `/${route}`}`,
    async close() {
      await browser.close().catch(() => undefined);
      await api.close();
    },
  };
}
