import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** The request body parsed as JSON (400 when it is not JSON). */
  json(): Promise<unknown>;
}

export interface RouteHandler {
  readonly method: string;
  readonly route: string;
  readonly handle: (context: RequestContext) => Promise<HandlerResult>;
}

export interface RouteMatch {
  readonly handler: RouteHandler;
  readonly params: Record<string, string>;
}

/** Matches a path against route templates such as `/products/:id`. */
export function matchRoute(handlers: readonly RouteHandler[], method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const handler of handlers) {
    if (handler.method !== method) continue;
    const template = handler.route.split('/').filter(Boolean);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = template.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (matched) return { handler, params };
  }
  return undefined;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}
