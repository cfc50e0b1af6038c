import { describe, expect, it } from 'vitest';
import { CATALOG_QUERIES } from '../services/catalog.js';
import { PAYMENTS_QUERIES } from '../services/payments.js';
import {
  applicationName,
  createIndexStatement,
  dropIndexStatement,
  LOOKUP_INDEX,
  quoteIdent,
  seedStatements,
  skuOf,
  sleepStatement,
  statementFor,
} from './postgres-queries.js';

describe('postgres query mapping', () => {
  it('has a statement for every operation the services run, in the stack schema', () => {
    for (const operation of [...Object.keys(CATALOG_QUERIES), ...Object.keys(PAYMENTS_QUERIES)]) {
      expect(statementFor('stk_1', operation).text).toContain('"stk_1".');
    }
    expect(() => statementFor('stk_1', 'drop_everything')).toThrow(/no SQL for database operation "drop_everything"/);
  });

  it('looks products up by sku (the indexed column) with bound values', () => {
    expect(statementFor('s', 'get_product', { id: 42 })).toEqual({
      text: 'SELECT id, name, price_cents FROM "s".products WHERE sku = $1',
      values: ['SKU-0000042'],
    });
    expect(statementFor('s', 'list_products', { ids: [1, 2] }).values).toEqual([['SKU-0000001', 'SKU-0000002']]);
    expect(statementFor('s', 'insert_charge', { chargeId: 'c1', orderId: 'o1', amountCents: 990 }).values).toEqual(['c1', 'o1', 990]);
    expect(skuOf(1234567)).toBe('SKU-1234567');
  });

  it('refuses schema names that are not plain identifiers', () => {
    expect(quoteIdent('stk_0a1b')).toBe('"stk_0a1b"');
    expect(() => quoteIdent('x"; DROP SCHEMA public; --')).toThrow(/not a plain SQL identifier/);
    expect(() => statementFor('Bad-Name', 'get_product')).toThrow();
  });

  it('seeds server-side with generate_series and creates the lookup index with the rows', () => {
    const seed = seedStatements('s', 1000);
    expect(seed.join('\n')).toMatch(/generate_series\(1, 1000\)/);
    expect(seed).toContain(createIndexStatement('s'));
    expect(createIndexStatement('s')).toBe(`CREATE INDEX IF NOT EXISTS ${LOOKUP_INDEX} ON "s".products (sku)`);
    expect(dropIndexStatement('s')).toBe(`DROP INDEX IF EXISTS "s".${LOOKUP_INDEX}`);
  });

  it('sleeps on the server in seconds and names connections per replica', () => {
    expect(sleepStatement(1500)).toEqual({ text: 'SELECT pg_sleep($1)', values: [1.5] });
    expect(applicationName('stk-1', 'catalog-0')).toBe('firedrill:stk-1:catalog-0');
    expect(applicationName('x'.repeat(80), 'r').length).toBe(63);
  });
});
