import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { assertNoBrowserErrors, describeInBrowser, openRole, type RoleSession } from '../support/browser.js';
import { startUi, type UiHarness } from '../support/e2e-app.js';

/** The built UI loads from the API, keeps the facilitator's token, and its pages render without console errors. */
describeInBrowser('web UI smoke', () => {
  let ui: UiHarness;
  let facilitator: RoleSession | undefined;

  beforeAll(async () => {
    ui = await startUi();
  });
  afterEach(async () => {
    const sessions = [facilitator];
    await facilitator?.close();
    facilitator = undefined;
    assertNoBrowserErrors(sessions);
  });
  afterAll(async () => ui?.close());

  it('loads at / with the admin token and renders the catalogue', async () => {
    facilitator = await openRole(ui.browser, 'facilitator', { test: 'smoke' });
    const { page } = facilitator;
    await page.goto(ui.facilitatorUrl);
    // The token moves from the URL into sessionStorage, so it is not left in the address bar or
    // history, and the facilitator lands on the drill list.
    await page.waitForURL(/#\/facilitator$/);
    expect(await page.evaluate(() => sessionStorage.getItem('firedrill-token'))).toBeTruthy();
    await page.getByRole('heading', { name: 'New drill' }).waitFor();
    await facilitator.screenshot('facilitator-home');

    await page.getByRole('link', { name: /catalogue/i }).first().click();
    await page.getByRole('heading', { name: 'Scenario catalogue' }).waitFor();
    await page.getByRole('heading', { name: 'Checkout failing during the evening peak' }).waitFor();
    await facilitator.screenshot('catalogue');

    await page.goto(ui.routeUrl('/scoreboard'));
    await page.getByRole('heading', { name: /scoreboard/i }).first().waitFor();
    await facilitator.screenshot('scoreboard');
  });

  it('says so, readably, when the token is wrong', async () => {
    facilitator = await openRole(ui.browser, 'stranger', { test: 'smoke' });
    const { page } = facilitator;
    // A wrong token is the API's 401; the browser logs the failed fetch, which is expected here.
    await page.goto(`${ui.baseUrl}/#token=not-the-right-token-000000`);
    await page.getByRole('alert').first().waitFor();
    await facilitator.screenshot('wrong-token');
    facilitator.errors.splice(0, facilitator.errors.length, ...facilitator.errors.filter((error) => !/status of 401/.test(error)));
  });
});
