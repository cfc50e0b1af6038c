import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a fault was applied, so a later process can take it back without any other state. */
export interface LedgerAgent {
  url: string;
  token: string;
}

export type LedgerRecord =
  | { type: 'applied'; faultId: string; stackId: string; kind: string; agents: LedgerAgent[]; at: number }
  | { type: 'agents'; faultId: string; agents: LedgerAgent[]; at: number }
  | { type: 'reverted'; faultId: string; reason: string; at: number };

export interface OpenFault {
  faultId: string;
  stackId: string;
  kind: string;
  agents: LedgerAgent[];
}

/**
 * An append-only, fsynced journal of faults. "applied" is written (and on disk) before the fault
 * is applied; "reverted" after it is taken back. Whatever is applied and not reverted when a
 * process starts is a leftover of a crashed one.
 */
export class FaultLedger {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  /** Faults applied and never reverted, in the order they were applied. */
  openFaults(): OpenFault[] {
    if (!existsSync(this.path)) return [];
    const open = new Map<string, OpenFault>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const record = parseLine(line);
      if (!record) continue;
      if (record.type === 'applied') {
        open.set(record.faultId, { faultId: record.faultId, stackId: record.stackId, kind: record.kind, agents: record.agents });
      } else if (record.type === 'agents') {
        const fault = open.get(record.faultId);
        if (fault) fault.agents = dedupe([...fault.agents, ...record.agents]);
      } else {
        open.delete(record.faultId);
      }
    }
    return [...open.values()];
  }

  append(record: LedgerRecord): void {
    const fd = this.open();
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  }

  /** Rewrites the journal with only the records of still-open faults (atomic rename). */
  compact(): void {
    const open = this.openFaults();
    this.close();
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    const now = Date.now();
    const lines = open.map((fault) => JSON.stringify({ type: 'applied', ...fault, at: now }));
    writeFileSync(temporary, lines.map((line) => `${line}\n`).join(''));
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
    }
    return this.fd;
  }
}

function parseLine(line: string): LedgerRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    return JSON.parse(line) as LedgerRecord;
  } catch {
    // A torn last line from a crash mid-write: the fault it described was never applied.
    return undefined;
  }
}

function dedupe(agents: LedgerAgent[]): LedgerAgent[] {
  return [...new Map(agents.map((agent) => [agent.url, agent])).values()];
}
