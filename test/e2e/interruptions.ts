/*
 * Tools for the interruption fuzz (interruption-fuzz.spec.ts): a seeded random source; a browser on a
 * profile of its own that can be reloaded, have its page closed, or be killed outright and relaunched
 * on the same profile; and what the app stored, read straight from IndexedDB with the browser's own API
 * (never the app's code), including a snapshot taken as an attempt's page opens, before the app touches
 * storage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../setup/chromium.ts';

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** A whole number from `low` to `high`, both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  }
  /** One of the keys, each as likely as its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let left = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      left -= weight;
      if (left < 0) return key;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('no weights');
    return last[0];
  }
}

/** An event as stored: `type`, `at` (seconds on the phase clock), `wall` (ISO), and the event's fields. */
export interface StoredEntry {
  type: string;
  at: number;
  wall?: string;
  [field: string]: unknown;
}
export interface StoredRow {
  attemptId: string;
  seq: number;
  entry: StoredEntry;
}
export interface StoredAttempt {
  id: string;
  scenario: string;
  status: 'in-progress' | 'finished';
  eventCount: number;
  score?: unknown;
}
export interface Stored {
  attempt: StoredAttempt | null;
  rows: StoredRow[];
}

declare global {
  interface Window {
    /** What was stored for the attempt in the address when the page opened, before the app ran. */
    __interruptionFuzzAtOpen?: Promise<Stored | null>;
    /** The call clock's text when it last changed, and the real time (ms) it changed. */
    __interruptionFuzzClock?: { text: string; now: number };
  }
}

/**
 * Reads an attempt's row and its event rows from the app's database, in one read-only transaction.
 * Runs in the page, so it is self-contained. Resolves null if there is no database yet (and does not
 * create one).
 */
export function readStored(attemptId: string): Promise<Stored | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('control-room-trainer');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['attempts', 'events'], 'readonly');
      const attempt = tx.objectStore('attempts').get(attemptId);
      const rows = tx.objectStore('events').index('attemptId').getAll(attemptId);
      tx.oncomplete = () => {
        db.close();
        const sorted = (rows.result as StoredRow[]).slice().sort((a, b) => a.seq - b.seq);
        resolve({ attempt: (attempt.result as StoredAttempt | undefined) ?? null, rows: sorted });
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error ?? new Error('the read was aborted'));
      };
    };
  });
}

/**
 * Run at the start of every document in the fuzz's browser, before any of the app's scripts:
 * - on an attempt's page, it begins reading the attempt, so its transaction comes before any the app
 *   makes (IndexedDB runs transactions over the same tables in the order they were made) and it sees the
 *   attempt as the interruption left it, before the app repairs anything on opening;
 * - it notes each change of the call clock on the status bar with the real time of the change. The
 *   clock is re-rendered each second, so the moment its text changes to a whole second, the phase clock
 *   is in [shown, shown + 1): a reading to the clock's own resolution, taken without waiting for it.
 */
const atOpenScript = `
  if (location.hash.startsWith('#/attempt/')) {
    window.__interruptionFuzzAtOpen = (${readStored.toString()})(decodeURIComponent(location.hash.split('/')[2]));
  }
  {
    let last = null;
    new MutationObserver(() => {
      const text = document.querySelector('.status-bar .clock')?.textContent ?? null;
      if (text !== null && text !== last) window.__interruptionFuzzClock = { text, now: Date.now() };
      last = text;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }
`;

/** Chromium on a profile directory of its own, relaunched on the same directory after it is killed. */
export class ProfileBrowser {
  context!: BrowserContext;
  page!: Page;
  private pid = 0;

  constructor(
    readonly userDataDir: string,
    private readonly baseURL: string,
  ) {}

  async launch(): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.userDataDir, {
      executablePath: chromiumLaunchOptions.executablePath,
      args: [...chromiumLaunchOptions.args],
      baseURL: this.baseURL,
      // As every spec but the offline one (playwright.config.ts): no worker downloading all the sound.
      serviceWorkers: 'block',
    });
    await this.context.addInitScript({ content: atOpenScript });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.pid = this.browserPid();
  }

  /** The processes running on this profile: [pid, is the browser process itself]. */
  private processes(): [number, boolean][] {
    const found: [number, boolean][] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let args: string[];
      try {
        args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      } catch {
        continue; // gone meanwhile
      }
      if (!args.includes(`--user-data-dir=${this.userDataDir}`)) continue;
      found.push([Number(name), !args.some((arg) => arg.startsWith('--type='))]);
    }
    return found;
  }

  private browserPid(): number {
    const main = this.processes().filter(([, isBrowser]) => isBrowser);
    if (main.length !== 1 || !main[0]) throw new Error(`expected one browser process, found ${main.length}`);
    return main[0][0];
  }

  /** Closes the page and opens a new one in the same browser. */
  async reopenPage(): Promise<void> {
    await this.page.close();
    this.page = await this.context.newPage();
  }

  /**
   * SIGKILL to the browser process, as a crash or a power-off of the browser would stop it: no unload,
   * no shutdown. Then waits for its other processes to go (kills any left: they are this test's), and
   * relaunches on the same profile.
   */
  async killAndRelaunch(): Promise<void> {
    const closed = this.context.waitForEvent('close');
    process.kill(this.pid, 'SIGKILL');
    await closed;
    for (let i = 0; i < 50 && this.processes().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    for (const [pid] of this.processes()) process.kill(pid, 'SIGKILL');
    await this.launch();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}

/** "HH:MM:SS" minus the phase's "HH:MM" start, in seconds, across midnight. */
export function phaseSecondsShown(text: string, clockStart: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  const [sh = 0, sm = 0] = clockStart.split(':').map(Number);
  return (((h * 3600 + m * 60 + s - (sh * 3600 + sm * 60)) % 86_400) + 86_400) % 86_400;
}

/**
 * How far apart two sequences are: the longest common subsequence of what was expected and what was
 * stored. Expected items it leaves out are lost (unless they were only in flight, not yet confirmed);
 * stored items it leaves out are extra: doubled, or never sent. `matched[i]` says whether expected item
 * `i` is among the stored.
 */
export function compareSequences(
  expected: readonly { sig: string; confirmed: boolean }[],
  stored: readonly string[],
): { lost: string[]; extra: string[]; matched: boolean[] } {
  const n = expected.length;
  const m = stored.length;
  // common[i * (m + 1) + j]: the longest common subsequence of expected[i..] and stored[j..].
  const common = new Array<number>((n + 1) * (m + 1)).fill(0);
  const at = (i: number, j: number) => common[i * (m + 1) + j] ?? 0;
  const same = (i: number, j: number) => expected[i]?.sig === stored[j];
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      common[i * (m + 1) + j] = same(i, j) ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const lost: string[] = [];
  const extra: string[] = [];
  const matched = expected.map(() => false);
  const skipExpected = (i: number) => {
    const item = expected[i];
    if (item?.confirmed) lost.push(item.sig);
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(i, j) && at(i, j) === at(i + 1, j + 1) + 1) {
      matched[i] = true;
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      skipExpected(i);
      i++;
    } else {
      extra.push(stored[j] ?? '');
      j++;
    }
  }
  for (; i < n; i++) skipExpected(i);
  for (; j < m; j++) extra.push(stored[j] ?? '');
  return { lost, extra, matched };
}
