import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * Game days over the real API: definitions validated before anything is stored, a run started
 * at once (its drills created for the team, marked as a game day's, started on live stacks at
 * speed 20, then aborted so the stacks go), runs, reports with the change since the last run,
 * and the facilitator-only rule.
 */
const SCENARIO = 'db-pool-exhaustion-traffic-spike';

const gameDay = (overrides: Record<string, unknown> = {}) => ({
  name: 'Friday chaos',
  team: 'payments-oncall',
  participants: [{ name: 'alex' }, { name: 'sam', role: 'observer' }],
  plan: { kind: 'fixed', scenarios: [SCENARIO] },
  // 29 February at 14:00: a real schedule that cannot fire while the test runs.
  schedule: { kind: 'cron', expression: '0 14 29 2 *', timeZone: 'Europe/Berlin', every: 2 },
  speed: 20,
  ...overrides,
});

describe('game days over the API', () => {
  let api: ApiHarness;
  let id: string;
  let responderToken: string;
  const runs: string[] = [];

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    // Whatever a failed assertion left running: end it so its stack goes.
    for (const runId of runs) {
      const run = await api.call('GET', `/api/gamedays/${id}/runs/${runId}`);
      for (const drill of run.body?.drills ?? []) await api.call('POST', `/api/drills/${drill.drillId}/abort`, { reason: 'test cleanup' });
    }
    await api?.close();
  });

  it('creates a game day (201) with its next start in its zone', async () => {
    const created = await api.call('POST', '/api/gamedays', gameDay());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Friday chaos', team: 'payments-oncall', enabled: true, lastRun: null, notify: { before: '15m', targets: [] } });
    expect(created.body.id).toMatch(/^gd-/);
    expect(created.body.nextRunAt).toMatch(/^\d{4}-02-29T14:00:00\+01:00$/);
    id = created.body.id;
  });

  it('refuses invalid bodies with a 400 naming the field, and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [gameDay({ plan: { kind: 'fixed', scenarios: [SCENARIO, 'no-such-scenario'] } }), 'plan.scenarios.1'],
      [gameDay({ schedule: { kind: 'cron', expression: '0 25 * * 5', timeZone: 'Europe/Berlin' } }), 'schedule.expression'],
      [gameDay({ schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Moon/Tranquility' } }), 'schedule.timeZone'],
      [gameDay({ name: '' }), 'name'],
      [gameDay({ notify: { targets: [{ kind: 'webhook', url: 'ftp://example.com' }] } }), 'notify.targets.0.url'],
      [gameDay({ participants: [{ name: 'alex' }, { name: 'alex' }] }), 'participants'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', '/api/gamedays', body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.problems.map((problem: { field: string }) => problem.field), JSON.stringify(response.body)).toContain(field);
    }
    const listed = await api.call('GET', '/api/gamedays');
    expect(listed.body.map((entry: { id: string }) => entry.id)).toEqual([id]);
    const put = await api.call('PUT', `/api/gamedays/${id}`, gameDay({ schedule: { kind: 'cron', expression: 'never', timeZone: 'UTC' } }));
    expect(put.status).toBe(400);
    expect((await api.call('GET', `/api/gamedays/${id}`)).body.schedule.expression).toBe('0 14 29 2 *');
  });

  it('previews a schedule', async () => {
    const preview = await api.call('POST', '/api/gamedays/schedule-preview', { schedule: { kind: 'cron', expression: '30 9 * * 1', timeZone: 'America/New_York' } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.occurrences).toHaveLength(5);
    for (const start of preview.body.occurrences) expect(start).toMatch(/T09:30:00-0[45]:00$/);
    const bad = await api.call('POST', '/api/gamedays/schedule-preview', { schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Nowhere' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe('schedule.timeZone');
  });

  it('run-now creates the drills for the team, marked as the run\'s, starts them, answers join links', { timeout: 120_000 }, async () => {
    const started = await api.call('POST', `/api/gamedays/${id}/run-now`);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    runs.push(started.body.id);
    expect(started.body).toMatchObject({ gameDayId: id, state: 'running', reason: null });
    expect(started.body.drills).toHaveLength(1);
    const [drill] = started.body.drills;
    expect(drill.scenarioId).toBe(SCENARIO);
    expect(drill.joinLinks.map((link: { name: string; role: string }) => `${link.name}/${link.role}`)).toEqual(['alex/responder', 'sam/observer']);
    const alex = drill.joinLinks.find((link: { name: string }) => link.name === 'alex');
    expect(alex.url.startsWith(`${api.baseUrl}/#token=`)).toBe(true);
    expect(alex.url.endsWith(`&drill=${drill.drillId}`)).toBe(true);
    responderToken = decodeURIComponent(/token=([^&]+)/.exec(alex.url)![1]!);

    const view = await api.call('GET', `/api/drills/${drill.drillId}`);
    expect(view.body).toMatchObject({ team: 'payments-oncall', origin: 'gameday', gameDayRunId: started.body.id, speed: 20 });
    expect(view.body.state).not.toBe('created');
    expect(view.body.stackId).toBeTruthy();

    // A second run while this one runs is refused.
    expect((await api.call('POST', `/api/gamedays/${id}/run-now`)).status).toBe(409);
    // The responder's link opens the drill, not the game days.
    expect((await api.call('GET', `/api/drills/${drill.drillId}`, undefined, { token: responderToken })).status).toBe(200);
  });

  it('401 without a token, 403 for a participant, on every game-day route', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/gamedays'],
      ['POST', '/api/gamedays'],
      ['GET', `/api/gamedays/${id}`],
      ['PUT', `/api/gamedays/${id}`],
      ['DELETE', `/api/gamedays/${id}`],
      ['POST', `/api/gamedays/${id}/run-now`],
      ['GET', `/api/gamedays/${id}/runs`],
      ['GET', `/api/gamedays/${id}/runs/${runs[0]}/report`],
      ['POST', '/api/gamedays/schedule-preview'],
    ];
    for (const [method, path] of routes) {
      expect((await api.call(method, path, {}, { token: null })).status, `${method} ${path}`).toBe(401);
      expect((await api.call(method, path, {}, { token: responderToken })).status, `${method} ${path}`).toBe(403);
    }
  });

  it('after aborting: the run is finished, the runs list and the report show it; a second run reports the change since the first', { timeout: 150_000 }, async () => {
    const first = (await api.call('GET', `/api/gamedays/${id}/runs/${runs[0]}`)).body;
    expect((await api.call('POST', `/api/drills/${first.drills[0].drillId}/abort`, { reason: 'end of the test game day' })).status).toBe(200);
    await eventually(async () => expect((await api.call('GET', `/api/gamedays/${id}/runs/${runs[0]}`)).body.state).toBe('finished'));

    const report = await api.call('GET', `/api/gamedays/${id}/runs/${runs[0]}/report`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.gameDay).toEqual({ id, name: 'Friday chaos', team: 'payments-oncall' });
    expect(report.body.drills).toEqual([expect.objectContaining({ drillId: first.drills[0].drillId, state: 'aborted', score: null, scenario: expect.objectContaining({ id: SCENARIO }) })]);
    expect(report.body.summary).toMatchObject({ drills: 1, resolved: 0, meanScore: null });
    expect(report.body.sinceLast).toBeNull();

    // Second run with the scenario list changed: two drills now.
    const second = 'slow-downstream-payments';
    const edited = await api.call('PUT', `/api/gamedays/${id}`, gameDay({ plan: { kind: 'fixed', scenarios: [SCENARIO, second] } }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const again = await api.call('POST', `/api/gamedays/${id}/run-now`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    runs.push(again.body.id);
    expect(again.body.drills.map((drill: { scenarioId: string }) => drill.scenarioId)).toEqual([SCENARIO, second]);
    for (const drill of again.body.drills) expect((await api.call('POST', `/api/drills/${drill.drillId}/abort`, { reason: 'end of the test game day' })).status).toBe(200);

    const listed = await api.call('GET', `/api/gamedays/${id}/runs`);
    expect(listed.body.map((run: { id: string; state: string }) => `${run.id} ${run.state}`)).toEqual([`${again.body.id} finished`, `${runs[0]} finished`]);
    const secondReport = (await api.call('GET', `/api/gamedays/${id}/runs/${again.body.id}/report`)).body;
    expect(secondReport.drills.map((drill: { state: string }) => drill.state)).toEqual(['aborted', 'aborted']);
    expect(secondReport.sinceLast).toMatchObject({ runId: runs[0], newScenarios: [second], droppedScenarios: [], meanScoreDelta: null });
    expect((await api.call('GET', `/api/gamedays/${id}`)).body.lastRun).toMatchObject({ id: again.body.id, state: 'finished' });

    // Every drill is gone with its stack.
    await eventually(async () => {
      for (const drill of [...first.drills, ...again.body.drills]) expect((await api.call('GET', `/api/drills/${drill.drillId}`)).body.stackId).toBeNull();
    });
    expect((await api.call('DELETE', `/api/gamedays/${id}`)).status).toBe(204);
    expect((await api.call('GET', `/api/gamedays/${id}`)).status).toBe(404);
    runs.length = 0;
  });
});
