import { useEffect, useState, type FormEvent } from 'react';
import { currentSession, isFacilitator } from '../api/index.js';
import { navigate, RouteParamsContext, useLocation } from '../router/index.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Empty } from './feedback.js';
import { Nav } from './Nav.js';
import { homePath, resolveRoute } from './routes.js';

/** The shell: nav, then the page of the current hash route inside its own error boundary. */
export function App() {
  const [session, setSession] = useState(currentSession);
  const location = useLocation();
  const facilitator = isFacilitator(session);
  const resolved = resolveRoute(location.path);
  // Participants only open their own drill's pages; the facilitator's pages send them home.
  const redirect = location.path === '/' || (resolved?.route.facilitatorOnly && !facilitator) ? homePath(session.drillId) : null;

  useEffect(() => {
    if (redirect && session.token) navigate(redirect, {}, { replace: true });
  }, [redirect, session.token]);

  useEffect(() => {
    document.title = resolved ? `${resolved.route.title} · Firedrill` : 'Firedrill';
  }, [resolved?.route.title]);

  if (!session.token) return <SignIn onSignedIn={() => setSession(currentSession())} />;

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <Nav facilitator={facilitator} drillId={session.drillId} />
      <main id="main" tabIndex={-1} className="main">
        <ErrorBoundary resetKey={location.path}>
          {redirect ? null : resolved ? (
            <RouteParamsContext.Provider value={resolved.params}>
              <resolved.route.component />
            </RouteParamsContext.Provider>
          ) : (
            <Empty title={`No page at ${location.path}`}>
              <a href={`#${homePath(session.drillId)}`}>Go to the start page</a>
            </Empty>
          )}
        </ErrorBoundary>
      </main>
    </>
  );
}

/** Without a token nothing works: say where links come from, and accept a pasted token. */
function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return;
    sessionStorage.setItem('firedrill-token', token.trim());
    sessionStorage.removeItem('firedrill-drill');
    onSignedIn();
  };
  return (
    <main className="main narrow">
      <h1>Firedrill</h1>
      <p>
        Open the link you were given: <code>npm start</code> prints the facilitator's, and a drill's join links come from its
        facilitator. Each link carries its token.
      </p>
      <form className="form" onSubmit={submit}>
        <label htmlFor="token">Or paste the facilitator token</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
        <button type="submit" className="button primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
