import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultLedger } from './fault-ledger.js';

const agent = { url: 'http://127.0.0.1:1', token: 't'.repeat(16) };

describe('FaultLedger', () => {
  const ledgerPath = (): string => join(mkdtempSync(join(tmpdir(), 'ledger-')), 'faults.jsonl');

  it('reports applied faults that were never reverted, across instances', () => {
    const path = ledgerPath();
    const writer = new FaultLedger(path);
    writer.append({ type: 'applied', faultId: 'a', stackId: 's', kind: 'latency', agents: [agent], at: 1 });
    writer.append({ type: 'applied', faultId: 'b', stackId: 's', kind: 'error', agents: [agent], at: 2 });
    writer.append({ type: 'reverted', faultId: 'a', reason: 'test', at: 3 });
    writer.close();
    expect(new FaultLedger(path).openFaults().map((fault) => fault.faultId)).toEqual(['b']);
  });

  it('merges agents added after the fault was applied (a restarted replica)', () => {
    const ledger = new FaultLedger(ledgerPath());
    ledger.append({ type: 'applied', faultId: 'a', stackId: 's', kind: 'latency', agents: [agent], at: 1 });
    ledger.append({ type: 'agents', faultId: 'a', agents: [agent, { url: 'http://127.0.0.1:2', token: agent.token }], at: 2 });
    expect(ledger.openFaults()[0]!.agents.map((a) => a.url)).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
  });

  it('ignores a torn last line left by a crash mid-write', () => {
    const path = ledgerPath();
    const ledger = new FaultLedger(path);
    ledger.append({ type: 'applied', faultId: 'a', stackId: 's', kind: 'latency', agents: [agent], at: 1 });
    ledger.close();
    appendFileSync(path, '{"type":"reverted","faultId":"a"');
    expect(new FaultLedger(path).openFaults().map((fault) => fault.faultId)).toEqual(['a']);
  });

  it('compacts to the open faults only', () => {
    const path = ledgerPath();
    const ledger = new FaultLedger(path);
    ledger.append({ type: 'applied', faultId: 'a', stackId: 's', kind: 'latency', agents: [agent], at: 1 });
    ledger.append({ type: 'reverted', faultId: 'a', reason: 'done', at: 2 });
    ledger.append({ type: 'applied', faultId: 'b', stackId: 's', kind: 'latency', agents: [agent], at: 3 });
    ledger.compact();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(ledger.openFaults().map((fault) => fault.faultId)).toEqual(['b']);
  });
});
