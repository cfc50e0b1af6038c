/**
 * Who is using the UI. The token arrives once in the URL hash (`#token=…`, join links add
 * `&drill=<id>`) and is kept in sessionStorage, so it never stays in the address bar or history,
 * and closing the tab forgets it.
 */
const TOKEN_KEY = 'firedrill-token';
const DRILL_KEY = 'firedrill-drill';

export interface Session {
  token: string | null;
  /** Set for a join-link participant: the one drill this credential opens. */
  drillId: string | null;
}

/** Reads `token` and `drill` from a hash such as `#token=abc&drill=d-1`; null when it carries none. */
export function credentialsFromHash(hash: string): Session | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  return { token, drillId: params.get('drill') };
}

/** Where a freshly opened link lands: a participant in their drill, the facilitator on the home page. */
export function landingHash(session: Session): string {
  return session.drillId ? `#/drills/${encodeURIComponent(session.drillId)}` : '#/';
}

/**
 * Called once before the app renders: stores credentials from the hash and replaces the hash with
 * the landing route (so the token is not left in the URL).
 */
export function captureCredentials(storage: Storage = sessionStorage, location: Location = window.location): void {
  const found = credentialsFromHash(location.hash);
  if (!found) return;
  storage.setItem(TOKEN_KEY, found.token!);
  if (found.drillId) storage.setItem(DRILL_KEY, found.drillId);
  else storage.removeItem(DRILL_KEY);
  history.replaceState(null, '', `${location.pathname}${location.search}${landingHash(found)}`);
}

export function currentSession(storage: Storage = sessionStorage): Session {
  return { token: storage.getItem(TOKEN_KEY), drillId: storage.getItem(DRILL_KEY) };
}

/** The admin token opens every drill; a join-link token opens one. */
export function isFacilitator(session: Session = currentSession()): boolean {
  return session.token !== null && session.drillId === null;
}
