import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../support/ports.js';

/**
 * docker-compose.yml checked without Docker (this machine has no engine): the file parses, and
 * every image build, mounted file, port, start-order condition, URL and config it references
 * exists and agrees. The Prometheus and Alertmanager configs go through promtool / amtool when
 * those are installed. Nothing here starts a container.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string> | string[];
  ports?: Array<string | { published?: string | number; target?: number }>;
  expose?: Array<string | number>;
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
}

// Compose applies YAML merge keys (<<: *anchor); the yaml package does so when asked.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const names = Object.keys(services);

function environment(service: Service): Record<string, string> {
  if (Array.isArray(service.environment)) {
    return Object.fromEntries(service.environment.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));
}

/** `${NAME:-default}` → default, as compose does with no .env (the defaults are what the test sees). */
function interpolate(text: string): string {
  return text.replace(/\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g, (_match, fallback: string | undefined) => fallback ?? '');
}

function dockerfileOf(service: Service): string | undefined {
  if (!service.build) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  return join(ROOT, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
}

function volumes(service: Service): Array<{ source: string; target: string }> {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') return { source: volume.source ?? '', target: volume.target ?? '' };
    const [source, target] = volume.split(':');
    return { source: source!, target: target! };
  });
}

/** The ports a service listens on inside the network: `expose`, and the container side of `ports`. */
function containerPorts(service: Service): Set<number> {
  const ports = new Set((service.expose ?? []).map(Number));
  for (const port of service.ports ?? []) ports.add(typeof port === 'string' ? Number(port.split(':').at(-1)) : Number(port.target));
  return ports;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'redis:': 6379, 'postgres:': 5432, 'postgresql:': 5432 };

/** A URL in a config must name a compose service and a port that service listens on. */
function expectServiceUrl(where: string, text: string): void {
  const url = new URL(interpolate(text));
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  expect(names, `${where}: ${text} names no compose service`).toContain(url.hostname);
  expect([...containerPorts(services[url.hostname]!)], `${where}: ${url.hostname} does not listen on ${port}`).toContain(port);
}

const dockerfile = read('Dockerfile');
const stages = dockerfile.split(/^FROM\s/m).slice(1);
const runtime = stages.at(-1)!;

function hasHealthcheck(name: string): boolean {
  const service = services[name]!;
  if (service.healthcheck && !service.healthcheck.disable) return true;
  const file = dockerfileOf(service);
  return file !== undefined && /^HEALTHCHECK\s+(?!NONE)/m.test(readFileSync(file, 'utf8').split(/^FROM\s/m).at(-1)!);
}

describe('docker-compose.yml', () => {
  it('has the whole system', () => {
    expect(names).toEqual(expect.arrayContaining(['firedrill', 'rules', 'redis', 'postgres', 'prometheus', 'alertmanager', 'grafana']));
  });

  it('gives every service an image or a build whose Dockerfile exists', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.image ?? service.build, `${name} has neither image nor build`).toBeTruthy();
      const file = dockerfileOf(service);
      if (file) expect(existsSync(file), `${name}: ${file} is missing`).toBe(true);
    }
  });

  it('mounts files that exist in the repository, and named volumes that are declared', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const { source, target } of volumes(service)) {
        expect(target, `${name}: a volume without a target`).toMatch(/^\//);
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(existsSync(join(ROOT, source)), `${name}: ${source} is missing`).toBe(true);
        } else {
          expect(declared, `${name}: named volume ${source} is not declared`).toContain(source);
        }
      }
    }
  });

  it('publishes every host port once, on loopback', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => {
        const text = typeof port === 'string' ? port : `${port.published}:${port.target}`;
        const parts = text.split(':');
        expect(parts, `${name}: publish ${text} with an explicit host address`).toHaveLength(3);
        expect(parts[0], `${name}: ${text} is published beyond this machine`).toBe('127.0.0.1');
        return parts.slice(0, 2).join(':');
      }),
    );
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(published).size, `duplicated: ${published.join(', ')}`).toBe(published.length);
  });

  it('starts in order: depends_on names services, service_healthy ones have a health check, one-shots do not restart', () => {
    for (const [name, service] of Object.entries(services)) {
      const dependsOn = Array.isArray(service.depends_on)
        ? Object.fromEntries(service.depends_on.map((dependency) => [dependency, { condition: 'service_started' }]))
        : (service.depends_on ?? {});
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        expect(names, `${name} depends on unknown ${dependency}`).toContain(dependency);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(hasHealthcheck(dependency), `${name} waits for ${dependency} to be healthy, which has no health check`).toBe(true);
        if (condition === 'service_completed_successfully') expect(services[dependency]!.restart, `${dependency} is a one-shot`).toBe('no');
      }
    }
    // Every long-running service reports its health.
    for (const name of names.filter((name) => services[name]!.restart !== 'no')) expect(hasHealthcheck(name), `${name} has no health check`).toBe(true);
  });

  it("points Firedrill's component URLs at the services and their ports", () => {
    const env = environment(services.firedrill!);
    for (const variable of ['FIREDRILL_REDIS_URL', 'FIREDRILL_POSTGRES_URL', 'FIREDRILL_PROMETHEUS_URL', 'FIREDRILL_ALERTMANAGER_URL']) {
      expect(env[variable], `${variable} is not set`).toBeTruthy();
      expectServiceUrl(`firedrill ${variable}`, env[variable]!);
    }
    expect(new URL(interpolate(env.FIREDRILL_REDIS_URL!)).hostname).toBe('redis');
    expect(new URL(interpolate(env.FIREDRILL_POSTGRES_URL!)).hostname).toBe('postgres');
    // The Postgres credentials in the URL are the ones the postgres service is created with.
    const postgres = environment(services.postgres!);
    const url = new URL(interpolate(env.FIREDRILL_POSTGRES_URL!));
    expect([url.username, url.password, url.pathname.slice(1)]).toEqual([postgres.POSTGRES_USER, interpolate(postgres.POSTGRES_PASSWORD!), postgres.POSTGRES_DB]);
  });

  it('runs the replicas reachable from Prometheus: bound everywhere, advertised as the firedrill service', () => {
    const env = environment(services.firedrill!);
    expect(env.FIREDRILL_REPLICA_HOST).toBe('0.0.0.0');
    expect(env.FIREDRILL_REPLICA_ADVERTISED_HOST).toBe('firedrill');
    const command = services.firedrill!.command as string[];
    expect(command.slice(command.indexOf('--host'), command.indexOf('--host') + 2)).toEqual(['--host', '0.0.0.0']);
  });

  it('gives the same token to Firedrill, the rules one-shot and Grafana', () => {
    const tokens = ['firedrill', 'rules', 'grafana'].map((name) => environment(services[name]!).FIREDRILL_ADMIN_TOKEN);
    expect(tokens[0]).toBeTruthy();
    expect(new Set(tokens).size).toBe(1);
    expect(interpolate(tokens[0]!).length, 'the default token must be long enough for Firedrill').toBeGreaterThanOrEqual(16);
  });
});

describe('Dockerfile', () => {
  it('is multi-stage and runs as a non-root user with a health check on /api/health', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const users = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]!);
    expect(users.length, 'the runtime stage sets no USER').toBeGreaterThan(0);
    expect(users.at(-1)!.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(runtime).toMatch(/^HEALTHCHECK\s[\s\S]*\/api\/health/m);
    // Nothing in the runtime stage compiles: no dev dependencies, no build tools.
    expect(runtime).not.toMatch(/npm (ci|install)|apt-get install/);
  });

  it('copies sources that exist and that .dockerignore lets through, including every workspace manifest', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/).slice(0, -1));
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), `COPY ${source}: missing`).toBe(true);
      expect(ignored, `COPY ${source}: excluded by .dockerignore`).not.toContain(source.split('/')[0]);
    }
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const workspace of workspaces) expect(sources, `the build stage does not copy ${workspace}/package.json before npm ci`).toContain(`${workspace}/package.json`);
  });

  it('runs `firedrill start` on all interfaces in the image and in compose', () => {
    expect(dockerfile).toMatch(/CMD \["start", "--host", "0.0.0.0"/);
    expect(environment(services.firedrill!).FIREDRILL_ADMIN_TOKEN).toBeDefined();
    expect(services.firedrill!.healthcheck?.test?.toString()).toContain('/api/health');
  });
});

/** The API routes the configs call, read from the controllers' sources. */
function expectRoute(controllerPath: string, method: 'Get' | 'Post', routePath: string): void {
  const files = readdirSync(join(ROOT, 'apps/api/src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.controller.ts'));
  const found = files.some((file) => {
    const source = readFileSync(join(ROOT, 'apps/api/src', file), 'utf8');
    const route = routePath === '' ? `@${method}()` : `@${method}('${routePath}')`;
    return source.includes(`@Controller('${controllerPath}')`) && source.includes(route);
  });
  expect(found, `no controller serves ${method.toUpperCase()} /${controllerPath}/${routePath}`).toBe(true);
}

describe('Prometheus config', () => {
  const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
    rule_files: string[];
    alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
    scrape_configs: Array<{
      job_name: string;
      metrics_path?: string;
      static_configs?: Array<{ targets: string[] }>;
      http_sd_configs?: Array<{ url: string; authorization?: { credentials_file?: string } }>;
      authorization?: { credentials_file?: string };
    }>;
  };
  const work = mkdtempSync(join(tmpdir(), 'firedrill-compose-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const mounts = volumes(services.prometheus!);
  const generated = mounts.find((mount) => mount.source === 'generated')!;

  it('is the mounted file, loads the generated rules and sends the token file that the rules one-shot writes', () => {
    expect(mounts).toContainEqual({ source: './deploy/prometheus/prometheus.yml', target: '/etc/prometheus/prometheus.yml' });
    expect(generated).toBeDefined();
    const rulesWrites = volumes(services.rules!).find((mount) => mount.source === 'generated')!;
    const script = (services.rules!.command as string[]).join(' ');
    const inGenerated = (path: string): string => {
      expect(path.startsWith(`${generated.target}/`), `${path} is not in the generated volume`).toBe(true);
      return path.slice(generated.target.length + 1);
    };
    for (const file of prometheus.rule_files) expect(script).toContain(`${rulesWrites.target}/${inGenerated(file)}`);
    expect(script).toContain('rules export --defaults');
    const credentials = prometheus.scrape_configs.flatMap((job) => [job.authorization?.credentials_file, ...(job.http_sd_configs ?? []).map((sd) => sd.authorization?.credentials_file)]).filter(Boolean);
    expect(credentials.length).toBeGreaterThanOrEqual(2);
    for (const file of credentials) expect(script).toContain(`${rulesWrites.target}/${inGenerated(file!)}`);
  });

  it('scrapes Firedrill and discovers the replicas at URLs of the firedrill service', () => {
    const firedrill = prometheus.scrape_configs.find((job) => job.job_name === 'firedrill')!;
    expect(firedrill.metrics_path).toBe('/metrics');
    expectServiceUrl('prometheus firedrill job', `http://${firedrill.static_configs![0]!.targets[0]}`);
    const sd = prometheus.scrape_configs.flatMap((job) => job.http_sd_configs ?? []);
    expect(sd).toHaveLength(1);
    expectServiceUrl('prometheus http_sd', sd[0]!.url);
    expect(new URL(sd[0]!.url).pathname).toBe('/api/prometheus/sd');
    expectRoute('api', 'Get', 'prometheus/sd');
    expectRoute('metrics', 'Get', '');
    for (const target of prometheus.alerting.alertmanagers.flatMap((am) => am.static_configs.flatMap((config) => config.targets))) {
      expectServiceUrl('prometheus alerting', `http://${target}`);
    }
  });

  it('passes promtool check config with the generated rules (when promtool is installed)', (context) => {
    const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((path) => existsSync(path));
    if (!promtool) {
      console.warn('compose-file: promtool not found (Debian package prometheus); skipping `promtool check config`');
      context.skip();
    }
    const cli = join(ROOT, 'apps/api/dist/cli.js');
    const exported = spawnSync(process.execPath, [cli, 'rules', 'export', '--defaults'], { encoding: 'utf8' });
    expect(exported.status, exported.stderr).toBe(0);
    writeFileSync(join(work, 'firedrill.rules.yml'), exported.stdout);
    writeFileSync(join(work, 'firedrill-token'), 'a-token-for-the-check');
    // The same config with the generated volume's path pointing at the files just written; the
    // http_sd URL needs no DNS for a config check.
    writeFileSync(join(work, 'prometheus.yml'), read('deploy/prometheus/prometheus.yml').replaceAll(generated.target, work));
    const checked = spawnSync(promtool!, ['check', 'config', join(work, 'prometheus.yml')], { encoding: 'utf8' });
    expect(checked.status, `${checked.stdout}\n${checked.stderr}`).toBe(0);
    expect(checked.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });
});

describe('Alertmanager config', () => {
  const alertmanager = parse(read('deploy/alertmanager/alertmanager.yml')) as {
    route: { receiver: string };
    receivers: Array<{ name: string; webhook_configs?: Array<{ url: string; http_config?: { authorization?: { credentials_file?: string } } }> }>;
  };

  it("posts every alert to Firedrill's webhook receiver with the token file", () => {
    const receiver = alertmanager.receivers.find((entry) => entry.name === alertmanager.route.receiver)!;
    const webhook = receiver.webhook_configs![0]!;
    expectServiceUrl('alertmanager webhook', webhook.url);
    expect(new URL(webhook.url).pathname).toBe('/api/alertmanager/webhook');
    expectRoute('api', 'Post', 'alertmanager/webhook');
    const generated = volumes(services.alertmanager!).find((mount) => mount.source === 'generated')!;
    expect(webhook.http_config?.authorization?.credentials_file).toBe(`${generated.target}/firedrill-token`);
    expect(volumes(services.alertmanager!)).toContainEqual({ source: './deploy/alertmanager/alertmanager.yml', target: '/etc/alertmanager/alertmanager.yml' });
  });

  it('passes amtool check-config (when amtool is installed)', (context) => {
    const amtool = ['/usr/bin/amtool', '/usr/local/bin/amtool'].find((path) => existsSync(path));
    if (!amtool) {
      console.warn('compose-file: amtool not found (Debian package prometheus-alertmanager); skipping `amtool check-config`');
      context.skip();
    }
    const checked = spawnSync(amtool!, ['check-config', join(ROOT, 'deploy/alertmanager/alertmanager.yml')], { encoding: 'utf8' });
    expect(checked.status, `${checked.stdout}\n${checked.stderr}`).toBe(0);
  });
});

describe('Grafana provisioning', () => {
  const mounts = volumes(services.grafana!);

  it('parses, and every data source URL is a compose service', () => {
    const dir = join(ROOT, 'deploy/grafana/provisioning/datasources');
    const datasources = readdirSync(dir)
      .filter((file) => /\.ya?ml$/.test(file))
      .flatMap((file) => (parse(readFileSync(join(dir, file), 'utf8')) as { datasources: Array<{ name: string; uid: string; type: string; url: string }> }).datasources);
    expect(datasources.map((source) => source.type)).toEqual(expect.arrayContaining(['prometheus']));
    expect(new Set(datasources.map((source) => source.uid)).size).toBe(datasources.length);
    for (const source of datasources) expectServiceUrl(`grafana data source ${source.name}`, source.url);
    // Firedrill's API per stack: the stack id is the demo stack's, fixed by `start --stack-id`.
    const command = services.firedrill!.command as string[];
    const stackId = command[command.indexOf('--stack-id') + 1];
    const api = datasources.find((source) => new URL(source.url).hostname === 'firedrill')!;
    expect(new URL(api.url).pathname).toBe(`/api/stacks/${stackId}/prometheus`);
    expectRoute('api/stacks/:stackId/prometheus/api/v1', 'Get', 'query');
    expect(readFileSync(join(dir, 'firedrill-api.yml'), 'utf8')).toContain('Bearer $FIREDRILL_ADMIN_TOKEN');
  });

  it('loads the dashboards from the folder compose mounts, and they parse', () => {
    expect(mounts.map((mount) => mount.source)).toContain('./deploy/grafana/provisioning');
    const dir = join(ROOT, 'deploy/grafana/provisioning/dashboards');
    for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
      const providers = (parse(readFileSync(join(dir, file), 'utf8')) as { providers: Array<{ options: { path: string } }> }).providers;
      for (const provider of providers) {
        const mount = mounts.find((entry) => entry.target === provider.options.path);
        expect(mount, `${file}: nothing is mounted at ${provider.options.path}`).toBeDefined();
        const dashboards = readdirSync(join(ROOT, mount!.source)).filter((name) => name.endsWith('.json'));
        expect(dashboards.length).toBeGreaterThan(0);
        for (const dashboard of dashboards) expect(() => JSON.parse(readFileSync(join(ROOT, mount!.source, dashboard), 'utf8'))).not.toThrow();
      }
    }
  });
});

describe("the firedrill service's command, run here", () => {
  let child: ChildProcess | undefined;
  const data = mkdtempSync(join(tmpdir(), 'firedrill-compose-start-'));
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child!.once('exit', done));
    }
    rmSync(data, { recursive: true, force: true });
  });

  it('starts with the compose arguments and environment: the fixed demo stack, advertised as firedrill:<port>', async () => {
    // The compose command and environment, kept on loopback: our port and data dir, 127.0.0.1 binds.
    const args = (services.firedrill!.command as string[]).map(interpolate);
    const port = await freePort();
    const at = (flag: string): number => args.indexOf(flag) + 1;
    args[at('--host')] = '127.0.0.1';
    args[at('--port')] = String(port);
    args[at('--data')] = data;
    args[at('--stack-profile')] = JSON.stringify({ ...JSON.parse(args[at('--stack-profile')]!), loadRps: 0 });
    const env = Object.fromEntries(Object.entries(environment(services.firedrill!)).map(([key, value]) => [key, interpolate(value)]));
    env.FIREDRILL_REPLICA_HOST = '127.0.0.1';
    child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${env.FIREDRILL_ADMIN_TOKEN}` };
    for (let i = 0; i < 200 && !output.includes('Firedrill is running'); i++) {
      if (child.exitCode !== null) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(output, output).toContain('stack:    stk-demo');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const stack = (await (await fetch(`${base}/api/stacks/stk-demo`, { headers: auth })).json()) as { id: string };
    expect(stack.id).toBe('stk-demo');
    // What Prometheus's demo-stack job asks for, with the token the rules one-shot writes.
    const sd = (await (await fetch(`${base}/api/prometheus/sd?alertSource=prometheus`, { headers: auth })).json()) as Array<{ targets: string[]; labels: Record<string, string> }>;
    expect(sd.length).toBeGreaterThanOrEqual(6);
    for (const group of sd) {
      expect(group.targets[0]).toMatch(/^firedrill:\d+$/);
      expect(group.labels.firedrill_stack).toBe('stk-demo');
    }
    // What Grafana's Firedrill data source asks.
    const query = await fetch(`${base}/api/stacks/stk-demo/prometheus/api/v1/query?query=1`, { headers: auth });
    expect(query.status).toBe(200);
  });
});

