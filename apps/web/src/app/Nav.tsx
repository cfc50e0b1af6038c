import { Link, useLocation } from '../router/index.js';
import { useRealtimeConnected } from '../api/index.js';

interface NavItem {
  to: string;
  label: string;
  /** Also current on these path prefixes (a drill page under the drill list). */
  prefixes?: string[];
}

/** What each credential can open: the facilitator everything, a participant their drill and the catalogue. */
export function navItems(facilitator: boolean, drillId: string | null): NavItem[] {
  if (facilitator) {
    return [
      { to: '/facilitator', label: 'Drills', prefixes: ['/facilitator/', '/drills/'] },
      { to: '/gamedays', label: 'Game days', prefixes: ['/gamedays/'] },
      { to: '/catalogue', label: 'Catalogue' },
      { to: '/scoreboard', label: 'Scoreboard' },
      { to: '/stacks', label: 'Stacks' },
    ];
  }
  const drill = `/drills/${encodeURIComponent(drillId ?? '')}`;
  return [
    { to: drill, label: 'My drill' },
    { to: `${drill}/report`, label: 'Report' },
    { to: '/catalogue', label: 'Catalogue' },
  ];
}

export function Nav({ facilitator, drillId }: { facilitator: boolean; drillId: string | null }) {
  const { path } = useLocation();
  const live = useRealtimeConnected();
  const items = navItems(facilitator, drillId);
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <svg className="brand-mark" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">
          <path fill="currentColor" d="M8 0c1 3 5 5 5 9a5 5 0 0 1-10 0c0-2 1-3 2-4 0 2 1 3 2 3 0-3-1-5 1-8z" />
        </svg>
        Firedrill
      </a>
      <nav aria-label="Main">
        <ul>
          {items.map((item) => {
            const current = path === item.to || (item.prefixes ?? []).some((prefix) => path.startsWith(prefix));
            return (
              <li key={item.to}>
                <Link to={item.to} aria-current={current ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <span className={`live ${live ? 'on' : ''}`} title={live ? 'Live updates connected' : 'Live updates not connected'}>
        <span className="dot" aria-hidden="true" />
        {facilitator ? 'facilitator' : 'participant'}
      </span>
    </header>
  );
}
