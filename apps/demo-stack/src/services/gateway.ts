import type { RouteHandler } from '../http/router.js';
import type { UpstreamClient } from '../http/upstream.js';

/** Edge routes: each forwards to a downstream service and passes its status through. */
export function gatewayHandlers(catalog: UpstreamClient, checkout: UpstreamClient): RouteHandler[] {
  const passThrough = (headers: Record<string, string>): Record<string, string> =>
    headers['x-cache'] ? { 'x-cache': headers['x-cache'] } : {};
  return [
    {
      method: 'GET',
      route: '/api/products',
      handle: async () => {
        const upstream = await catalog.call('GET', '/products');
        return { status: upstream.status, body: upstream.body, headers: passThrough(upstream.headers) };
      },
    },
    {
      method: 'GET',
      route: '/api/products/:id',
      handle: async ({ params }) => {
        const upstream = await catalog.call('GET', `/products/${encodeURIComponent(params.id!)}`);
        return { status: upstream.status, body: upstream.body, headers: passThrough(upstream.headers) };
      },
    },
    {
      method: 'POST',
      route: '/api/checkout',
      handle: async ({ json }) => {
        const upstream = await checkout.call('POST', '/checkout', await json());
        return { status: upstream.status, body: upstream.body };
      },
    },
  ];
}
