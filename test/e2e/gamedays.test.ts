import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually } from '../support/api-harness.js';
import { assertNoBrowserErrors, describeInBrowser, openRole, type RoleSession } from '../support/browser.js';
import { startUi, type UiHarness } from '../support/e2e-app.js';

/**
 * A game day through the UI, in a real browser: the facilitator plans one in the form (a fixed
 * plan, every other Friday in Berlin) and sees the next starts previewed, runs it now at a high
 * speed and sees its drill listed; the drill is aborted through the API (so its stack goes away)
 * and the scoreboard, filtered to the team, exports it as CSV (a Blob fetched with the token).
 * Screenshots: test/artifacts/screenshots/gamedays/.
 */
const SCENARIO = 'db-pool-exhaustion-traffic-spike';
const SCENARIO_TITLE = 'Checkout failing during the evening peak';
const NAME = 'E2E Friday game day';
const TEAM = 'e2e-payments';

describeInBrowser('game days in the browser', () => {
  let ui: UiHarness;
  let facilitator: RoleSession | undefined;
  const drillIds = new Set<string>();

  beforeAll(async () => {
    ui = await startUi();
  });
  afterEach(async () => {
    await facilitator?.screenshot('last-facilitator').catch(() => undefined);
    await facilitator?.close();
    const sessions = [facilitator];
    facilitator = undefined;
    assertNoBrowserErrors(sessions);
  });
  afterAll(async () => {
    // Whatever the test reached, no stack outlives it.
    for (const id of drillIds) await ui?.api.call('POST', `/api/drills/${id}/abort`, { reason: 'end of the game-day e2e test' }).catch(() => undefined);
    await ui?.close();
  });

  it('plans a game day in the form, runs it now, and exports the scoreboard', { timeout: 240_000 }, async () => {
    facilitator = await openRole(ui.browser, 'facilitator', { test: 'gamedays' });
    const page = facilitator.page;
    await page.goto(ui.facilitatorUrl);
    await page.waitForURL(/#\/facilitator$/);

    // --- From the nav to an empty list, then the form.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Game days' }).click();
    await page.waitForURL(/#\/gamedays$/);
    await page.getByText('No game day yet.').waitFor();
    await page.getByRole('link', { name: 'New game day' }).click();
    await page.waitForURL(/#\/gamedays\/new$/);

    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Team').fill(TEAM);
    await page.getByLabel('Name 1').fill('alex');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByLabel('Name 2').fill('kim');
    await page.getByLabel('Role').nth(1).selectOption('observer');
    await page.getByLabel('Add a scenario').selectOption(SCENARIO);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('list', { name: 'Scenarios, in the order they run' }).getByText(SCENARIO_TITLE).waitFor();

    // --- Schedule: Fridays 14:00 in Berlin, every other one; the API previews the next five starts.
    await page.getByLabel('Cron expression').fill('0 14 * * 5');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByLabel('Run every n-th occurrence').fill('2');
    await page.getByText('every other Friday 14:00 Europe/Berlin').waitFor();
    // The list is stale (aria-busy) while the preview of the last change is on its way.
    const starts = page.locator('.gd-occurrences[aria-busy="false"] li');
    const fridayInBerlin = /^Fri \d+ \w{3} \d{4} 14:00 UTC\+0[12]:00$/;
    await expect
      .poll(async () => (await starts.allTextContents()).filter((text) => fridayInBerlin.test(text)).length, { timeout: 10_000, message: 'five Fridays at 14:00 Berlin time' })
      .toBe(5);
    const previewed = await starts.allTextContents();
    // Every other Friday: 14 days between consecutive starts.
    const days = previewed.map((text) => Date.parse(text.replace(/^Fri (\d+) (\w{3}) (\d{4}) .*$/, '$1 $2 $3 UTC')));
    expect(days.slice(1).map((day, i) => (day - days[i]!) / 86_400_000)).toEqual([14, 14, 14, 14]);

    await page.getByLabel('Speed').fill('30');
    await facilitator.screenshot('form');
    await page.getByRole('button', { name: 'Create game day' }).click();
    // The form's own URL (#/gamedays/new) matches a game day's shape too: wait for a real id.
    await page.waitForURL(/#\/gamedays\/(?!new$)[^/]+$/);
    const gameDayId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    await page.getByRole('heading', { name: NAME }).waitFor();
    await page.getByText('Not run yet.').waitFor();
    const stored = (await ui.api.call('GET', `/api/gamedays/${gameDayId}`)).body;
    expect(stored).toMatchObject({
      name: NAME,
      team: TEAM,
      participants: [
        { name: 'alex', role: 'responder' },
        { name: 'kim', role: 'observer' },
      ],
      plan: { kind: 'fixed', scenarios: [SCENARIO] },
      schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin', every: 2 },
      speed: 30,
    });
    await facilitator.screenshot('detail');

    // --- Run now: the run page lists its drill (a link to the facilitator's live view).
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/#\/gamedays\/[^/]+\/runs\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).hash.split('/')[4]!);
    const run = (await ui.api.call('GET', `/api/gamedays/${gameDayId}/runs/${runId}`)).body;
    for (const drill of run.drills ?? []) drillIds.add(drill.drillId);
    const drillLink = page.locator('.gd-drills').getByRole('link', { name: SCENARIO_TITLE });
    await drillLink.waitFor({ timeout: 30_000 });
    const href = await drillLink.getAttribute('href');
    expect(href).toMatch(/^#\/facilitator\/drills\/.+/);
    drillIds.add(decodeURIComponent(href!.split('/').pop()!));
    await page.getByRole('heading', { name: 'Report' }).waitFor();
    await page.locator('.gd-report').waitFor({ timeout: 30_000 });
    await facilitator.screenshot('run');

    // --- The game days list shows it with its schedule in words and the run.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Game days' }).click();
    const row = page.getByRole('row').filter({ hasText: NAME });
    await row.getByText('every other Friday 14:00 Europe/Berlin').waitFor();
    await facilitator.screenshot('list');

    // --- The drills are aborted (the API, as a facilitator would from the live view): aborted drills count on the scoreboard.
    const drills = [...drillIds];
    expect(drills.length).toBeGreaterThan(0);
    for (const id of drills) {
      const aborted = await ui.api.call('POST', `/api/drills/${id}/abort`, { reason: 'end of the game-day e2e test' });
      expect([200, 201, 409]).toContain(aborted.status);
    }
    await eventually(
      async () => {
        for (const id of drills) expect((await ui.api.call('GET', `/api/drills/${id}`)).body.state).toBe('aborted');
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // --- Scoreboard filtered to the team in the URL; CSV export is the API's CSV, fetched with the bearer token.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scoreboard' }).click();
    await page.getByRole('heading', { name: 'Scoreboard' }).waitFor();
    await page.getByLabel('Team').fill(TEAM);
    await page.waitForURL(new RegExp(`#/scoreboard\\?team=${TEAM}$`));
    await page.locator('.sb-rows').getByRole('row').filter({ hasText: SCENARIO_TITLE }).first().waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('firedrill-scoreboard.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/drill/i);
    for (const id of drills) expect(lines.some((line) => line.includes(id) && line.includes(TEAM)), `the CSV has a row of ${id} for ${TEAM}`).toBe(true);
    await facilitator.screenshot('scoreboard');

    // --- Their stacks go away.
    await eventually(
      async () => {
        for (const id of drills) {
          const view = (await ui.api.call('GET', `/api/drills/${id}`)).body;
          expect(view.stackId === null || (await ui.api.call('GET', `/api/stacks/${view.stackId}`)).status === 404).toBe(true);
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assertNoBrowserErrors([facilitator]);
  });
});
