/**
 * The SQL behind each named operation of the demo shop, and the schema a stack's replicas share.
 * Pure functions (no connection), so the mapping is tested without a server.
 */

/** Rows seeded into `products`: enough that a lookup without its index is a visibly slow sequential scan. */
export const SEEDED_PRODUCTS = 200_000;
/** The index the catalog's lookups use; the `index-drop` fault drops it ("slow query after migration"). */
export const LOOKUP_INDEX = 'products_sku_idx';

export interface Statement {
  text: string;
  values: unknown[];
}

/** The product's SKU, the column the catalog looks products up by (ids are only the cache keys). */
export const skuOf = (id: number): string => `SKU-${String(id).padStart(7, '0')}`;

/** A schema name quoted as an identifier; config.ts already accepts only `[a-z_][a-z0-9_]*`. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The statement one operation runs; unknown operations are refused rather than guessed. */
export function statementFor(schema: string, operation: string, args: Record<string, unknown> = {}): Statement {
  const s = quoteIdent(schema);
  switch (operation) {
    case 'get_product':
      return { text: `SELECT id, name, price_cents FROM ${s}.products WHERE sku = $1`, values: [skuOf(Number(args.id ?? 1))] };
    case 'list_products': {
      const ids = Array.isArray(args.ids) ? (args.ids as number[]) : [];
      return { text: `SELECT id, name, price_cents FROM ${s}.products WHERE sku = ANY($1::text[]) ORDER BY id`, values: [ids.map(skuOf)] };
    }
    case 'insert_charge':
      return {
        text: `INSERT INTO ${s}.charges (id, order_id, amount_cents) VALUES ($1, $2, $3)`,
        values: [String(args.chargeId ?? ''), String(args.orderId ?? ''), Number(args.amountCents ?? 0)],
      };
    case 'report_scan':
      // A report with no index to help it: a full scan of the products table.
      return { text: `SELECT count(*)::int AS n, sum(price_cents)::bigint AS total FROM ${s}.products`, values: [] };
    default:
      throw new Error(`no SQL for database operation "${operation}"`);
  }
}

/** A server-side delay on the query's own connection: it holds the connection and shows in pg_stat_activity. */
export function sleepStatement(ms: number): Statement {
  return { text: 'SELECT pg_sleep($1)', values: [Math.max(0, ms) / 1000] };
}

/**
 * Creates the schema and seeds it, once: the index is created with the table's rows only, so a
 * replica restarting while `index-drop` is active does not silently repair the fault.
 */
export function seedStatements(schema: string, products = SEEDED_PRODUCTS): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.charges (id text PRIMARY KEY, order_id text NOT NULL, amount_cents integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    // No primary key on id: the catalog finds products by sku, through LOOKUP_INDEX or by scanning.
    `CREATE TABLE ${s}.products (id integer NOT NULL, sku text NOT NULL, name text NOT NULL, price_cents integer NOT NULL, description text NOT NULL)`,
    `INSERT INTO ${s}.products (id, sku, name, price_cents, description)
       SELECT i, 'SKU-' || lpad(i::text, 7, '0'), 'Product ' || i, 500 + ((i * 7919) % 9500), repeat(md5(i::text), 3)
       FROM generate_series(1, ${Math.trunc(products)}) AS i`,
    createIndexStatement(schema),
    `ANALYZE ${s}.products`,
  ];
}

/** Idempotent: the revert of `index-drop` and the `restore-index` action. */
export function createIndexStatement(schema: string): string {
  return `CREATE INDEX IF NOT EXISTS ${LOOKUP_INDEX} ON ${quoteIdent(schema)}.products (sku)`;
}

/** Idempotent: the `index-drop` fault. */
export function dropIndexStatement(schema: string): string {
  return `DROP INDEX IF EXISTS ${quoteIdent(schema)}.${LOOKUP_INDEX}`;
}

export function dropSchemaStatement(schema: string): string {
  return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`;
}

/** Cancels this replica's queries that have run longer than $2 ms (never the asking session itself). */
export const CANCEL_LONG_QUERIES = `SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS cancelled
  FROM pg_stat_activity
  WHERE application_name = $1 AND state = 'active' AND pid <> pg_backend_pid()
    AND query_start < clock_timestamp() - make_interval(secs => $2::float8 / 1000)`;

/** application_name of one replica's pool connections (at most 63 bytes, as PostgreSQL keeps). */
export function applicationName(stackId: string, replica: string): string {
  return `firedrill:${stackId}:${replica}`.slice(0, 63);
}
