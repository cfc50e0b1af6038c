import { randomUUID } from 'node:crypto';
import type { Database } from '../deps/database.js';
import { HttpError } from '../http/http-error.js';
import type { RouteHandler } from '../http/router.js';

export const PAYMENTS_QUERIES = { insert_charge: 10, report_scan: 1 };

export function paymentsHandlers(database: Database): RouteHandler[] {
  return [
    {
      method: 'POST',
      route: '/charge',
      handle: async ({ json }) => {
        const body = (await json()) as { orderId?: unknown; amountCents?: unknown } | undefined;
        if (typeof body?.orderId !== 'string' || !Number.isInteger(body.amountCents) || (body.amountCents as number) <= 0) {
          throw new HttpError(400, 'a charge needs orderId (string) and amountCents (positive integer)');
        }
        const charge = { chargeId: randomUUID(), orderId: body.orderId, amountCents: body.amountCents as number };
        await database.query('insert_charge', { args: charge });
        return { status: 201, body: charge };
      },
    },
  ];
}
