/**
 * Alertmanager label matchers: `severity="page"`, `service=~"check.*"`, `env!=prod`. Regexes are
 * anchored at both ends, as in Alertmanager; a missing label matches as the empty string.
 */
export type MatcherOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatcherOp;
  value: string;
}

export interface CompiledMatcher extends Matcher {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

const MATCHER_PATTERN = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;

/** Parses one matcher; throws an Error whose message says what is wrong with it. */
export function parseMatcher(text: string): CompiledMatcher {
  const match = MATCHER_PATTERN.exec(text);
  if (!match) throw new Error(`bad matcher ${JSON.stringify(text)}: expected name, an operator (= != =~ !~) and a value`);
  const [, name, op, rawValue] = match as unknown as [string, string, MatcherOp, string];
  return compileMatcher({ name, op, value: unquote(rawValue, text) });
}

export function compileMatcher(matcher: Matcher): CompiledMatcher {
  const { name, op, value } = matcher;
  let test: (labelValue: string) => boolean;
  if (op === '=~' || op === '!~') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${value})$`, 's');
    } catch (error) {
      throw new Error(`bad matcher ${name}${op}${JSON.stringify(value)}: invalid regular expression (${(error as Error).message})`);
    }
    test = op === '=~' ? (labelValue) => pattern.test(labelValue) : (labelValue) => !pattern.test(labelValue);
  } else {
    test = op === '=' ? (labelValue) => labelValue === value : (labelValue) => labelValue !== value;
  }
  return { name, op, value, matches: (labels) => test(labels[name] ?? '') };
}

export function matchesAll(matchers: readonly CompiledMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => matcher.matches(labels));
}

/** Alertmanager's rendering, used in route keys: `{severity="page",service=~"check.*"}`. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map((matcher) => `${matcher.name}${matcher.op}${JSON.stringify(matcher.value)}`).join(',')}}`;
}

function unquote(raw: string, text: string): string {
  if (!raw.startsWith('"')) {
    if (/["\s,{}]/.test(raw)) throw new Error(`bad matcher ${JSON.stringify(text)}: quote a value that holds spaces, quotes, commas or braces`);
    return raw;
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // fall through to the error below
  }
  throw new Error(`bad matcher ${JSON.stringify(text)}: the value is not a well-formed double-quoted string`);
}
