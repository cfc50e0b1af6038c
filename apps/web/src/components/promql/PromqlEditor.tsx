import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { HighlightStyle, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { useEffect, useRef } from 'react';
import { currentSession } from '../../api/index.js';

export interface PromqlEditorProps {
  value: string;
  onChange(value: string): void;
  /** Enter (or Ctrl/⌘-Enter) runs the query; Shift-Enter adds a line. */
  onRun(): void;
  /** The stack's Prometheus API base (`/api/stacks/<id>/prometheus`), for metric and label completion. */
  prometheusUrl: string | null;
  label?: string;
}

/** Endpoints the Firedrill API does not have; completion works without them. */
const UNSUPPORTED = /\/api\/v1\/(metadata|status\/flags)(\?|$)/;

/**
 * Completion requests carry the session's bearer token (read per call: the library's
 * `requestHeaders` are fixed at construction). Requests for endpoints the API lacks are answered
 * here as empty, instead of a 404 in the console on every keystroke.
 */
const authorisedFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (UNSUPPORTED.test(url)) return Promise.resolve(Response.json({ status: 'success', data: {} }));
  const headers = new Headers(init?.headers);
  const { token } = currentSession();
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** A failed completion lookup only means fewer suggestions; the query itself reports real errors. */
const ignoreCompletionErrors = (): void => {};

/** Colours for the dark on-call theme (CodeMirror's default style is for light backgrounds). */
const promqlHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#ff7b72' },
  { tag: [tags.function(tags.variableName), tags.standard(tags.name)], color: '#d2a8ff' },
  { tag: tags.variableName, color: '#79c0ff' },
  { tag: tags.labelName, color: '#ffa657' },
  { tag: tags.string, color: '#a5d6ff' },
  { tag: tags.number, color: '#7ee787' },
  { tag: tags.operator, color: '#ff7b72' },
  { tag: tags.comment, color: '#8b949e', fontStyle: 'italic' },
  { tag: tags.invalid, color: '#f85149' },
]);

const theme = EditorView.theme(
  {
    '&': { border: '1px solid var(--border)', borderRadius: 'var(--radius)', background: 'var(--bg)', color: 'var(--text)', fontSize: '14px' },
    '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '2px' },
    '.cm-content': { fontFamily: 'var(--mono)', padding: '7px 0', caretColor: 'var(--text)' },
    '.cm-line': { padding: '0 10px' },
    '.cm-placeholder': { color: 'var(--muted)' },
    '.cm-cursor': { borderLeftColor: 'var(--text)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { background: '#264f78' },
    '.cm-tooltip': { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { background: 'var(--surface-2)', color: 'var(--text)' },
    '.cm-completionDetail': { color: 'var(--muted)' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
    '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { background: 'var(--surface-2)', outline: '1px solid var(--muted)' },
  },
  { dark: true },
);

/**
 * A one-box PromQL editor: highlighting, client-side parse errors, and completion of functions,
 * metric names and label names/values from the drill's own stack. The editor is created once; a
 * new `value` from the parent (e.g. a history pick) replaces the document.
 */
export function PromqlEditor({ value, onChange, onRun, prometheusUrl, label = 'PromQL query' }: PromqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Latest callbacks without recreating the editor (that would lose the cursor and history).
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    if (!host.current) return;
    const promql = new PromQLExtension().activateCompletion(true).activateLinter(true);
    if (prometheusUrl) {
      promql.setComplete({
        remote: { url: prometheusUrl, fetchFn: authorisedFetch, httpMethod: 'GET', httpErrorHandler: ignoreCompletionErrors, cache: { maxAge: 60_000 } },
      });
    }
    const run = (target: EditorView): boolean => {
      // A suggestion list that opened after typing stopped would otherwise hang over the result.
      closeCompletion(target);
      callbacks.current.onRun();
      return true;
    };
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          syntaxHighlighting(promqlHighlight),
          promql.asExtension(),
          placeholder('e.g. sum by (service) (rate(http_requests_total[1m]))'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          // The completion keymap comes first (autocompletion adds it at highest precedence), so
          // Enter picks a suggestion while the list is open and runs the query otherwise.
          Prec.high(
            keymap.of([
              { key: 'Enter', run },
              { key: 'Mod-Enter', run },
              { key: 'Shift-Enter', run: insertNewlineAndIndent },
            ]),
          ),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      promql.destroy();
      view.current = null;
    };
    // The editor is rebuilt only when completion must talk to another stack.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prometheusUrl, label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="promql-editor" />;
}
