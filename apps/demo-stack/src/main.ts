#!/usr/bin/env node
import { ConfigError, configFromEnv } from './config.js';
import { startReplica } from './replica.js';
import { Logger } from './telemetry/logger.js';
import { Tracer } from './telemetry/tracing.js';

/**
 * Entry point of one demo-shop replica, started by a stack supervisor (or by hand). The
 * configuration comes from the environment; see config.ts for the variables.
 */
async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const logger = new Logger(config.service.name, config.replica, new Tracer());
  if (config.supervised) {
    // The supervisor holds our stdin; when it dies (even by SIGKILL) the pipe closes and so do we.
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
  }
  if (config.crashUntil !== undefined && Date.now() < config.crashUntil) {
    logger.info('starting', { version: 'release-2' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    logger.error('fatal: start-up self-check failed, exiting', { error: 'Error: invalid release configuration' });
    process.exit(1);
  }
  const replica = await startReplica(config);
  const shutdown = (signal: string): void => {
    logger.info('shutting down', { signal });
    void replica.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`demo-stack replica failed to start: ${message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
