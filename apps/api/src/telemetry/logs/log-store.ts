import { LOG_LEVELS, toLogEntry, type LogEntry, type LogLevel, type LogSource } from './log-entry.js';

export interface LogQuery {
  service?: string;
  /** Minimum severity: `warn` finds warn and error lines (what an on-call search means by it). */
  level?: LogLevel;
  /** Case-insensitive substring of the line as written. */
  text?: string;
  traceId?: string;
  /** Inclusive bounds on the entry time, epoch ms. */
  from?: number;
  to?: number;
  limit?: number;
}

export interface LogStoreOptions {
  /** Lines kept; the oldest go first. */
  capacity?: number;
  /** Time for lines without their own timestamp: the stack clock. */
  now: () => number;
  /**
   * Maps a line's own (wall-clock) timestamp onto the stack's clock, so logs, metrics and alerts
   * of a stack running at speed 60 share one timeline. Identity when absent.
   */
  fromWallMs?: (wallMs: number) => number;
}

export const DEFAULT_LOG_CAPACITY = 50_000;
export const DEFAULT_LOG_LIMIT = 100;
export const MAX_LOG_LIMIT = 1000;

/** Sequence numbers of entries under one index key, oldest first; `start` skips the evicted ones. */
interface Postings {
  seqs: number[];
  start: number;
}

/**
 * A stack's recent log lines: a ring buffer of `capacity` lines with postings by service, level
 * and trace id, so the common searches do not scan the whole buffer. Memory is bounded by
 * `capacity` lines (each kept once, with its parsed fields).
 */
export class LogStore {
  readonly capacity: number;
  private readonly ring: Array<LogEntry | undefined>;
  private nextSeq = 0;
  private readonly byService = new Map<string, Postings>();
  private readonly byLevel = new Map<LogLevel, Postings>();
  private readonly byTrace = new Map<string, Postings>();

  constructor(private readonly options: LogStoreOptions) {
    this.capacity = options.capacity ?? DEFAULT_LOG_CAPACITY;
    this.ring = new Array<LogEntry | undefined>(this.capacity);
  }

  get size(): number {
    return Math.min(this.nextSeq, this.capacity);
  }

  ingest(line: string, source: LogSource): LogEntry | undefined {
    if (line.trim() === '') return undefined;
    const entry = toLogEntry(line, source, this.nextSeq++, this.options.now(), this.options.fromWallMs);
    const slot = entry.seq % this.capacity;
    const evicted = this.ring[slot];
    if (evicted) this.unindex(evicted);
    this.ring[slot] = entry;
    post(this.byService, entry.service, entry.seq);
    post(this.byLevel, entry.level, entry.seq);
    if (entry.traceId) post(this.byTrace, entry.traceId, entry.seq);
    return entry;
  }

  /** Matching entries, newest first (by arrival), at most `limit` (default 100, at most 1000). */
  search(query: LogQuery = {}): LogEntry[] {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LOG_LIMIT, 1), MAX_LOG_LIMIT);
    const text = query.text?.toLowerCase();
    const minLevel = query.level ? LOG_LEVELS.indexOf(query.level) : 0;
    const traceId = query.traceId?.toLowerCase();
    const result: LogEntry[] = [];
    for (const seq of this.candidates(query.service, query.level, traceId)) {
      const entry = this.ring[seq % this.capacity]!;
      if (query.service !== undefined && entry.service !== query.service) continue;
      if (LOG_LEVELS.indexOf(entry.level) < minLevel) continue;
      if (traceId !== undefined && entry.traceId !== traceId) continue;
      if (query.from !== undefined && entry.time < query.from) continue;
      if (query.to !== undefined && entry.time > query.to) continue;
      if (text && !entry.line.toLowerCase().includes(text)) continue;
      result.push(entry);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** Sequence numbers to check, newest first, from the narrowest index the query allows. */
  private *candidates(service: string | undefined, level: LogLevel | undefined, traceId: string | undefined): Iterable<number> {
    if (traceId !== undefined) return yield* newestFirst(this.byTrace.get(traceId));
    if (service !== undefined) return yield* newestFirst(this.byService.get(service));
    if (level !== undefined) {
      const lists = LOG_LEVELS.slice(LOG_LEVELS.indexOf(level)).map((name) => this.byLevel.get(name));
      return yield* mergeNewestFirst(lists.filter((list): list is Postings => list !== undefined));
    }
    const oldest = Math.max(0, this.nextSeq - this.capacity);
    for (let seq = this.nextSeq - 1; seq >= oldest; seq--) yield seq;
  }

  private unindex(entry: LogEntry): void {
    unpost(this.byService, entry.service, entry.seq);
    unpost(this.byLevel, entry.level, entry.seq);
    if (entry.traceId) unpost(this.byTrace, entry.traceId, entry.seq);
  }
}

function post<K>(index: Map<K, Postings>, key: K, seq: number): void {
  const postings = index.get(key);
  if (postings) postings.seqs.push(seq);
  else index.set(key, { seqs: [seq], start: 0 });
}

/** Entries leave in arrival order, so the evicted one is always at the front of its lists. */
function unpost<K>(index: Map<K, Postings>, key: K, seq: number): void {
  const postings = index.get(key);
  if (!postings || postings.seqs[postings.start] !== seq) return;
  postings.start++;
  if (postings.start === postings.seqs.length) index.delete(key);
  else if (postings.start >= 1024 && postings.start * 2 >= postings.seqs.length) {
    postings.seqs = postings.seqs.slice(postings.start);
    postings.start = 0;
  }
}

function* newestFirst(postings: Postings | undefined): Iterable<number> {
  if (!postings) return;
  for (let i = postings.seqs.length - 1; i >= postings.start; i--) yield postings.seqs[i]!;
}

function* mergeNewestFirst(lists: Postings[]): Iterable<number> {
  const cursors = lists.map((list) => list.seqs.length - 1);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (cursors[i]! < lists[i]!.start) continue;
      if (best < 0 || lists[i]!.seqs[cursors[i]!]! > lists[best]!.seqs[cursors[best]!]!) best = i;
    }
    if (best < 0) return;
    yield lists[best]!.seqs[cursors[best]!--]!;
  }
}
