import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown.js';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists and rules', () => {
    const blocks = parseMarkdown('# Title\n\nSome text\non two lines.\n\n- one\n- two\n\n1. first\n2. second\n\n---');
    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'rule']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'Some text on two lines.' }] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('reads the postmortem tables, with escaped pipes inside cells', () => {
    const [table] = parseMarkdown('| Time | Event |\n| --- | --- |\n| +0s | a \\| b |\n| +1m | **T1** fired |');
    expect(table).toMatchObject({ kind: 'table', rows: [[[{ text: '+0s' }], [{ text: 'a | b' }]], expect.anything()] });
  });

  it('keeps fenced code verbatim', () => {
    expect(parseMarkdown('```yaml\nid: *x*\n```')).toEqual([{ kind: 'code', language: 'yaml', text: 'id: *x*' }]);
  });

  it('never turns HTML into markup: it stays text', () => {
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script>' }] }]);
  });
});

describe('parseInline', () => {
  it('reads code, bold, italic and links', () => {
    expect(parseInline('a `x` **b** *c* [d](https://e.org)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://e.org', children: [{ kind: 'text', text: 'd' }] },
    ]);
  });

  it('drops links with unsafe schemes, keeping their text', () => {
    expect(parseInline('[x](javascript:alert(1))')).not.toContainEqual(expect.objectContaining({ kind: 'link' }));
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('#/drills/1')).toBe('#/drills/1');
  });

  it('leaves snake_case words alone', () => {
    expect(parseInline('db_pool_connections and db_query_duration_seconds')).toEqual([{ kind: 'text', text: 'db_pool_connections and db_query_duration_seconds' }]);
  });
});
