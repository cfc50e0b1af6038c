import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { parseOtlpTraces, type SpanRecord } from './otlp-json.js';

/** Takes a stack's spans; false when the stack is unknown (the request gets a 404). */
export type SpanSink = (stackId: string, spans: SpanRecord[]) => boolean;

export const MAX_OTLP_BODY_BYTES = 8 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

/**
 * An OTLP/HTTP JSON receiver on a loopback port, shared by all stacks: each stack exports to
 * `${baseUrl}/otlp/<secret>/<stackId>` (the exporter appends `/v1/traces`). It is separate from
 * the API so that the API's authentication and body limits stay as they are; the random path
 * segment keeps other local processes from writing into a stack's traces.
 */
export class OtlpReceiver {
  private readonly secret = randomBytes(16).toString('hex');

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(sink: SpanSink, host = '127.0.0.1'): Promise<OtlpReceiver> {
    let receiver!: OtlpReceiver;
    const server = createServer<typeof IncomingMessage, typeof ServerResponse>((req, res) => void receiver.handle(req, res, sink));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    receiver = new OtlpReceiver(server, `http://${host}:${port}`);
    return receiver;
  }

  /** The OTLP endpoint to give the stack's services at start. */
  endpointFor(stackId: string): string {
    return `${this.baseUrl}/otlp/${this.secret}/${encodeURIComponent(stackId)}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, sink: SpanSink): Promise<void> {
    const match = /^\/otlp\/([0-9a-f]+)\/([^/]+)\/v1\/traces\/?$/.exec((req.url ?? '').split('?')[0]!);
    if (!match || match[1] !== this.secret) return answer(res, 404, { message: 'not found' });
    if (req.method !== 'POST') return answer(res, 405, { message: 'use POST' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return answer(res, 415, { message: 'only OTLP/HTTP JSON (application/json) is accepted' });
    }
    let body: unknown;
    try {
      const raw = await readBody(req);
      const text = (/gzip/i.test(req.headers['content-encoding'] ?? '') ? await gunzipAsync(raw) : raw).toString('utf8');
      body = JSON.parse(text);
    } catch (error) {
      const tooLarge = (error as Error).message === 'too large';
      return answer(res, tooLarge ? 413 : 400, { message: tooLarge ? `body larger than ${MAX_OTLP_BODY_BYTES} bytes` : 'body is not valid JSON' });
    }
    const parsed = parseOtlpTraces(body);
    if (!sink(decodeURIComponent(match[2]!), parsed.spans)) return answer(res, 404, { message: 'unknown stack' });
    answer(res, 200, parsed.rejected === 0 ? {} : { partialSuccess: { rejectedSpans: String(parsed.rejected), errorMessage: parsed.errors.join('; ') } });
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped, so that the 413 reaches the client.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_OTLP_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_OTLP_BODY_BYTES) throw new Error('too large');
  return Buffer.concat(chunks);
}
