import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually } from '../support/api-harness.js';
import { answerKeySecrets, leakedSecrets } from '../support/answer-key.js';
import { assertNoBrowserErrors, describeInBrowser, openRole, type RoleSession } from '../support/browser.js';
import { startUi, type UiHarness } from '../support/e2e-app.js';

/**
 * A whole drill through the UI, in a real browser: the facilitator creates it from the catalogue
 * and starts it; a responder (their own browser context, their join link) is paged, acknowledges,
 * queries, fixes, diagnoses and reads the score and the postmortem. The responder's pages never
 * show the answer key. Screenshots of each main screen go to test/artifacts/screenshots/drill/.
 */
const SCENARIO = 'db-pool-exhaustion-traffic-spike';
const SCENARIO_TITLE = 'Checkout failing during the evening peak';
const SPEED = 30;
const DIAGNOSIS = 'runaway report queries hold the pool';
const QUERY = 'db_pool_connections{service="payments"}';
/** Waits for the drill itself (paging, recovery, scoring): wall-clock time at speed 30. */
const DRILL_WAIT = 120_000;
/**
 * From the fix to the score: checks green for the stability period with no page firing, and the
 * checkout burn-rate pages over 1 h windows take a while to fall back. Generous for a busy machine.
 */
const RESOLVE_WAIT = 300_000;

describeInBrowser('a drill in the browser', () => {
  let ui: UiHarness;
  let facilitator: RoleSession | undefined;
  let responder: RoleSession | undefined;
  const secrets = answerKeySecrets(SCENARIO, [DIAGNOSIS]);

  beforeAll(async () => {
    ui = await startUi();
  });
  afterEach(async () => {
    const sessions = [facilitator, responder];
    // Where each browser ended up: the first thing to look at when a step timed out.
    for (const session of sessions) await session?.screenshot(`last-${session.role}`).catch(() => undefined);
    await facilitator?.close();
    await responder?.close();
    facilitator = responder = undefined;
    assertNoBrowserErrors(sessions);
  });
  afterAll(async () => ui?.close());

  /** The facilitator's view of the drill, straight from the API (to wait on the drill, not on the page). */
  const drillView = async (id: string) => (await ui.api.call('GET', `/api/drills/${id}`)).body;
  /** Waits on the drill's state through the API; a timeout says where the drill stood and what was firing. */
  async function waitForDrill(id: string, what: string, done: (view: any) => boolean, timeoutMs = DRILL_WAIT) {
    return eventually(
      async () => {
        const view = await drillView(id);
        if (done(view)) return view;
        const alerts = view.stackId ? (await ui.api.call('GET', `/api/stacks/${view.stackId}/alerts`)).body.alerts : [];
        const firing = alerts.filter((alert: any) => alert.state === 'firing').map((alert: any) => `${alert.name}/${alert.labels.severity}`);
        const logs = view.stackId ? (await ui.api.call('GET', `/api/drills/${id}/logs?service=payments&q=fault&limit=5`)).body.entries ?? [] : [];
        const agent = logs.map((entry: any) => `${entry.time ?? ''} ${entry.message}`).join(' | ');
        expect.fail(`waiting for ${what}: state ${view.state}, timers ${JSON.stringify(view.timers)}, firing ${firing.join(', ') || 'nothing'}; payments fault logs: ${agent || 'none'}`);
      },
      { timeoutMs, intervalMs: 500 },
    );
  }
  const timeline = async (id: string): Promise<{ type: string; data: any }[]> => (await ui.api.call('GET', `/api/drills/${id}/timeline`)).body.events;

  /** Fails, naming what leaked, when the responder's page shows anything of the answer key. */
  async function expectNoAnswerKey(page: Page, where: string, scored = false) {
    const html = await page.content();
    const leaked = leakedSecrets(html, scored ? secrets.always : [...secrets.always, ...secrets.untilScored]);
    expect(leaked, `the responder's ${where} page shows the answer key`).toEqual([]);
  }

  it('facilitator creates and starts it; the responder is paged, fixes it, and reads the score and postmortem', { timeout: 720_000 }, async () => {
    facilitator = await openRole(ui.browser, 'facilitator', { test: 'drill' });
    const fPage = facilitator.page;
    await fPage.goto(ui.facilitatorUrl);
    await fPage.waitForURL(/#\/facilitator$/);
    expect(fPage.url(), 'the token must leave the address bar').not.toContain('token=');

    // --- The facilitator creates the drill from the catalogue (demo speed, one responder) and starts it.
    await fPage.goto(ui.routeUrl('/catalogue'));
    await fPage.getByRole('heading', { name: SCENARIO_TITLE }).waitFor();
    await facilitator.screenshot('catalogue');
    await fPage.getByRole('button', { name: `Start a drill: ${SCENARIO_TITLE}` }).click();
    const dialog = fPage.getByRole('dialog', { name: /start a drill/i });
    await dialog.getByLabel('Speed').selectOption(String(SPEED));
    await dialog.getByLabel('Responders').fill('alex');
    await dialog.getByRole('button', { name: 'Create drill' }).click();
    const joinLinkInput = dialog.getByLabel('Join link for alex');
    await joinLinkInput.waitFor();
    const joinLink = await joinLinkInput.inputValue();
    const drillId = new URLSearchParams(new URL(joinLink).hash.slice(1)).get('drill')!;
    expect(drillId, joinLink).toBeTruthy();
    await facilitator.screenshot('catalogue-join-links', { fullPage: false });
    await dialog.getByRole('button', { name: /start the drill now/i }).click();
    await fPage.waitForURL(new RegExp(`#/facilitator/drills/${drillId}$`));
    await waitForDrill(drillId, 'the start', (view) => view.state !== 'created', 30_000);
    await fPage.getByRole('heading', { name: SCENARIO_TITLE }).waitFor();
    await facilitator.screenshot('facilitator-console-running');

    // --- The responder opens the join link in a browser of their own and gets paged.
    responder = await openRole(ui.browser, 'responder', { test: 'drill' });
    const rPage = responder.page;
    await rPage.goto(joinLink);
    await rPage.waitForURL(new RegExp(`#/drills/${drillId}$`));
    expect(rPage.url(), 'the token must leave the address bar').not.toContain('token=');
    await rPage.getByText(/no page yet|paged:/i).first().waitFor();
    await expectNoAnswerKey(rPage, 'console (before the page)');
    await rPage.getByRole('heading', { name: /^paged:/i }).waitFor({ timeout: DRILL_WAIT });
    await responder.screenshot('paged-console');
    await expectNoAnswerKey(rPage, 'paged console');

    // --- Acknowledge with the pager's key: the banner turns into "acknowledged", T2 is set.
    await rPage.keyboard.press('a');
    await rPage.locator('.pager').getByText('acknowledged', { exact: true }).waitFor();
    await waitForDrill(drillId, 'T2 (acknowledged)', (view) => view.timers.t2 !== null, 15_000);
    await rPage.locator('.uplot').first().waitFor();
    await responder.screenshot('dashboards');

    // --- Explore: a PromQL query that touches the pool metric, answered in a table and recorded on the timeline.
    await rPage.getByRole('tab', { name: 'Explore' }).click();
    const editor = rPage.getByRole('textbox', { name: 'PromQL query' });
    await editor.click();
    await rPage.keyboard.type(QUERY);
    await rPage.getByRole('button', { name: 'Run query' }).click();
    await rPage.locator('.promql-result').getByRole('table').filter({ hasText: 'payments' }).first().waitFor();
    await eventually(async () => expect((await timeline(drillId)).some((event) => event.type === 'query.run')).toBe(true), { timeoutMs: 15_000 });
    await responder.screenshot('explore');
    await expectNoAnswerKey(rPage, 'explore');

    // --- The fix: kill the long queries on payments; again if none was old enough yet, until checks are green.
    await rPage.getByRole('tab', { name: 'Actions' }).click();
    await eventually(
      async () => {
        await runAction(rPage, 'pool-kill-queries', 'payments');
        await waitForDrill(drillId, 'T3 (mitigated)', (view) => view.timers.t3 !== null, 10_000);
      },
      { timeoutMs: DRILL_WAIT, intervalMs: 500 },
    );
    const actions = (await timeline(drillId)).filter((event) => event.type === 'action.taken');
    expect(actions.map((event) => [event.data.action, event.data.service])).toContainEqual(['pool-kill-queries', 'payments']);
    await responder.screenshot('action-taken');

    // --- The diagnosis, in the responder's words.
    await rPage.getByRole('tab', { name: 'Diagnose' }).click();
    await rPage.getByLabel('Diagnosis', { exact: true }).fill(DIAGNOSIS);
    await rPage.getByRole('button', { name: 'Submit diagnosis' }).click();
    await rPage.getByText('Diagnosis recorded.').waitFor();
    expect((await timeline(drillId)).filter((event) => event.type === 'diagnosis.submitted').map((event) => event.data.text)).toEqual([DIAGNOSIS]);
    await expectNoAnswerKey(rPage, 'console after the diagnosis');

    // --- Once scored, the console says so and links to the report: the score and the postmortem.
    await waitForDrill(drillId, 'the score', (view) => view.state === 'scored', RESOLVE_WAIT);
    await rPage.getByRole('link', { name: 'Open the report' }).waitFor();
    const score = (await ui.api.call('GET', `/api/drills/${drillId}/score`)).body;
    await rPage.getByRole('link', { name: 'Open the report' }).click();
    await rPage.waitForURL(new RegExp(`#/drills/${drillId}/report$`));
    await rPage.getByRole('region', { name: 'Score' }).getByText(String(score.total), { exact: true }).waitFor();
    await rPage.getByRole('region', { name: 'Postmortem' }).waitFor();
    await rPage.getByRole('region', { name: 'Postmortem' }).getByText(/MTTD/).first().waitFor();
    await responder.screenshot('report');
    await expectNoAnswerKey(rPage, 'report', true);

    // --- The facilitator's console after the drill, and the scoreboard with this drill on it.
    await fPage.getByRole('heading', { name: SCENARIO_TITLE }).waitFor();
    await fPage.locator('.badge', { hasText: /^scored$/ }).first().waitFor({ timeout: 30_000 });
    await facilitator.screenshot('facilitator-console-scored');
    await fPage.goto(ui.routeUrl('/scoreboard'));
    await fPage.getByRole('heading', { name: /scoreboard/i }).first().waitFor();
    await fPage.getByText(String(score.total), { exact: true }).first().waitFor();
    await facilitator.screenshot('scoreboard');
  });
});

/** Picks the action and its service and runs it, confirming when the console asks; waits for its result line. */
async function runAction(page: Page, action: string, service: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Take an action' });
  await panel.getByLabel('Action', { exact: true }).selectOption(action);
  await panel.getByLabel('Service', { exact: true }).selectOption(service);
  const results = panel.getByRole('list', { name: 'Action results' }).getByRole('listitem');
  const before = await results.count();
  await panel.getByRole('button', { name: /^run /i }).click();
  const confirm = page.getByRole('dialog', { name: /are you sure/i });
  await confirm.or(results.nth(before)).first().waitFor();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: /^yes/i }).click();
  await results.nth(before).waitFor();
}
