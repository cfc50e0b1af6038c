/**
 * The hash router's pure parts: the UI's location lives in the hash (`#/scoreboard?scenario=x`)
 * so the API can serve one index.html at `/` and every filter survives a reload or a shared link.
 */
export type Query = Record<string, string>;

export interface Location {
  path: string;
  query: Query;
}

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', search = ''] = splitOnce(raw, '?');
  const path = `/${pathPart.replace(/^\/+/, '')}`.replace(/(.)\/+$/, '$1');
  const query: Query = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { path, query };
}

/** `#/path?a=1`; empty and undefined values are left out so URLs stay short. */
export function buildHash(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return `#${path.startsWith('/') ? path : `/${path}`}${text ? `?${text}` : ''}`;
}

/** Params of `pattern` (`/drills/:id/report`) in `path`, or null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = safeDecode(have[i]!);
    else if (segment !== have[i]) return null;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
