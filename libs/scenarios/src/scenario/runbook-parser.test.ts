import { describe, expect, it } from 'vitest';
import { parseRunbook, stripStepBlocks } from './runbook-parser.js';

const RUNBOOK = [
  '~~~text',
  '# not the title: inside a code block',
  '~~~',
  '',
  '# Cache stampede #',
  '',
  'Read the hit ratio first.',
  '',
  '````firedrill-step',
  'id: hit-ratio',
  'title: Check the hit ratio',
  'within: 10m',
  'evidence:',
  '  query: { metrics: [cache_requests_total] }',
  '````',
  '',
  'Then act.',
  '',
].join('\n');

describe('parseRunbook', () => {
  it('takes the first heading outside code as the title and each fenced step block as a step', () => {
    const { runbook, blocks, problems } = parseRunbook(RUNBOOK, 'runbooks/cache.md', 'runbooks/cache.md');
    expect(problems).toEqual([]);
    expect(runbook.title).toBe('Cache stampede');
    expect(runbook.markdown).toBe(RUNBOOK);
    expect(runbook.steps).toEqual([
      { id: 'hit-ratio', title: 'Check the hit ratio', within: '10m', evidence: { query: { metrics: ['cache_requests_total'] } } },
    ]);
    expect(blocks[0]!.fenceLine).toBe(9);
  });

  it('reports YAML syntax errors inside a block at the Markdown line', () => {
    const text = '# T\n\n```firedrill-step\nid: a\ntitle: [unclosed\n```\n';
    const { problems } = parseRunbook(text, 'r.md', 'r.md');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: 'r.md', path: 'steps[0]' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(5);
  });
});

describe('stripStepBlocks', () => {
  it('removes the step blocks and keeps the rest of the Markdown', () => {
    expect(stripStepBlocks(RUNBOOK)).toBe(['~~~text', '# not the title: inside a code block', '~~~', '', '# Cache stampede #', '', 'Read the hit ratio first.', '', 'Then act.', ''].join('\n'));
  });
});
