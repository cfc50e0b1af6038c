import { createContext, useContext, useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';
import { buildHash, matchPath, parseHash, type Location, type Query } from './hash.js';

export interface Route extends Location {
  /** Params of the route pattern that matched (set by the app's route table). */
  params: Record<string, string>;
}

function currentLocation(): Location {
  return parseHash(window.location.hash);
}

/** The current hash location; re-renders on every hash change. */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

/** The params of the route the app's route table matched; provided by the app shell. */
export const RouteParamsContext = createContext<Record<string, string>>({});

/**
 * `{path, params, query}`. `params` are those of the app's matched route, or of the first of
 * `patterns` that matches when a component passes its own (e.g. `useRoute('/drills/:id')`).
 */
export function useRoute(...patterns: string[]): Route {
  const location = useLocation();
  const matched = useContext(RouteParamsContext);
  for (const pattern of patterns) {
    const params = matchPath(pattern, location.path);
    if (params) return { ...location, params };
  }
  return { ...location, params: matched };
}

/** Go to `path` (with `query`); `replace` keeps the history entry (for filter changes while typing). */
export function navigate(path: string, query: Record<string, string | number | undefined | null> = {}, options: { replace?: boolean } = {}): void {
  const hash = buildHash(path, query);
  if (options.replace) {
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** Changes some query params of the current route, keeping the others (`undefined` removes one). */
export function setQuery(changes: Record<string, string | number | undefined | null>, options: { replace?: boolean } = { replace: true }): void {
  const { path, query } = currentLocation();
  navigate(path, { ...query, ...changes }, options);
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  query?: Query;
  children: ReactNode;
}

/** A real link (`href="#/…"`: opens in a new tab, keyboard-focusable); marks the current page. */
export function Link({ to, query, children, ...rest }: LinkProps) {
  const location = useLocation();
  const current = rest['aria-current'] ?? (location.path === to ? 'page' : undefined);
  return (
    <a {...rest} href={buildHash(to, query)} aria-current={current}>
      {children}
    </a>
  );
}
