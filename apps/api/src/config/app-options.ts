import { resolve } from 'node:path';

export interface AppOptions {
  host: string;
  port: number;
  /** Where the fault ledger and credentials live. */
  dataDir: string;
  /** The facilitator credential; generated and stored in dataDir on first run when absent. */
  adminToken?: string;
  /** Built web UI to serve at /, when present. */
  webDist?: string;
  /** At most this many stacks at once: each one is six processes. */
  maxStacks: number;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');

export const DEFAULT_OPTIONS: AppOptions = {
  host: '127.0.0.1',
  port: 4400,
  dataDir: resolve('.firedrill'),
  maxStacks: 8,
};
