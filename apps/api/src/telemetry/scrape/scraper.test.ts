import { FakeClock } from '@firedrill/clock';
import { formatLabels, type Appendable, type Labels } from '@firedrill/promql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchMetricsWithUndici, type FetchMetrics, type MetricsResponse } from './fetch-metrics.js';
import { Scraper } from './scraper.js';
import { withTargetLabels, type ScrapeTarget } from './target-labels.js';

/** Records writes as `kind series t value` lines, in order. */
class RecordingStorage implements Appendable {
  readonly writes: string[] = [];
  append(labels: Labels, t: number, v: number): void {
    this.writes.push(`append ${formatLabels(labels)} ${t} ${v}`);
  }
  appendStale(labels: Labels, t: number): void {
    this.writes.push(`stale ${formatLabels(labels)} ${t}`);
  }
  at(t: number): string[] {
    return this.writes.filter((write) => write.split(' ').at(write.startsWith('stale') ? -1 : -2) === String(t));
  }
}

const CATALOG: ScrapeTarget = { replica: 'catalog-0', service: 'catalog', url: 'http://127.0.0.1:9001' };
const GATEWAY: ScrapeTarget = { replica: 'gateway-0', service: 'gateway', url: 'http://127.0.0.1:9002' };
const catalogLabels = 'instance="127.0.0.1:9001", job="catalog", replica="catalog-0", service="catalog"';

const ok = (body: string, contentType = 'text/plain; version=0.0.4'): MetricsResponse => ({ status: 200, contentType, body });

/** A fetch answering from a table keyed by URL; an Error entry rejects. */
function tableFetch(table: Record<string, MetricsResponse | Error>): FetchMetrics {
  return async (url) => {
    const answer = table[url];
    if (answer === undefined) throw new Error(`connect ECONNREFUSED ${url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
}

function setup(targets: ScrapeTarget[], table: Record<string, MetricsResponse | Error>) {
  const storage = new RecordingStorage();
  const clock = new FakeClock(0);
  let wall = 0;
  const scraper = new Scraper({
    targets: () => targets,
    storage,
    clock,
    fetchMetrics: tableFetch(table),
    wallNow: () => (wall += 5),
  });
  return { storage, clock, scraper, targets, table };
}

describe('Scraper.scrapeOnce', () => {
  it('adds target labels (renaming clashing ones exported_*) and writes up, duration and sample count', async () => {
    const { storage, scraper } = setup([CATALOG], {
      'http://127.0.0.1:9001/metrics': ok('http_requests_total{service="catalog",status="200"} 7 1234\nprocess_open_fds 12\n'),
    });
    await scraper.scrapeOnce(1000);
    expect(storage.writes).toEqual([
      `append http_requests_total{exported_service="catalog", ${catalogLabels}, status="200"} 1000 7`,
      `append process_open_fds{${catalogLabels}} 1000 12`,
      `append up{${catalogLabels}} 1000 1`,
      `append scrape_duration_seconds{${catalogLabels}} 1000 0.005`,
      `append scrape_samples_scraped{${catalogLabels}} 1000 2`,
    ]);
    expect(scraper.targets()).toEqual([
      expect.objectContaining({ replica: 'catalog-0', instance: '127.0.0.1:9001', health: 'up', lastScrape: 1000, lastError: null, lastScrapeDurationMs: 5, lastSamples: 2 }),
    ]);
  });

  it('marks a series that disappeared from the exposition stale at the next scrape', async () => {
    const { storage, scraper, table } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': ok('a 1\nb 2\n') });
    await scraper.scrapeOnce(1000);
    table['http://127.0.0.1:9001/metrics'] = ok('a 3\n');
    await scraper.scrapeOnce(2000);
    expect(storage.at(2000).filter((w) => !/up|scrape_/.test(w))).toEqual([`append a{${catalogLabels}} 2000 3`, `stale b{${catalogLabels}} 2000`]);
  });

  it('on a failed scrape writes up 0, then stale markers for every series of the target; health says why', async () => {
    const { storage, scraper, table } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': ok('a 1\nb 2\n') });
    await scraper.scrapeOnce(1000);
    table['http://127.0.0.1:9001/metrics'] = new Error('connect ECONNREFUSED 127.0.0.1:9001');
    await scraper.scrapeOnce(2000);
    expect(storage.at(2000)).toEqual([
      `append up{${catalogLabels}} 2000 0`,
      `append scrape_duration_seconds{${catalogLabels}} 2000 0.005`,
      `append scrape_samples_scraped{${catalogLabels}} 2000 0`,
      `stale a{${catalogLabels}} 2000`,
      `stale b{${catalogLabels}} 2000`,
    ]);
    expect(scraper.targets()[0]).toMatchObject({ health: 'down', lastError: 'connect ECONNREFUSED 127.0.0.1:9001' });
    await scraper.scrapeOnce(3000);
    expect(storage.at(3000).filter((w) => w.startsWith('stale'))).toEqual([]); // already ended
  });

  it('fails the scrape on a non-200 status, a malformed line or too many samples', async () => {
    const { scraper, table } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': { status: 503, contentType: 'text/plain', body: '' } });
    await scraper.scrapeOnce(1000);
    expect(scraper.targets()[0]!.lastError).toBe('server returned HTTP status 503');
    table['http://127.0.0.1:9001/metrics'] = ok('a 1\na{x="1"} oops\n');
    await scraper.scrapeOnce(2000);
    expect(scraper.targets()[0]!.lastError).toBe('line 2: invalid value "oops"');
    table['http://127.0.0.1:9001/metrics'] = ok('# EOF\n', 'application/openmetrics-text; version=1.0.0');
    await scraper.scrapeOnce(3000);
    expect(scraper.targets()[0]).toMatchObject({ health: 'up', lastSamples: 0 });
    const limited = new Scraper({ targets: () => [CATALOG], storage: new RecordingStorage(), clock: new FakeClock(0), sampleLimit: 1, fetchMetrics: tableFetch({ 'http://127.0.0.1:9001/metrics': ok('a 1\nb 2\n') }) });
    await limited.scrapeOnce(1000);
    expect(limited.targets()[0]!.lastError).toBe('sample limit exceeded: 2 samples, limit 1');
  });

  it('re-reads the targets every cycle: a new replica is scraped, a vanished one ends all its series', async () => {
    const { storage, scraper, targets } = setup([CATALOG], {
      'http://127.0.0.1:9001/metrics': ok('a 1\n'),
      'http://127.0.0.1:9002/metrics': ok('g 1\n'),
    });
    await scraper.scrapeOnce(1000);
    targets.splice(0, 1, GATEWAY);
    await scraper.scrapeOnce(2000);
    const writes = storage.at(2000);
    expect(writes.slice(0, 4)).toEqual([
      `stale a{${catalogLabels}} 2000`,
      `stale up{${catalogLabels}} 2000`,
      `stale scrape_duration_seconds{${catalogLabels}} 2000`,
      `stale scrape_samples_scraped{${catalogLabels}} 2000`,
    ]);
    expect(writes).toContain('append g{instance="127.0.0.1:9002", job="gateway", replica="gateway-0", service="gateway"} 2000 1');
    expect(scraper.targets().map((t) => t.replica)).toEqual(['gateway-0']);
  });

  it('keeps the first of repeated series and ignores exposition timestamps', async () => {
    const { storage, scraper } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': ok('a 1 5\na 2 6\n') });
    await scraper.scrapeOnce(1000);
    expect(storage.writes.filter((w) => w.startsWith('append a'))).toEqual([`append a{${catalogLabels}} 1000 1`]);
  });

  it('serializes calls and skips a time that is not after the last cycle', async () => {
    const { storage, scraper } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': ok('a 1\n') });
    await Promise.all([scraper.scrapeOnce(1000), scraper.scrapeOnce(1000), scraper.scrapeOnce(900)]);
    expect(scraper.cycles).toBe(1);
    expect(storage.writes).toHaveLength(4);
  });

  it('ends every series when stopped', async () => {
    const { storage, scraper, clock } = setup([CATALOG], { 'http://127.0.0.1:9001/metrics': ok('a 1\n') });
    await scraper.scrapeOnce(0);
    await clock.advance(500);
    await scraper.stop();
    expect(storage.at(500)).toHaveLength(4);
    expect(scraper.targets()).toEqual([]);
  });
});

describe('Scraper loop', () => {
  it('scrapes every interval of wall time, stamping samples with the stack clock', async () => {
    const clock = new FakeClock(0);
    Object.defineProperty(clock, 'speed', { value: 60 }); // one wall second is a stack minute
    const storage = new RecordingStorage();
    const scraper = new Scraper({ targets: () => [CATALOG], storage, clock, fetchMetrics: tableFetch({ 'http://127.0.0.1:9001/metrics': ok('a 1\n') }) });
    scraper.start();
    await clock.advance(180_000);
    expect(storage.writes.filter((w) => w.startsWith('append up')).map((w) => w.split(' ').at(-2))).toEqual(['60000', '120000', '180000']);
    await scraper.stop();
  });

  it('counts ticks missed while a cycle hangs, and carries on after a failing cycle', async () => {
    const clock = new FakeClock(0);
    let release!: () => void;
    let calls = 0;
    const errors: unknown[] = [];
    const scraper = new Scraper({
      targets: () => {
        calls++;
        if (calls === 2) throw new Error('target list unavailable');
        return [CATALOG];
      },
      storage: new RecordingStorage(),
      clock,
      onCycleError: (error) => errors.push(error),
      fetchMetrics: (url) => (calls === 1 ? new Promise((resolve) => (release = () => resolve(ok('a 1\n')))) : tableFetch({ [url]: ok('a 1\n') })(url, { timeoutMs: 1 })),
    });
    scraper.start();
    await clock.advance(3000);
    expect(scraper.missedTicks).toBe(2);
    release();
    await new Promise((resolve) => setImmediate(resolve)); // let the released cycle finish
    await clock.advance(2000);
    expect(errors).toEqual([new Error('target list unavailable')]);
    expect(scraper.cycles).toBe(3);
    expect(scraper.targets()[0]!.lastScrape).toBe(5000);
    await scraper.stop();
  });
});

describe('withTargetLabels', () => {
  it('renames clashes to exported_*, then exported_exported_*, shortest names first', () => {
    expect(withTargetLabels({ __name__: 'm', job: 'a', exported_job: 'b', instance: '' }, { job: 'svc', instance: 'h:1' })).toEqual({
      __name__: 'm',
      job: 'svc',
      instance: 'h:1',
      exported_job: 'b',
      exported_exported_job: 'a',
    });
  });
});

describe('fetchMetricsWithUndici', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const serve = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  };

  it('asks for OpenMetrics first and returns status, content type and body', async () => {
    let accept: string | undefined;
    const url = await serve((req, res) => {
      accept = req.headers.accept;
      res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0' }).end('a 1\n# EOF\n');
    });
    expect(await fetchMetricsWithUndici(url, { timeoutMs: 2000 })).toEqual({ status: 200, contentType: 'application/openmetrics-text; version=1.0.0', body: 'a 1\n# EOF\n' });
    expect(accept).toMatch(/^application\/openmetrics-text/);
  });

  it('gives up on a target that hangs after the timeout', async () => {
    const url = await serve(() => undefined);
    await expect(fetchMetricsWithUndici(url, { timeoutMs: 50 })).rejects.toThrow('scrape timed out after 50 ms');
    server!.closeAllConnections();
  });
});
