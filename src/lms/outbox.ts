/*
 * The statements waiting for the LRS, and the progress text not yet saved there. A statement gets its id
 * when it is made and waits in IndexedDB (a database of its own, beside the app's) until the LRS has it:
 * a dropped network or a reload loses nothing, and the next page's connection sends what is left.
 *
 * One sender per connection posts the waiting statements in the order they were queued (a batch at a
 * time), deletes them once the LRS accepts them and remembers their ids, so a statement queued again
 * (the same decision after a reload) is not sent twice. An unreachable LRS (no answer, 5xx, 408, 429) is
 * tried again after a wait that doubles up to a cap; a statement the LRS refuses (4xx) is dropped and
 * counted, so one bad statement cannot hold up the rest; a refused key (401) stops sending, keeping the
 * statements. Once the statements are sent, the latest progress text not yet saved is saved.
 *
 * Lifecycle: `open` loads what an earlier page left for this endpoint; `add` queues; `exit` is the page
 * going: a last best-effort post with keepalive, and the sender stops.
 */
import Dexie from 'dexie';
import type { XapiStatement } from './xapi-statements.ts';

interface StatementRow {
  seq?: number;
  id: string;
  /** The LRS it is for: a page launched from another LMS leaves it alone. */
  endpoint: string;
  statement: XapiStatement;
}

interface SentRow {
  id: string;
  endpoint: string;
  at: number;
}

/** The latest progress text not yet saved in the LRS, for one state document. */
export interface ProgressRow {
  /** The state document's URL: endpoint, activity, agent, registration and state id. */
  url: string;
  text: string;
}

class OutboxDatabase extends Dexie {
  statements!: Dexie.Table<StatementRow, number>;
  sent!: Dexie.Table<SentRow, string>;
  progress!: Dexie.Table<ProgressRow, string>;

  constructor(name: string, idb: IndexedDbDeps) {
    super(name, { indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange });
    this.version(1).stores({
      statements: '++seq, &id, endpoint',
      sent: 'id, endpoint',
      progress: 'url',
    });
  }
}

export interface IndexedDbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** How a post to the LRS went, as the sender needs to know it. */
export type SendResult =
  | { kind: 'accepted' }
  /** Not reached, or it could not answer now (5xx, 408, 429): try again later. */
  | { kind: 'unreachable'; detail: string }
  /** It answered that it will never take this (4xx). */
  | { kind: 'refused'; status: number; detail: string }
  /** It already has a different statement with this id (409). */
  | { kind: 'conflict'; detail: string }
  /** It does not accept the session's key (401): nothing more can be sent in this session. */
  | { kind: 'unauthorised'; detail: string };

export interface Transport {
  postStatements(statements: XapiStatement[], options: { keepalive: boolean }): Promise<SendResult>;
  putProgress(row: ProgressRow): Promise<SendResult>;
}

/** What the page can show about the statements waiting for the LMS. */
export type OutboxStatus =
  | { state: 'sent'; waiting: 0; refused: number }
  | { state: 'sending'; waiting: number; refused: number }
  /** The LRS cannot be reached: the statements wait and are tried again. */
  | { state: 'retrying'; waiting: number; refused: number; detail: string }
  /** The LMS no longer accepts this session's key: the statements wait for another launch. */
  | { state: 'stopped'; waiting: number; refused: number; detail: string };

export interface OutboxOptions {
  /** The first wait after a failed post, doubled each time up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** Statements per post. */
  batchSize: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { firstRetryMs: 500, maxRetryMs: 4000, batchSize: 50 };

/** Chromium refuses a keepalive request whose body (with others in flight) passes 64 KiB. */
const KEEPALIVE_BYTES = 60_000;

export class Outbox {
  /** The waiting statements for this endpoint, in order: a copy of the rows, for `exit` (synchronous). */
  private readonly queue: StatementRow[] = [];
  private progress: ProgressRow | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private progressLock: Promise<unknown> = Promise.resolve();
  /** Statements handed to `add` and not yet in `queue` (their disk write is under way), in order. */
  private readonly adding: XapiStatement[] = [];
  private sending = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: OutboxStatus = { state: 'sent', waiting: 0, refused: 0 };
  /** Why the sender is waiting or has stopped, until a post is accepted. */
  private trouble: { state: 'retrying' | 'stopped'; detail: string } | null = null;
  /** Statements the LRS refused and were dropped. */
  private refused = 0;
  private readonly listeners = new Set<(status: OutboxStatus) => void>();

  private constructor(
    private readonly db: OutboxDatabase,
    private readonly endpoint: string,
    private readonly transport: Transport,
    private readonly options: OutboxOptions,
  ) {}

  /** Opens the outbox's database and loads what an earlier page left for this endpoint. */
  static async open(
    name: string,
    idb: IndexedDbDeps,
    endpoint: string,
    progressUrl: string,
    transport: Transport,
    options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ): Promise<Outbox> {
    const db = new OutboxDatabase(name, idb);
    const outbox = new Outbox(db, endpoint, transport, options);
    const rows = await db.statements.where('endpoint').equals(endpoint).sortBy('seq');
    outbox.queue.push(...rows);
    outbox.progress = (await db.progress.get(progressUrl)) ?? null;
    outbox.publish();
    return outbox;
  }

  status(): OutboxStatus {
    return this.current;
  }

  subscribe(listener: (status: OutboxStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a statement with this id is waiting here. */
  isWaiting(id: string): boolean {
    return this.queue.some((row) => row.id === id);
  }

  /**
   * Queues statements, in order after everything queued before, skipping any already waiting or sent.
   * Resolves once they are kept on disk. If the disk fails they still wait in memory (and are sent while
   * the page lasts), and the promise rejects.
   */
  add(statements: readonly XapiStatement[]): Promise<void> {
    this.adding.push(...statements);
    return this.serially(async () => {
      const fresh = statements.filter((statement) => !this.isWaiting(statement.id));
      let rows: StatementRow[];
      let failure: unknown = null;
      try {
        rows = await this.db.transaction('rw', this.db.statements, this.db.sent, async () => {
          const kept: StatementRow[] = [];
          for (const statement of fresh) {
            if ((await this.db.sent.get(statement.id)) !== undefined) continue;
            if ((await this.db.statements.where('id').equals(statement.id).count()) > 0) continue;
            const row: StatementRow = { id: statement.id, endpoint: this.endpoint, statement };
            row.seq = await this.db.statements.add(row);
            kept.push(row);
          }
          return kept;
        });
      } catch (error) {
        failure = error;
        rows = fresh.map((statement) => ({ id: statement.id, endpoint: this.endpoint, statement }));
      }
      this.adding.splice(0, statements.length);
      this.queue.push(...rows);
      this.publish();
      this.nudge();
      if (failure !== null) throw failure;
    });
  }

  /** Takes a waiting statement back (not yet sent): true if it was waiting. */
  withdraw(id: string): Promise<boolean> {
    return this.serially(async () => {
      const at = this.queue.findIndex((row) => row.id === id);
      if (at < 0) return false;
      this.queue.splice(at, 1);
      await this.db.statements.where('id').equals(id).delete();
      this.publish();
      return true;
    });
  }

  /** The progress text waiting to be saved in this state document, if any. */
  waitingProgress(url: string): string | null {
    return this.progress?.url === url ? this.progress.text : null;
  }

  /** Keeps progress text to be saved (the latest wins), on disk if it can. */
  keepProgress(row: ProgressRow): Promise<void> {
    return this.serially(async () => {
      this.progress = row;
      await this.db.progress.put(row);
    });
  }

  /** The progress text was saved in the LRS: forgotten here, unless newer text came meanwhile. */
  progressSaved(row: ProgressRow): Promise<void> {
    return this.serially(async () => {
      if (this.progress?.url === row.url && this.progress.text === row.text) {
        this.progress = null;
        await this.db.progress.delete(row.url);
      }
    });
  }

  /**
   * PUTs the latest progress text waiting (null if none), one PUT at a time so an older text never lands
   * after a newer one. Accepted, it is forgotten here; refused (4xx), it is dropped; unreachable, it waits
   * for the sender.
   */
  saveProgressNow(): Promise<SendResult | null> {
    const run = this.progressLock.then(async () => {
      const row = this.progress;
      if (row === null) return null;
      const result = await this.transport.putProgress(row);
      if (result.kind === 'accepted' || result.kind === 'refused' || result.kind === 'conflict') {
        await this.progressSaved(row);
      }
      if (result.kind === 'unreachable') this.nudge();
      return result;
    });
    this.progressLock = run.catch(() => null);
    return run;
  }

  /** Wakes the sender: something was queued, or it is waiting and should try now. */
  nudge(): void {
    if (this.stopped || this.trouble?.state === 'stopped') return;
    if (this.sending) return;
    this.sending = true;
    this.send().then(
      () => (this.sending = false),
      () => (this.sending = false),
    );
  }

  /**
   * The page is going: everything waiting (and being written), then `last` (the terminated statement), in
   * one keepalive post if it fits; otherwise as much of the queue as fits and not `last`, so nothing is
   * sent out of order. `last` is queued on disk too, for the next page if this post does not arrive. The
   * sender stops.
   */
  exit(last: XapiStatement | null): void {
    const waiting = [...this.queue.map((row) => row.statement), ...this.adding];
    if (last && !waiting.some((statement) => statement.id === last.id)) {
      this.add([last]).catch(() => {});
      waiting.push(last);
    }
    this.stop();
    let statements = waiting;
    while (statements.length > 0 && byteLength(statements) > KEEPALIVE_BYTES) {
      statements = statements.slice(0, Math.floor(statements.length / 2)).filter((s) => s !== last);
    }
    if (statements.length === 0) return;
    this.transport.postStatements(statements, { keepalive: true }).then(
      (result) => (result.kind === 'accepted' ? this.markSent(statements.map((s) => s.id)) : undefined),
      () => undefined, // the next page sends what is left
    );
  }

  /** Stops sending (the page is going, or a test is done with it) and closes the database when idle. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
  }

  /** Closes the database once what was queued is on disk. */
  async close(): Promise<void> {
    this.stop();
    await this.chain.catch(() => {});
    this.db.close();
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => {});
    return run;
  }

  private async send(): Promise<void> {
    let wait = this.options.firstRetryMs;
    while (!this.stopped) {
      const batch = this.queue.slice(0, this.options.batchSize);
      if (batch.length === 0 && this.progress === null) break;
      const result = batch.length > 0 ? await this.sendBatch(batch) : await this.sendProgress();
      if (result === 'stop') return;
      if (result === 'retry') {
        await this.sleep(wait);
        wait = Math.min(wait * 2, this.options.maxRetryMs);
      } else {
        wait = this.options.firstRetryMs;
      }
    }
    this.publish();
  }

  private async sendBatch(batch: StatementRow[]): Promise<'next' | 'retry' | 'stop'> {
    this.publish();
    const result = await this.transport.postStatements(
      batch.map((row) => row.statement),
      { keepalive: false },
    );
    switch (result.kind) {
      case 'accepted':
        this.trouble = null;
        await this.markSent(batch.map((row) => row.id));
        return 'next';
      case 'unreachable':
        this.troubled({ state: 'retrying', detail: result.detail });
        return 'retry';
      case 'unauthorised':
        this.troubled({ state: 'stopped', detail: result.detail });
        return 'stop';
      case 'refused':
      case 'conflict': {
        if (batch.length > 1) {
          // One statement spoils a batch: send them one by one to find it.
          for (const row of batch) {
            const single = await this.sendBatch([row]);
            if (single !== 'next') return single;
          }
          return 'next';
        }
        // A conflict means the LRS already holds a statement with this id: it was sent before.
        if (result.kind === 'refused') this.refused += 1;
        await this.markSent(batch.map((row) => row.id));
        return 'next';
      }
      default:
        return assertNever(result);
    }
  }

  private async sendProgress(): Promise<'next' | 'retry' | 'stop'> {
    const result = await this.saveProgressNow();
    if (result === null) return 'next';
    switch (result.kind) {
      case 'accepted':
        this.trouble = null;
        return 'next';
      case 'unreachable':
        this.troubled({ state: 'retrying', detail: result.detail });
        return 'retry';
      case 'unauthorised':
        this.troubled({ state: 'stopped', detail: result.detail });
        return 'stop';
      case 'refused':
      case 'conflict':
        return 'next';
      default:
        return assertNever(result);
    }
  }

  /** Forgets sent statements here and on disk, remembering their ids. */
  private markSent(ids: string[]): Promise<void> {
    const sent = new Set(ids);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (sent.has(this.queue[i]?.id ?? '')) this.queue.splice(i, 1);
    }
    this.publish();
    return this.serially(async () => {
      const at = Date.now();
      await this.db.transaction('rw', this.db.statements, this.db.sent, async () => {
        await this.db.statements.where('id').anyOf(ids).delete();
        await this.db.sent.bulkPut(ids.map((id) => ({ id, endpoint: this.endpoint, at })));
      });
    }).catch(() => {
      // Not forgotten on disk: the next page sends them again, and the LRS sees the same ids.
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        if (this.timer !== null) clearTimeout(this.timer);
        this.timer = null;
        resolve();
      };
      this.timer = setTimeout(() => this.wake?.(), ms);
    });
  }

  private publish(): void {
    const waiting = this.queue.length;
    const refused = this.refused;
    const next: OutboxStatus = this.trouble
      ? { ...this.trouble, waiting, refused }
      : waiting === 0
        ? { state: 'sent', waiting: 0, refused }
        : { state: 'sending', waiting, refused };
    const before = this.current;
    this.current = next;
    if (next.state !== before.state || next.waiting !== before.waiting || next.refused !== before.refused) {
      for (const listener of this.listeners) listener(next);
    }
  }

  private troubled(trouble: { state: 'retrying' | 'stopped'; detail: string } | null): void {
    this.trouble = trouble;
    this.publish();
  }
}

function byteLength(statements: XapiStatement[]): number {
  return new TextEncoder().encode(JSON.stringify(statements)).length;
}

function assertNever(value: never): never {
  throw new Error(`unhandled result ${JSON.stringify(value)}`);
}
