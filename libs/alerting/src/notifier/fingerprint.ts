/**
 * Alertmanager's alert fingerprint: 64-bit FNV-1a over the label names in sorted order, each name
 * and value followed by the byte 0xff, printed as 16 hex digits. Matching it means a fingerprint
 * seen here identifies the same alert in a real Alertmanager.
 */
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

export function alertFingerprint(labels: Readonly<Record<string, string>>): string {
  let hash = OFFSET_BASIS;
  const add = (byte: number): void => {
    hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of encoder.encode(name)) add(byte);
    add(SEPARATOR);
    for (const byte of encoder.encode(labels[name]!)) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Alertmanager's label-set text, used in group keys: `{alertname="X", service="checkout"}`. */
export function formatLabelSet(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}
