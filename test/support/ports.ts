import { freePorts } from '../../apps/api/src/stacks/embedded/ports.js';

/** One free loopback port for a server a test starts (Redis, PostgreSQL, Prometheus, …). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}
