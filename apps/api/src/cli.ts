#!/usr/bin/env node
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { componentsFromEnv, DEFAULT_OPTIONS, kubernetesFromEnv, type AppOptions } from './config/app-options.js';
import { replicaNetworkFromEnv } from './stacks/embedded/replica-network.js';

const USAGE = `usage: firedrill <command> [options]

commands:
  start [--host 127.0.0.1] [--port 4400] [--data DIR] [--no-stack]
        [--stack-id stk-NAME] [--stack-profile JSON]
                                                         run the API, the web UI and a demo stack
                                                         (--no-stack: start without one; --stack-id and
                                                         --stack-profile fix the demo stack's id and
                                                         profile, as POST /api/stacks takes it)
  promql test [--show-skips] FILE...                     run PromQL test files (Prometheus's promqltest format)
  rules test FILE...                                     run rule unit tests (promtool test rules format)
  rules check FILE...                                    validate rule files, every problem with line and column
  rules export [FILE...] [--defaults] [--slo SPEC.yml] [--time-scale N]
                                                         print rule groups (incl. generated SLO rules)
                                                         as one Prometheus-loadable rule file
  scenarios list [--dir DIR]                             list the scenario catalogue (id, version, severity, difficulty, title)
  scenarios validate PATH...                             validate scenario files or directories with their runbooks,
                                                         every problem with file:line:col and field (exit 2 if invalid)
  gate SCENARIO... [--speed N] [--junit FILE] [--json FILE] [--markdown FILE] [--target embedded|URL]
                                                         run scenarios unattended and check their expectations
                                                         (CI chaos gate; exit 0 pass, 1 fail, 2 invalid input)
  help                                                   show this help

environment:
  FIREDRILL_ADMIN_TOKEN   the facilitator token (default: generated on first run, kept in DIR/admin-token)
  FIREDRILL_REDIS_URL, FIREDRILL_POSTGRES_URL
                          real Redis / PostgreSQL for stacks whose profile asks for them (one stack at a time)
  FIREDRILL_PROMETHEUS_URL, FIREDRILL_ALERTMANAGER_URL
                          the real Prometheus and Alertmanager for stacks with alertSource: prometheus
  FIREDRILL_REPLICA_HOST, FIREDRILL_REPLICA_ADVERTISED_HOST
                          where demo-stack replicas listen (default 127.0.0.1) and the host other
                          machines reach them at (Prometheus service discovery; e.g. in docker-compose)
  FIREDRILL_K8S_NAMESPACES
                          namespaces where Kubernetes stacks may attach (required for target kubernetes)
  FIREDRILL_K8S_AGENT_TOKEN
                          the chaos-agent token of the demo stack deployed from deploy/k8s
  KUBECONFIG              kubeconfig file (default: in-cluster config in a pod, else ~/.kube/config)
  FIREDRILL_TOKEN         the facilitator token of the API that gate --target URL uses
`;

class UsageError extends Error {}

interface StartOptions extends AppOptions {
  /** Start one demo stack at once, so a drill can begin straight away. */
  demoStack: boolean;
  /** A fixed id and profile for the demo stack (docker-compose points Grafana and Alertmanager at it). */
  demoStackId?: string;
  demoStackProfile: Record<string, unknown>;
}

function parseStartOptions(args: string[]): StartOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        'no-stack': { type: 'boolean' },
        'stack-id': { type: 'string' },
        'stack-profile': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { host, port, data, 'no-stack': noStack, 'stack-id': stackId, 'stack-profile': stackProfile } = parsed.values;
  const portNumber = port === undefined ? DEFAULT_OPTIONS.port : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535, got "${port}"`);
  }
  if (host !== undefined && host.trim() === '') throw new UsageError('--host must not be empty');
  // The id becomes a Redis key prefix and (with _) a PostgreSQL schema name, so it stays plain.
  if (stackId !== undefined && !/^stk-[a-z0-9][a-z0-9-]{0,39}$/.test(stackId)) {
    throw new UsageError(`--stack-id must look like stk-demo (lowercase letters, digits and -), got "${stackId}"`);
  }
  let profile: Record<string, unknown> = { loadRps: 10 };
  if (stackProfile !== undefined) {
    try {
      profile = { ...profile, ...(JSON.parse(stackProfile) as Record<string, unknown>) };
    } catch {
      throw new UsageError('--stack-profile must be a JSON object, e.g. {"alertSource":"prometheus"}');
    }
  }
  let replicaNetwork;
  try {
    replicaNetwork = replicaNetworkFromEnv(process.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    ...DEFAULT_OPTIONS,
    host: host ?? DEFAULT_OPTIONS.host,
    port: portNumber,
    dataDir: resolve(data ?? DEFAULT_OPTIONS.dataDir),
    adminToken: process.env.FIREDRILL_ADMIN_TOKEN || undefined,
    components: componentsFromEnv(process.env),
    kubernetes: kubernetesFromEnv(process.env),
    replicaNetwork,
    webDist: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    demoStack: !noStack,
    demoStackId: stackId,
    demoStackProfile: profile,
  };
}

async function start(options: StartOptions): Promise<void> {
  const { createApp } = await import('./bootstrap.js');
  const app = await createApp(options);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal}: reverting faults and stopping stacks…\n`);
    // app.close() runs the shutdown hooks: every stack's faults are reverted and its processes stopped.
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`firedrill: shutdown failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const base = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const { TokenService } = await import('./auth/token.service.js');
  const token = app.get(TokenService).adminToken;
  let stackLine = '';
  if (options.demoStack) {
    const { StacksService } = await import('./stacks/stacks.service.js');
    const stack = await app.get(StacksService).create(options.demoStackProfile, options.demoStackId);
    stackLine = `  stack:    ${stack.id} (demo shop at ${stack.gatewayUrl}, ${stack.load.targetRps} req/s of load)\n`;
  }
  process.stdout.write(
    `\nFiredrill is running.\n  web UI:   ${base}/#token=${token}\n  API docs: ${base}/api/docs\n  token:    Authorization: Bearer ${token}\n  data:     ${options.dataDir}\n${stackLine}\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await start(parseStartOptions(rest));
      return 0;
    case 'promql': {
      const [subcommand, ...files] = rest;
      if (subcommand !== 'test') throw new UsageError(`unknown promql subcommand "${subcommand ?? ''}" (expected: test)`);
      const { promqlTestCommand } = await import('./cli/promql-test-command.js');
      return promqlTestCommand(files, process.stdout);
    }
    case 'rules': {
      const { rulesCommand } = await import('./cli/rules-command.js');
      return rulesCommand(rest, process.stdout);
    }
    case 'scenarios': {
      const { scenariosCommand } = await import('./cli/scenarios-command.js');
      return scenariosCommand(rest, process.stdout);
    }
    case 'gate': {
      const { gateCommand } = await import('./cli/gate-command.js');
      // Ctrl-C aborts the running drill and cleans up; a second one leaves at once.
      const interrupt = new AbortController();
      const onSignal = (): void => {
        if (interrupt.signal.aborted) process.exit(130);
        process.stderr.write('\nfiredrill gate: interrupted; aborting the drill and cleaning up (Ctrl-C again to leave at once)…\n');
        interrupt.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        return await gateCommand(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: interrupt.signal });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  }
}

main(process.argv.slice(2))
  .then((code) => {
    if (code !== 0) process.exit(code);
  })
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`firedrill: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`firedrill: ${(error as Error).message}\n`);
    process.exit(1);
  });
