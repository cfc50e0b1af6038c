/**
 * The demo shop that drills run against. Scenarios, fault validation and the stack supervisor all
 * read this one description, so a service, route or dependency named anywhere else must exist here.
 */
export type ServiceName = 'gateway' | 'catalog' | 'checkout' | 'payments';
export type DependencyKind = 'db' | 'cache';

export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  /** Route template as it appears in the `route` label of the HTTP metrics. */
  readonly route: string;
}

export interface ServiceSpec {
  readonly name: ServiceName;
  readonly description: string;
  readonly defaultReplicas: number;
  readonly routes: readonly RouteSpec[];
  /** Services this one calls over HTTP, load-balanced over their replicas. */
  readonly downstream: readonly ServiceName[];
  readonly database: boolean;
  readonly cache: boolean;
}

export const DEMO_SHOP: readonly ServiceSpec[] = [
  {
    name: 'gateway',
    description: 'edge proxy; routes shop traffic to catalog and checkout',
    defaultReplicas: 1,
    routes: [
      { method: 'GET', route: '/api/products' },
      { method: 'GET', route: '/api/products/:id' },
      { method: 'POST', route: '/api/checkout' },
    ],
    downstream: ['catalog', 'checkout'],
    database: false,
    cache: false,
  },
  {
    name: 'catalog',
    description: 'product reads: a read-through cache in front of the catalog database',
    defaultReplicas: 2,
    routes: [
      { method: 'GET', route: '/products' },
      { method: 'GET', route: '/products/:id' },
    ],
    downstream: [],
    database: true,
    cache: true,
  },
  {
    name: 'checkout',
    description: 'places orders; charges through payments',
    defaultReplicas: 1,
    routes: [{ method: 'POST', route: '/checkout' }],
    downstream: ['payments'],
    database: false,
    cache: false,
  },
  {
    name: 'payments',
    description: 'records charges in the payments database',
    defaultReplicas: 2,
    routes: [{ method: 'POST', route: '/charge' }],
    downstream: [],
    database: true,
    cache: false,
  },
];

export const SERVICE_NAMES: readonly ServiceName[] = DEMO_SHOP.map((service) => service.name);

export function findService(name: string): ServiceSpec | undefined {
  return DEMO_SHOP.find((service) => service.name === name);
}

/** The dependencies a latency fault may slow down for this service. */
export function dependenciesOf(service: ServiceSpec): string[] {
  return [...(service.database ? ['db'] : []), ...(service.cache ? ['cache'] : []), ...service.downstream];
}

/** Product ids 1..HOT_PRODUCTS get most of the traffic; their cache keys are the "hot keys". */
export const PRODUCT_COUNT = 60;
export const HOT_PRODUCTS = 15;
