import { HOT_PRODUCTS, PRODUCT_COUNT } from '@firedrill/scenarios';
import type { Database, Row } from '../deps/database.js';
import type { ReadThroughCache } from '../deps/read-through-cache.js';
import { HttpError } from '../http/http-error.js';
import type { RouteHandler } from '../http/router.js';

export const CATALOG_QUERIES = { list_products: 12, get_product: 8, report_scan: 1 };

export const productKey = (id: number): string => `product:${id}`;
export const LIST_KEY = 'products:list';
export const CATALOG_HOT_KEYS = [LIST_KEY, ...Array.from({ length: HOT_PRODUCTS }, (_, i) => productKey(i + 1))];

export function productRecord(id: number): { id: number; name: string; priceCents: number } {
  return { id, name: `Product ${id}`, priceCents: 500 + ((id * 7919) % 9500) };
}

/** Loads a cache key from the database: the work a cache miss costs. */
export function catalogLoader(database: Database): (key: string) => Promise<string> {
  return async (key) => {
    if (key === LIST_KEY) {
      const ids = Array.from({ length: HOT_PRODUCTS }, (_, i) => i + 1);
      const rows = await database.query('list_products', { args: { ids } });
      // A real database answers the rows (seeded with the same values); the simulation answers none.
      return JSON.stringify(rows.length > 0 ? rows.map(fromRow) : ids.map(productRecord));
    }
    const id = Number(key.slice('product:'.length));
    const [row] = await database.query('get_product', { args: { id } });
    return JSON.stringify(row ? fromRow(row) : productRecord(id));
  };
}

function fromRow(row: Row): { id: number; name: string; priceCents: number } {
  return { id: Number(row.id), name: String(row.name), priceCents: Number(row.price_cents) };
}

export function catalogHandlers(cache: ReadThroughCache): RouteHandler[] {
  return [
    {
      method: 'GET',
      route: '/products',
      handle: async () => {
        const { value, hit } = await cache.getOrLoad(LIST_KEY);
        return { status: 200, body: { products: JSON.parse(value) }, headers: { 'x-cache': hit ? 'hit' : 'miss' } };
      },
    },
    {
      method: 'GET',
      route: '/products/:id',
      handle: async ({ params }) => {
        const id = Number(params.id);
        if (!Number.isInteger(id) || id < 1 || id > PRODUCT_COUNT) throw new HttpError(404, `no product ${params.id}`);
        const { value, hit } = await cache.getOrLoad(productKey(id));
        return { status: 200, body: JSON.parse(value), headers: { 'x-cache': hit ? 'hit' : 'miss' } };
      },
    },
  ];
}
