import { request } from 'undici';

export interface MetricsResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** Fetches one `/metrics` page; rejects on network errors and on the timeout (wall ms). */
export type FetchMetrics = (url: string, options: { timeoutMs: number }) => Promise<MetricsResponse>;

/** Prometheus's own Accept header: OpenMetrics preferred, the classic text format accepted. */
export const SCRAPE_ACCEPT =
  'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1';

/** A body larger than this fails the scrape (Prometheus's `body_size_limit`). */
export const MAX_SCRAPE_BODY_BYTES = 16 * 1024 * 1024;

export const fetchMetricsWithUndici: FetchMetrics = async (url, { timeoutMs }) => {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(url, { method: 'GET', headers: { accept: SCRAPE_ACCEPT }, signal });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_SCRAPE_BODY_BYTES) {
        response.body.destroy();
        throw new Error(`body size limit exceeded (${MAX_SCRAPE_BODY_BYTES} bytes)`);
      }
      chunks.push(chunk as Buffer);
    }
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      body: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    if (signal.aborted) throw new Error(`scrape timed out after ${timeoutMs} ms`);
    throw error;
  }
};
