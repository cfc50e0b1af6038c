import { useState } from 'react';
import type { JoinLink } from '../../api/index.js';

const KEY = (drillId: string) => `firedrill-join-links:${drillId}`;

/**
 * The API hands out join links (with their tokens) only when a drill is created, so the
 * facilitator's tab keeps them for this session to show them again on the drill's live view.
 */
export function rememberJoinLinks(drillId: string, links: readonly JoinLink[], storage: Storage = sessionStorage): void {
  storage.setItem(KEY(drillId), JSON.stringify(links));
}

export function recalledJoinLinks(drillId: string, storage: Storage = sessionStorage): JoinLink[] | null {
  try {
    const raw = storage.getItem(KEY(drillId));
    return raw ? (JSON.parse(raw) as JoinLink[]) : null;
  } catch {
    return null;
  }
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context or permission; the link stays selectable.
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <>
      <button type="button" className="button small" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status" className="small muted">
        {copied === 'yes' ? 'copied' : copied === 'no' ? 'select the link and copy it' : ''}
      </span>
    </>
  );
}

/** Each participant's link, selectable and copyable; they carry tokens, so say so. */
export function JoinLinks({ links }: { links: readonly JoinLink[] }) {
  return (
    <div className="join-links">
      <ul>
        {links.map((link) => (
          <li key={link.token}>
            <label htmlFor={`join-${link.token.slice(0, 8)}`}>
              <strong>{link.name}</strong> <span className="badge">{link.role}</span>
            </label>
            <div className="join-link-row">
              <input id={`join-${link.token.slice(0, 8)}`} readOnly value={link.url} onFocus={(event) => event.target.select()} />
              <CopyButton text={link.url} label={`Copy ${link.name}'s join link`} />
            </div>
          </li>
        ))}
      </ul>
      <p className="muted small">Each link carries its own token: send it to that person only.</p>
    </div>
  );
}
