import { ErrorParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind, serviceSpec } from '../fault-kind.js';

export const errorFault = agentBackedKind({
  kind: 'error',
  summary: 'Answers a percentage of a service\'s requests (or one route\'s) with an error status.',
  effect: 'http_requests_total{status="<status>"} grows; the 5xx ratio rises to about percent%.',
  paramsSchema: ErrorParamsSchema,
  validate(target, params) {
    const routes = serviceSpec(target).routes.map((route) => route.route);
    if (params.route === undefined || routes.includes(params.route)) return [];
    return [{ field: 'params.route', message: `${target.service} has no route "${params.route}"; it has: ${routes.join(', ')}` }];
  },
  toAgentFault: (_target, params) => ({ kind: 'error', params }),
});
