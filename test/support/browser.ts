import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';

/**
 * End-to-end level: a real Chromium (the Debian package, never a downloaded build) driven by
 * playwright-core. Each role gets its own browser context, so tokens kept in sessionStorage never
 * leak from the facilitator to a responder, and every page's console errors fail the test.
 */
export const CHROMIUM_PATH = process.env.FIREDRILL_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
const SKIP_REASON = `${CHROMIUM_PATH} is not installed (apt-get install chromium, or set FIREDRILL_CHROMIUM)`;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(root, 'test', 'artifacts', 'screenshots');

/** `describe` that skips, saying why, when there is no Chromium to drive. */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(name, body);
    return;
  }
  process.stderr.write(`[e2e] skipping "${name}": ${SKIP_REASON}\n`);
  describe.skip(`${name} (skipped: ${SKIP_REASON})`, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Playwright passes its own headless switch; these keep a container's Chromium quiet and offline.
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface RoleSession {
  role: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, in order. */
  errors: string[];
  /** Saves a PNG of the page as test/artifacts/screenshots/<test>/<name>.png and returns its path. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Folder under test/artifacts/screenshots (usually the test file's name). */
  test: string;
  viewport?: { width: number; height: number };
}

/** A fresh context (own cookies and sessionStorage) with one page that records its errors. */
export async function openRole(browser: Browser, role: string, options: OpenOptions): Promise<RoleSession> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    errors.push(`[${role}] console.error: ${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`[${role}] page error: ${error.stack ?? error.message}`));
  const screenshotDir = join(SCREENSHOT_DIR, slug(options.test));
  return {
    role,
    context,
    page,
    errors,
    async screenshot(name, shotOptions = {}) {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${slug(name)}.png`);
      await page.screenshot({ path, fullPage: shotOptions.fullPage ?? true, animations: 'disabled' });
      return path;
    },
    close: () => context.close(),
  };
}

/** Throws with every console or page error the sessions saw; call it in afterEach and at the end of a test. */
export function assertNoBrowserErrors(sessions: Iterable<RoleSession | undefined>): void {
  const errors = [...sessions].flatMap((session) => session?.errors ?? []);
  if (errors.length > 0) throw new Error(`The browser reported ${errors.length} error(s):\n${errors.join('\n')}`);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}
