/*
 * The cmi5 connection: the app as a cmi5 Assignable Unit (AU). Launched by the LMS with `endpoint`,
 * `fetch`, `actor`, `registration` and `activityId` in the query string, it
 * 1. POSTs the fetch URL once for the session's key (cmi5 allows one fetch per launch: the key is kept in
 *    sessionStorage, by fetch URL, so a reload of the page goes on with it);
 * 2. reads the LMS.LaunchData state document (contextTemplate, launchMode, masteryScore, returnURL), once
 *    per session: it is kept with the key, so a reload goes on while the LRS cannot be reached;
 * 3. queues `initialized`, then a statement per trainee action as it is stored, the choices, findings and
 *    total of each finished attempt, and, once, `completed` and `passed` or `failed` when the attempt
 *    completes the course in a Normal launch; `end` queues `terminated`.
 * Statements wait in the outbox (outbox.ts) until the LRS has them. Progress is an xAPI state document.
 *
 * Every statement id is made from what the statement is about (registration and session, or attempt and
 * event index), so a statement queued twice — a page reloaded before its queue was sent — is one statement.
 * A reloaded page withdraws its session's `terminated` if it is still waiting: the session goes on.
 *
 * Nothing here touches the DOM: `fetch`, sessionStorage, IndexedDB and the clock are handed in, so it runs
 * under Node in unit tests against the test LRS (test/lrs/lrs.ts).
 */
import {
  LmsError,
  type AttemptOutcome,
  type CourseStatus,
  type Decision,
  type LmsConnection,
} from './lms.ts';
import {
  DEFAULT_OUTBOX_OPTIONS,
  Outbox,
  type IndexedDbDeps,
  type OutboxOptions,
  type OutboxStatus,
  type ProgressRow,
  type SendResult,
  type Transport,
} from './outbox.ts';
import {
  choiceStatement,
  completedStatement,
  decisionStatement,
  findingStatement,
  initializedStatement,
  judgedStatement,
  scaledScore,
  SESSION_ID_EXTENSION,
  statementId,
  terminatedStatement,
  totalStatement,
  utc,
  type SessionFacts,
  type XapiAgent,
  type XapiContext,
  type XapiStatement,
} from './xapi-statements.ts';

/** The launch parameters the LMS put in the page's address (cmi5 section 8.1). */
export interface Cmi5Launch {
  /** The LRS's base address for xAPI requests, ending in "/". */
  endpoint: string;
  /** The one-time address that hands out the session's key. */
  fetch: string;
  /** The learner, as the LMS names them in every statement. */
  actor: XapiAgent;
  registration: string;
  /** The AU's activity id: the object of every cmi5 defined statement. */
  activityId: string;
}

export const LAUNCH_MODES = ['Normal', 'Browse', 'Review'] as const;
export type LaunchMode = (typeof LAUNCH_MODES)[number];

/** LMS.LaunchData, as read. */
export interface LaunchData {
  contextTemplate: XapiContext;
  launchMode: LaunchMode;
  /** 0–1, or null when the LMS gave none. */
  masteryScore: number | null;
  moveOn: string | null;
  returnUrl: string | null;
}

export interface Cmi5Deps extends IndexedDbDeps {
  fetch: typeof fetch;
  /** Where the session's key is kept for a reload (the page's sessionStorage). */
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  /** The outbox's database (default `control-room-lms`). */
  databaseName?: string;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** The sender's waits after a failed post, and its batch size. */
  outbox?: Partial<OutboxOptions>;
  /** The waits between tries for the key and the launch data before giving up (default 0.5, 1 and 2 s). */
  launchRetryMs?: number[];
  /** How long a request may take before it counts as unanswered (default 15 s). */
  requestTimeoutMs?: number;
}

export interface Cmi5Connection extends LmsConnection {
  readonly standard: 'cmi5';
  readonly launchMode: LaunchMode;
  /** Where the LMS wants the learner taken when the session ends, if it said. */
  readonly returnUrl: string | null;
  /** The statements waiting for the LMS, for the page to show. */
  status(): OutboxStatus;
  subscribe(listener: (status: OutboxStatus) => void): () => void;
  /** Stops sending without ending the session (tests, and a page that hands over to another). */
  close(): Promise<void>;
}

export const DEFAULT_DATABASE = 'control-room-lms';
export const PROGRESS_STATE_ID = 'urn:control-room-trainer:progress';
const PROGRESS_FORMAT = 'control-room-trainer/lms-progress';
const PROGRESS_FORMAT_VERSION = 1;
const XAPI_VERSION = '1.0.3';
const SESSION_KEY = (fetchUrl: string) => `control-room-trainer:cmi5:${fetchUrl}`;

/** What a trainee is told. The LMS's own words (its error text, its HTTP status) go in the brackets. */
const MESSAGES = {
  missing: (name: string) =>
    `The LMS's launch address has no "${name}" parameter, so results cannot be reported.`,
  malformed: (name: string, what: string) =>
    `The LMS's launch address has a "${name}" parameter that is not ${what}, so results cannot be reported.`,
  noKey: (why: string) =>
    `The LMS did not give this session its key (${why}), so results are not reported in this session. Launch the course from the LMS again to report them.`,
  noLaunchData: (why: string) =>
    `The LMS did not give this session its launch settings (${why}), so results are not reported in this session. Launch the course from the LMS again to report them.`,
  noOutbox: (why: string) =>
    `This browser cannot keep results while the LMS is out of reach (${why}), so results are not reported in this session.`,
  notKept: (why: string) =>
    `A result could not be kept in this browser for the LMS (${why}); it is sent while this page stays open.`,
  progressNotLoaded: (why: string) => `Your saved progress could not be read from the LMS (${why}).`,
  progressRefused: (why: string) => `The LMS did not keep your progress (${why}).`,
} as const;

const PARAMETERS = {
  endpoint: 'a web address',
  fetch: 'a web address',
  actor: 'a learner (an xAPI Agent with an account or an email address)',
  registration: 'a registration id (a UUID)',
  activityId: 'an activity id (an IRI)',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

/** Reads the launch parameters, refusing a missing or malformed one with a message that names it. */
export function parseCmi5Launch(search: URLSearchParams): Cmi5Launch {
  const read = (name: keyof typeof PARAMETERS) => {
    const value = search.get(name)?.trim();
    if (!value) throw new LmsError(MESSAGES.missing(name));
    return value;
  };
  const refuse = (name: keyof typeof PARAMETERS): never => {
    throw new LmsError(MESSAGES.malformed(name, PARAMETERS[name]));
  };
  const webAddress = (name: 'endpoint' | 'fetch') => {
    const value = read(name);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return refuse(name);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse(name);
    return url.href;
  };
  const endpoint = webAddress('endpoint');
  const fetchUrl = webAddress('fetch');
  const actor = parseActor(read('actor')) ?? refuse('actor');
  const registration = read('registration');
  if (!UUID.test(registration)) refuse('registration');
  const activityId = read('activityId');
  if (!IRI.test(activityId)) refuse('activityId');
  return {
    endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    fetch: fetchUrl,
    actor,
    registration: registration.toLowerCase(),
    activityId,
  };
}

function parseActor(text: string): XapiAgent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.objectType !== undefined && value.objectType !== 'Agent') return null;
  if (value.name !== undefined && typeof value.name !== 'string') return null;
  const name = typeof value.name === 'string' ? { name: value.name } : {};
  const account = value.account;
  if (isRecord(account) && value.mbox === undefined) {
    const { homePage, name: accountName } = account;
    if (typeof homePage !== 'string' || !IRI.test(homePage)) return null;
    if (typeof accountName !== 'string' || accountName.trim() === '') return null;
    return { objectType: 'Agent', ...name, account: { homePage, name: accountName } };
  }
  if (
    typeof value.mbox === 'string' &&
    account === undefined &&
    /^mailto:[^\s@]+@[^\s@]+$/.test(value.mbox)
  ) {
    return { objectType: 'Agent', ...name, mbox: value.mbox };
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads LMS.LaunchData: a malformed document is refused with what is wrong with it. */
export function parseLaunchData(text: string): LaunchData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  if (!isRecord(value)) throw new Error('it is not a JSON object');
  const { contextTemplate, launchMode, masteryScore, moveOn, returnURL } = value;
  if (!isRecord(contextTemplate)) throw new Error('it has no contextTemplate');
  if (!(LAUNCH_MODES as readonly unknown[]).includes(launchMode))
    throw new Error(`its launchMode is not one of ${LAUNCH_MODES.join(', ')}`);
  if (
    masteryScore !== undefined &&
    !(typeof masteryScore === 'number' && masteryScore >= 0 && masteryScore <= 1)
  )
    throw new Error('its masteryScore is not a number from 0 to 1');
  return {
    contextTemplate: contextTemplate as XapiContext,
    launchMode: launchMode as LaunchMode,
    masteryScore: typeof masteryScore === 'number' ? masteryScore : null,
    moveOn: typeof moveOn === 'string' ? moveOn : null,
    returnUrl: typeof returnURL === 'string' && returnURL !== '' ? returnURL : null,
  };
}

/** The xAPI requests of one session: its key and version on each, and each answer sorted for the outbox. */
class XapiClient implements Transport {
  constructor(
    private readonly launch: Cmi5Launch,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  stateUrl(stateId: string): string {
    const url = new URL('activities/state', this.launch.endpoint);
    url.searchParams.set('activityId', this.launch.activityId);
    url.searchParams.set('agent', JSON.stringify(this.launch.actor));
    url.searchParams.set('registration', this.launch.registration);
    url.searchParams.set('stateId', stateId);
    return url.href;
  }

  postStatements(statements: XapiStatement[], options: { keepalive: boolean }): Promise<SendResult> {
    return this.send(new URL('statements', this.launch.endpoint).href, {
      method: 'POST',
      body: JSON.stringify(statements),
      contentType: 'application/json',
      keepalive: options.keepalive,
    });
  }

  putProgress(row: ProgressRow): Promise<SendResult> {
    const document = { format: PROGRESS_FORMAT, formatVersion: PROGRESS_FORMAT_VERSION, text: row.text };
    return this.send(row.url, {
      method: 'PUT',
      body: JSON.stringify(document),
      contentType: 'application/json',
      keepalive: false,
    });
  }

  /** A state document's text, null when there is none, or why it could not be read. */
  async getDocument(
    url: string,
  ): Promise<{ kind: 'found'; text: string | null } | Exclude<SendResult, { kind: 'accepted' }>> {
    const answer = await this.request(url, { method: 'GET', keepalive: false });
    if ('kind' in answer) return answer;
    if (answer.status === 404) return { kind: 'found', text: null };
    if (answer.ok) {
      try {
        return { kind: 'found', text: await answer.text() };
      } catch (error) {
        return { kind: 'unreachable', detail: describeError(error) };
      }
    }
    return sortFailure(answer);
  }

  private async send(
    url: string,
    init: { method: string; body: string; contentType: string; keepalive: boolean },
  ): Promise<SendResult> {
    const answer = await this.request(url, init);
    if ('kind' in answer) return answer;
    // Read the body either way: an unread body keeps the connection busy.
    const failure = answer.ok ? null : await sortFailure(answer);
    if (answer.ok) await answer.arrayBuffer().catch(() => undefined);
    return failure ?? { kind: 'accepted' };
  }

  private async request(
    url: string,
    init: { method: string; body?: string; contentType?: string; keepalive: boolean },
  ): Promise<Response | { kind: 'unreachable'; detail: string }> {
    const fetchFn = this.fetchFn;
    try {
      return await fetchFn(url, {
        method: init.method,
        headers: {
          Authorization: `Basic ${this.token}`,
          'X-Experience-API-Version': XAPI_VERSION,
          ...(init.contentType ? { 'Content-Type': init.contentType } : {}),
        },
        ...(init.body === undefined ? {} : { body: init.body }),
        // A keepalive request outlives the page, so it has no timeout of ours.
        ...(init.keepalive ? { keepalive: true } : { signal: AbortSignal.timeout(this.timeoutMs) }),
      });
    } catch (error) {
      return { kind: 'unreachable', detail: describeError(error) };
    }
  }
}

async function sortFailure(response: Response): Promise<Exclude<SendResult, { kind: 'accepted' }>> {
  const body = await response.text().catch(() => '');
  const detail = `HTTP ${response.status}${body.trim() ? `: ${body.trim().slice(0, 300)}` : ''}`;
  const status = response.status;
  if (status === 401) return { kind: 'unauthorised', detail };
  if (status === 409) return { kind: 'conflict', detail };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'unreachable', detail };
  return { kind: 'refused', status, detail };
}

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * The session's key, when it began and the LMS.LaunchData it was given, kept for a reload of the page: a
 * reload goes on with the session even while the LRS cannot be reached (the launch data does not change
 * within a session).
 */
interface KeptSession {
  token: string;
  initializedAt: number;
  /** LMS.LaunchData's text as read at launch; absent until it has been read. */
  launchData?: string;
}

function readKeptSession(storage: Cmi5Deps['sessionStorage'], fetchUrl: string): KeptSession | null {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(SESSION_KEY(fetchUrl)) ?? 'null');
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.token !== 'string' || typeof value.initializedAt !== 'number')
    return null;
  return {
    token: value.token,
    initializedAt: value.initializedAt,
    ...(typeof value.launchData === 'string' ? { launchData: value.launchData } : {}),
  };
}

function keepSession(storage: Cmi5Deps['sessionStorage'], fetchUrl: string, kept: KeptSession): void {
  try {
    storage.setItem(SESSION_KEY(fetchUrl), JSON.stringify(kept));
  } catch {
    // Not kept for a reload: this page goes on with it.
  }
}

/** Tries `task` again after each wait while the LMS cannot be reached; the last answer otherwise. */
async function withRetries<T extends { kind: string }>(waits: number[], task: () => Promise<T>): Promise<T> {
  let answer = await task();
  for (const wait of waits) {
    if (answer.kind !== 'unreachable') break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    answer = await task();
  }
  return answer;
}

/** POSTs the fetch URL for the session's key (once: cmi5 gives it out only once). */
async function fetchToken(
  launch: Cmi5Launch,
  deps: Cmi5Deps,
): Promise<{ kind: 'token'; token: string } | { kind: 'unreachable' | 'refused'; detail: string }> {
  const fetchFn = deps.fetch;
  let response: Response;
  try {
    response = await fetchFn(launch.fetch, {
      method: 'POST',
      signal: AbortSignal.timeout(deps.requestTimeoutMs ?? 15_000),
    });
  } catch (error) {
    return { kind: 'unreachable', detail: describeError(error) };
  }
  if (!response.ok) {
    const failure = await sortFailure(response);
    return { kind: failure.kind === 'unreachable' ? 'unreachable' : 'refused', detail: failure.detail };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'refused', detail: 'its answer was not JSON' };
  }
  if (isRecord(body) && typeof body['auth-token'] === 'string' && body['auth-token'] !== '') {
    return { kind: 'token', token: body['auth-token'] };
  }
  if (isRecord(body) && body['error-code'] !== undefined) {
    const text = typeof body['error-text'] === 'string' ? `: ${body['error-text']}` : '';
    return { kind: 'refused', detail: `error ${String(body['error-code'])}${text}` };
  }
  return { kind: 'refused', detail: 'its answer had no auth-token' };
}

/**
 * Opens the session: the key (fetched once, or kept from before a reload), LMS.LaunchData, the outbox,
 * and `initialized` queued. Refuses with an LmsError when the key or the launch data cannot be had.
 */
export async function openCmi5(launch: Cmi5Launch, deps: Cmi5Deps): Promise<Cmi5Connection> {
  const now = deps.now ?? Date.now;
  const waits = deps.launchRetryMs ?? [500, 1000, 2000];
  const timeoutMs = deps.requestTimeoutMs ?? 15_000;

  let kept = readKeptSession(deps.sessionStorage, launch.fetch);
  if (!kept) {
    const answer = await withRetries(waits, () => fetchToken(launch, deps));
    if (answer.kind !== 'token') throw new LmsError(MESSAGES.noKey(answer.detail));
    kept = { token: answer.token, initializedAt: now() };
    keepSession(deps.sessionStorage, launch.fetch, kept);
  }

  const client = new XapiClient(launch, kept.token, deps.fetch, timeoutMs);
  // Read once per session: a reloaded page uses what the launch read, so it needs no LRS to go on.
  let launchText = kept.launchData;
  if (launchText === undefined) {
    const answer = await withRetries(waits, () => client.getDocument(client.stateUrl('LMS.LaunchData')));
    if (answer.kind !== 'found') throw new LmsError(MESSAGES.noLaunchData(answer.detail));
    if (answer.text === null)
      throw new LmsError(MESSAGES.noLaunchData('there is no LMS.LaunchData document'));
    launchText = answer.text;
  }
  let launchData: LaunchData;
  try {
    launchData = parseLaunchData(launchText);
  } catch (error) {
    throw new LmsError(MESSAGES.noLaunchData(`LMS.LaunchData is unreadable: ${(error as Error).message}`));
  }
  if (kept.launchData === undefined)
    keepSession(deps.sessionStorage, launch.fetch, { ...kept, launchData: launchText });

  let outbox: Outbox;
  try {
    outbox = await Outbox.open(
      deps.databaseName ?? DEFAULT_DATABASE,
      deps,
      launch.endpoint,
      client.stateUrl(PROGRESS_STATE_ID),
      client,
      { ...DEFAULT_OUTBOX_OPTIONS, ...deps.outbox },
    );
  } catch (error) {
    throw new LmsError(MESSAGES.noOutbox(describeError(error)));
  }

  const sessionId = launchData.contextTemplate.extensions?.[SESSION_ID_EXTENSION];
  const session = typeof sessionId === 'string' && sessionId !== '' ? sessionId : launch.fetch;
  const progressCopyKey = `${SESSION_KEY(launch.fetch)}:progress`;
  const progressCopy: ProgressCopy = {
    read: () => {
      try {
        return deps.sessionStorage.getItem(progressCopyKey);
      } catch {
        return null;
      }
    },
    write: (text) => {
      try {
        deps.sessionStorage.setItem(progressCopyKey, text);
      } catch {
        // Not kept for a reload: the LRS still has it.
      }
    },
  };
  const connection = new Cmi5Session(
    launch,
    launchData,
    client,
    outbox,
    kept.initializedAt,
    now,
    waits,
    {
      initialized: await statementId(launch.registration, session, 'initialized'),
      terminated: await statementId(launch.registration, session, 'terminated'),
    },
    progressCopy,
  );
  await connection.begin();
  return connection;
}

/**
 * The tab's copy of the latest progress, so a page reloaded while the LRS cannot be reached resumes from
 * it rather than starting afresh (the LRS has the same text, or will once the outbox sends it).
 */
interface ProgressCopy {
  read(): string | null;
  write(text: string): void;
}

class Cmi5Session implements Cmi5Connection {
  readonly standard = 'cmi5';
  readonly learner: { id: string; name: string };
  readonly judged: boolean;
  readonly launchMode: LaunchMode;
  readonly returnUrl: string | null;
  readonly progressLimit = null;
  /** Ended by the trainee leaving the course, never by the page closing (see LmsConnection). */
  readonly endsWithPage = false;
  private readonly facts: SessionFacts;
  private readonly progressUrl: string;
  /** Statements are made one after another, so they are queued in the order they were asked for. */
  private making: Promise<unknown> = Promise.resolve();
  private makingCount = 0;
  private ended = false;
  /** The latest timestamp given a statement: terminated is never timed before it. */
  private latest = 0;

  constructor(
    private readonly launch: Cmi5Launch,
    launchData: LaunchData,
    private readonly client: XapiClient,
    private readonly outbox: Outbox,
    private readonly initializedAt: number,
    private readonly now: () => number,
    private readonly retryWaits: number[],
    private readonly sessionIds: { initialized: string; terminated: string },
    private readonly progressCopy: ProgressCopy,
  ) {
    const id = launch.actor.account?.name ?? launch.actor.mbox ?? '';
    this.learner = { id, name: launch.actor.name?.trim() || id };
    this.judged = launchData.launchMode === 'Normal';
    this.launchMode = launchData.launchMode;
    this.returnUrl = launchData.returnUrl;
    this.facts = {
      actor: launch.actor,
      activityId: launch.activityId,
      registration: launch.registration,
      contextTemplate: launchData.contextTemplate,
      masteryScore: launchData.masteryScore,
    };
    this.progressUrl = client.stateUrl(PROGRESS_STATE_ID);
  }

  /** Goes on with a reloaded session (its `terminated` taken back if unsent), or starts it: `initialized`. */
  async begin(): Promise<void> {
    await this.outbox.withdraw(this.sessionIds.terminated);
    await this.queue(async () => [
      initializedStatement(this.facts, this.sessionIds.initialized, utc(this.initializedAt)),
    ]);
  }

  status(): OutboxStatus {
    return this.outbox.status();
  }

  readonly delivery = {
    status: () => this.outbox.status(),
    subscribe: (listener: (status: OutboxStatus) => void) => this.outbox.subscribe(listener),
  };

  subscribe(listener: (status: OutboxStatus) => void): () => void {
    return this.outbox.subscribe(listener);
  }

  async loadProgress(): Promise<string | null> {
    const waiting = this.outbox.waitingProgress(this.progressUrl);
    if (waiting !== null) return waiting;
    const answer = await withRetries(this.retryWaits, () => this.client.getDocument(this.progressUrl));
    if (answer.kind !== 'found') {
      const copy = this.progressCopy.read();
      if (copy !== null) return copy;
      throw new LmsError(MESSAGES.progressNotLoaded(answer.detail));
    }
    if (answer.text === null) return null;
    let document: unknown;
    try {
      document = JSON.parse(answer.text);
    } catch {
      throw new LmsError(MESSAGES.progressNotLoaded('it is not JSON'));
    }
    if (!isRecord(document) || document.format !== PROGRESS_FORMAT || typeof document.text !== 'string')
      throw new LmsError(MESSAGES.progressNotLoaded(`it is not a ${PROGRESS_FORMAT} document`));
    if (document.formatVersion !== PROGRESS_FORMAT_VERSION)
      throw new LmsError(
        MESSAGES.progressNotLoaded(
          `it is version ${String(document.formatVersion)}; this build reads version ${PROGRESS_FORMAT_VERSION}`,
        ),
      );
    this.progressCopy.write(document.text);
    return document.text;
  }

  /** Saved now if the LRS answers; if it cannot be reached, kept and saved when it can (the latest wins). */
  async saveProgress(text: string): Promise<void> {
    this.progressCopy.write(text);
    await this.outbox.keepProgress({ url: this.progressUrl, text }).catch(() => {
      // Kept in memory: saved while this page lasts.
    });
    const result = await this.outbox.saveProgressNow();
    if (result === null) return;
    switch (result.kind) {
      case 'accepted':
      case 'unreachable':
        return;
      case 'refused':
      case 'conflict':
      case 'unauthorised':
        throw new LmsError(MESSAGES.progressRefused(result.detail));
    }
  }

  async decided(decision: Decision): Promise<void> {
    if (!decision.entry.type.startsWith('trainee.')) return;
    await this.queue(async () => {
      const id = await statementId(this.launch.registration, decision.attempt, String(decision.index));
      const { timestamp, decidedAt } = this.timeOf(decision.entry.wall);
      const statement = decisionStatement(this.facts, id, decision, timestamp, decidedAt);
      return statement ? [statement] : [];
    });
  }

  async finished(outcome: AttemptOutcome, course: CourseStatus): Promise<void> {
    await this.queue(async () => {
      const { registration } = this.launch;
      const { timestamp } = this.timeOf(outcome.finishedAt);
      const statements: XapiStatement[] = [];
      for (const choice of outcome.choices) {
        const id = await statementId(registration, outcome.attempt, 'choice', choice.kind);
        statements.push(choiceStatement(this.facts, id, outcome, choice, timestamp));
      }
      for (const finding of outcome.findings) {
        const id = await statementId(registration, outcome.attempt, 'finding', finding.id);
        statements.push(findingStatement(this.facts, id, outcome, finding, timestamp));
      }
      const totalId = await statementId(registration, outcome.attempt, 'total');
      statements.push(totalStatement(this.facts, totalId, outcome, timestamp));
      if (this.judged && course.justCompleted) {
        // Once per registration: the ids are the registration's, so a second one is never queued.
        const duration = this.now() - this.initializedAt;
        const completedId = await statementId(registration, 'completed');
        statements.push(completedStatement(this.facts, completedId, timestamp, duration));
        if (course.score !== null) {
          const scaled = scaledScore(course.score);
          // cmi5 10.2.4: passed or failed is judged by the LMS's masteryScore when it gave one.
          const masteryScore = this.facts.masteryScore;
          const passed = masteryScore === null ? course.passed === true : scaled >= masteryScore;
          const judgedId = await statementId(registration, 'passed-or-failed');
          statements.push(judgedStatement(this.facts, judgedId, passed, scaled, timestamp, duration));
        }
      }
      return statements;
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const at = Math.max(this.now(), this.latest);
    const terminated = terminatedStatement(
      this.facts,
      this.sessionIds.terminated,
      utc(at),
      at - this.initializedAt,
    );
    if (this.makingCount === 0) {
      this.outbox.exit(terminated);
    } else {
      // Statements still being made go first; the next page (or launch) sends them and this one.
      this.making = this.making.then(() => this.outbox.add([terminated])).catch(() => {});
      this.outbox.exit(null);
    }
  }

  close(): Promise<void> {
    this.ended = true;
    return this.making.catch(() => {}).then(() => this.outbox.close());
  }

  /**
   * A statement's time: when it happened, in UTC, but never before the session's `initialized` (cmi5 orders
   * a session's statements by timestamp); an earlier action keeps its own time in `decidedAt`.
   */
  private timeOf(wall: string | undefined): { timestamp: string; decidedAt?: string } {
    const parsed = wall === undefined ? NaN : Date.parse(wall);
    const at = Number.isNaN(parsed) ? this.now() : parsed;
    this.latest = Math.max(this.latest, at);
    if (at < this.initializedAt) return { timestamp: utc(this.initializedAt), decidedAt: utc(at) };
    return { timestamp: utc(at) };
  }

  /** Makes statements after those asked for before, and queues them; nothing after `end`. */
  private queue(make: () => Promise<XapiStatement[]>): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.makingCount += 1;
    const run = this.making
      .then(async () => {
        const statements = await make();
        if (statements.length === 0) return;
        try {
          await this.outbox.add(statements);
        } catch (error) {
          throw new LmsError(MESSAGES.notKept(describeError(error)));
        }
      })
      .finally(() => (this.makingCount -= 1));
    this.making = run.catch(() => {});
    return run;
  }
}
