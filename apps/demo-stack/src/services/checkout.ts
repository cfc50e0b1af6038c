import { randomUUID } from 'node:crypto';
import { PRODUCT_COUNT } from '@firedrill/scenarios';
import { HttpError } from '../http/http-error.js';
import type { RouteHandler } from '../http/router.js';
import type { UpstreamClient } from '../http/upstream.js';
import { productRecord } from './catalog.js';

interface CheckoutItem {
  productId: number;
  quantity: number;
}

function parseItems(body: unknown): CheckoutItem[] {
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 50) {
    throw new HttpError(400, 'items must be a list of 1 to 50 {productId, quantity}');
  }
  return items.map((item, index) => {
    const { productId, quantity } = (item ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(productId) || (productId as number) < 1 || (productId as number) > PRODUCT_COUNT) {
      throw new HttpError(400, `items[${index}].productId must be an integer from 1 to ${PRODUCT_COUNT}`);
    }
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 100) {
      throw new HttpError(400, `items[${index}].quantity must be an integer from 1 to 100`);
    }
    return { productId: productId as number, quantity: quantity as number };
  });
}

export function checkoutHandlers(payments: UpstreamClient): RouteHandler[] {
  return [
    {
      method: 'POST',
      route: '/checkout',
      handle: async ({ json }) => {
        const items = parseItems(await json());
        const amountCents = items.reduce((sum, item) => sum + productRecord(item.productId).priceCents * item.quantity, 0);
        const orderId = randomUUID();
        const charge = await payments.call('POST', '/charge', { orderId, amountCents });
        if (charge.status >= 500) throw new HttpError(502, `payment failed: payments answered ${charge.status}`);
        if (charge.status >= 400) throw new HttpError(422, `payment declined (${charge.status})`);
        return { status: 201, body: { orderId, amountCents, charge: charge.body } };
      },
    },
  ];
}
