/*
 * The cmi5 connection against the test LRS over HTTP (fake-indexeddb stands in for the browser's
 * IndexedDB, a Map for sessionStorage): launch parameters refused by name; a session's statements, all
 * valid xAPI and keeping cmi5's rules; the LRS going away and coming back, and the page reloading, with
 * every statement arriving once and in order; progress saved and loaded; a Browse launch judging nothing.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import {
  openCmi5,
  parseCmi5Launch,
  PROGRESS_STATE_ID,
  type Cmi5Connection,
  type Cmi5Deps,
} from '../../src/lms/cmi5.ts';
import { LmsError, type AttemptOutcome, type CourseStatus, type Decision } from '../../src/lms/lms.ts';
import type { OutboxStatus } from '../../src/lms/outbox.ts';
import { isoDuration, statementId } from '../../src/lms/xapi-statements.ts';
import { cmi5Problems } from '../lrs/cmi5-rules.ts';
import { DEFAULT_SETTINGS, startLrs, type Lrs } from '../lrs/lrs.ts';

const APP = 'http://127.0.0.1:4391/index.html';
const START = Date.parse('2026-12-01T10:00:00.000Z');
const wall = (seconds: number) => new Date(START + seconds * 1000).toISOString();

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

/** The clock the connections read: a minute before the call starts. */
let clock = START - 60_000;
let inFlight = 0;
const trackedFetch: typeof fetch = async (input, init) => {
  inFlight += 1;
  try {
    return await fetch(input, init);
  } finally {
    inFlight -= 1;
  }
};

let lrs: Lrs;
let databaseCount = 0;
const open: Cmi5Connection[] = [];

function deps(overrides: Partial<Cmi5Deps> = {}): Cmi5Deps {
  return {
    fetch: trackedFetch,
    sessionStorage: new MemoryStorage(),
    indexedDB,
    IDBKeyRange,
    databaseName: `cmi5-test-${++databaseCount}`,
    now: () => clock,
    outbox: { firstRetryMs: 20, maxRetryMs: 100 },
    launchRetryMs: [20, 40],
    requestTimeoutMs: 3000,
    ...overrides,
  };
}

async function connect(overrides: Partial<Cmi5Deps> = {}, launchUrl = lrs.launchUrl(APP)) {
  const connection = await openCmi5(parseCmi5Launch(new URL(launchUrl).searchParams), deps(overrides));
  open.push(connection);
  return connection;
}

async function until(what: string, condition: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sent = (connection: Cmi5Connection) =>
  until('the outbox to empty', () => connection.status().state === 'sent');

beforeEach(async () => {
  clock = START - 60_000;
  lrs = await startLrs();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
  await lrs.stop();
});

/** A model attempt's events at case 4, with the times the app stamped them. */
const EVENTS: AttemptEntry[] = [
  { type: 'trainee.start', at: 0, wall: wall(0) },
  { type: 'trainee.answer', at: 4, wall: wall(4) },
  {
    type: 'trainee.speak',
    text: 'Police, what is your emergency?',
    intents: [{ ask: 'what-is-happening' }],
    at: 8,
    wall: wall(8),
  },
  { type: 'clock.tick', at: 20 },
  { type: 'trainee.code', code: 'domestic-abuse', at: 30, wall: wall(30) },
  {
    type: 'trainee.thrive',
    element: 'threat',
    rationale: 'Her ex-partner is at the door',
    at: 40,
    wall: wall(40),
  },
  { type: 'trainee.risk', level: 'high', at: 45, wall: wall(45) },
  { type: 'trainee.grade', grade: 'immediate', reason: 'Threat to life', at: 50, wall: wall(50) },
  {
    type: 'trainee.check',
    system: 'pnc',
    query: 'Dean Marsh',
    subject: 'dean-marsh',
    at: 55,
    wall: wall(55),
  },
  { type: 'trainee.endCall', at: 90, wall: wall(90) },
];
/** The verbs those events are sent as (the clock's tick is not a decision). */
const DECISION_VERBS = [
  'attempted',
  'interacted',
  'interacted',
  'answered',
  'answered',
  'answered',
  'answered',
  'interacted',
  'interacted',
];

const decision = (index: number, attempt = 'attempt-1'): Decision => {
  const entry = EVENTS[index];
  if (!entry) throw new Error(`no event ${index}`);
  return { attempt, scenario: 'ltl41-04', scenarioVersion: 3, index, entry };
};

function outcome(overrides: Partial<AttemptOutcome> = {}): AttemptOutcome {
  return {
    attempt: 'attempt-1',
    scenario: 'ltl41-04',
    scenarioVersion: 3,
    title: 'Case 4: the ex-partner at the door',
    finishedAt: wall(95),
    counted: true,
    total: 82,
    band: 'compliant',
    choices: [
      { kind: 'opening-code', chosen: 'domestic-abuse', correct: ['domestic-abuse'], result: 'correct' },
      { kind: 'grade', chosen: 'priority', correct: ['immediate'], result: 'wrong' },
      { kind: 'risk-level', chosen: null, correct: ['high', 'medium'], result: 'wrong' },
    ],
    findings: [
      {
        id: 'grading:wrong-grade:expected=immediate',
        dimension: 'grading',
        severity: 'major',
        source: 'iopc-finding',
      },
      { id: 'thrive:recorded:element=threat', dimension: 'thrive', severity: 'good-practice', source: 'app' },
    ],
    ...overrides,
  };
}

function course(overrides: Partial<CourseStatus> = {}): CourseStatus {
  return {
    score: 82,
    finished: 1,
    of: 1,
    completed: true,
    justCompleted: true,
    passed: true,
    passMark: 75,
    ...overrides,
  };
}

const FINISHED_VERBS = ['answered', 'answered', 'answered', 'scored', 'scored', 'scored'];
const FULL_SESSION = [
  'initialized',
  ...DECISION_VERBS,
  ...FINISHED_VERBS,
  'completed',
  'passed',
  'terminated',
];

type Held = {
  id: string;
  verb: { id: string };
  object: { id: string; definition?: Record<string, unknown> };
  result?: {
    response?: string;
    success?: boolean;
    completion?: boolean;
    duration?: string;
    score?: Record<string, number>;
    extensions?: Record<string, unknown>;
  };
  context: {
    registration: string;
    contextActivities: Record<string, { id: string }[]>;
    extensions: Record<string, unknown>;
  };
  timestamp: string;
};
const held = () => lrs.statements() as unknown as Held[];
const verbs = () =>
  held().map((statement) => statement.verb.id.replace('http://adlnet.gov/expapi/verbs/', ''));
const expectations = (overrides: Partial<Parameters<typeof cmi5Problems>[1]> = {}) => ({
  activityId: lrs.target.activityId,
  registration: lrs.target.registration,
  publisherId: DEFAULT_SETTINGS.publisherId,
  masteryScore: 0.75,
  launchMode: 'Normal' as const,
  ...overrides,
});
const fetchPosts = () => lrs.requests().filter((request) => request.path.startsWith('/cmi5/fetch/')).length;

async function playCase(connection: Cmi5Connection, indices = EVENTS.map((_, i) => i)) {
  for (const index of indices) await connection.decided(decision(index));
}

describe('launch parameters', () => {
  const good = () => new URL(lrs.launchUrl(APP)).searchParams;

  it('reads a well-formed launch', () => {
    const launch = parseCmi5Launch(good());
    expect(launch.endpoint).toBe(lrs.endpoint);
    expect(launch.actor.account?.name).toBe('learner-4471');
    expect(launch.registration).toBe(lrs.target.registration);
    const slashless = good();
    slashless.set('endpoint', lrs.endpoint.replace(/\/$/, ''));
    expect(parseCmi5Launch(slashless).endpoint).toBe(lrs.endpoint);
  });

  it.each(['endpoint', 'fetch', 'actor', 'registration', 'activityId'])(
    'refuses a launch without "%s", naming it',
    (name) => {
      const search = good();
      search.delete(name);
      expect(() => parseCmi5Launch(search)).toThrow(LmsError);
      expect(() => parseCmi5Launch(search)).toThrow(
        `The LMS's launch address has no "${name}" parameter, so results cannot be reported.`,
      );
    },
  );

  it.each([
    ['endpoint', 'lrs.example.ac.uk/xapi'],
    ['fetch', 'ftp://lms.example.ac.uk/fetch'],
    ['actor', 'PC 4471 Shah'],
    ['actor', '{"objectType":"Agent","name":"PC 4471 Shah"}'],
    ['actor', '{"objectType":"Group","mbox":"mailto:team@example.ac.uk"}'],
    ['actor', '{"account":{"homePage":"https://lms.example.ac.uk","name":""}}'],
    ['registration', 'registration-1'],
    ['activityId', 'an activity'],
  ])('refuses a malformed "%s" (%s), naming it', (name, value) => {
    const search = good();
    search.set(name, value);
    expect(() => parseCmi5Launch(search)).toThrow(LmsError);
    expect(() => parseCmi5Launch(search)).toThrow(
      `The LMS's launch address has a "${name}" parameter that is not`,
    );
  });

  it('takes a learner named by email address', () => {
    const search = good();
    search.set('actor', '{"mbox":"mailto:pc4471@police.example.uk"}');
    expect(parseCmi5Launch(search).actor).toEqual({
      objectType: 'Agent',
      mbox: 'mailto:pc4471@police.example.uk',
    });
  });
});

describe('a Normal session', () => {
  it('sends initialized, each decision, the attempt’s choices, findings and total, completed, passed and terminated: all valid, keeping cmi5’s rules', async () => {
    const connection = await connect();
    expect(connection.learner).toEqual({ id: 'learner-4471', name: 'PC 4471 Shah' });
    expect(connection.judged).toBe(true);
    expect(connection.progressLimit).toBeNull();
    await playCase(connection);
    clock = START + 100_000;
    await connection.finished(outcome(), course());
    await sent(connection);
    connection.end();
    await until('terminated', () => verbs().includes('terminated'));

    expect(verbs()).toEqual(FULL_SESSION);
    expect(lrs.invalid()).toEqual([]);
    expect(cmi5Problems(lrs.statements(), expectations())).toEqual([]);
    expect(new Set(held().map((s) => s.id)).size).toBe(FULL_SESSION.length);
    expect(lrs.received).toBe(FULL_SESSION.length);
    expect(fetchPosts()).toBe(1);
    const xapiRequests = lrs.requests().filter((request) => request.path.startsWith('/xapi/'));
    expect(xapiRequests.length).toBeGreaterThan(0);
    for (const request of xapiRequests) {
      expect(request.authorization).toMatch(/^Basic .+/);
      expect(request.version).toBe('1.0.3');
      expect(request.status).toBeLessThan(300);
    }
  });

  it('says what was decided, on which question, when and in which attempt', async () => {
    const connection = await connect();
    await playCase(connection);
    await sent(connection);
    const scenario = `${lrs.target.activityId}/scenarios/ltl41-04`;
    const grade = held().find((s) => s.object.id.endsWith('/decisions/trainee.grade'));
    expect(grade).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
      object: {
        id: `${scenario}/decisions/trainee.grade`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: 'choice',
        },
      },
      result: {
        response: 'immediate',
        extensions: {
          'urn:control-room-trainer:xapi:attempt': 'attempt-1',
          'urn:control-room-trainer:xapi:event-index': 7,
          'urn:control-room-trainer:xapi:phase-time': 50,
          'urn:control-room-trainer:xapi:scenario-version': 3,
          'urn:control-room-trainer:xapi:reason': 'Threat to life',
        },
      },
      timestamp: wall(50),
    });
    expect(grade?.id).toBe(await statementId(lrs.target.registration, 'attempt-1', '7'));
    // The LMS's context template is kept, and the scenario is the decision's parent; no cmi5 category.
    expect(grade?.context.registration).toBe(lrs.target.registration);
    expect(grade?.context.contextActivities.grouping).toEqual([
      { objectType: 'Activity', id: DEFAULT_SETTINGS.publisherId },
    ]);
    expect(grade?.context.contextActivities.parent).toEqual([{ id: scenario }]);
    expect(grade?.context.contextActivities.category).toBeUndefined();
    expect(grade?.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(
      lrs.sessionId,
    );

    const speak = held().find((s) => s.object.id.endsWith('/decisions/trainee.speak'));
    expect(speak?.verb.id).toBe('http://adlnet.gov/expapi/verbs/interacted');
    expect(speak?.result?.response).toBe('Police, what is your emergency?');
    const thrive = held().find((s) => s.object.id.includes('/decisions/trainee.thrive'));
    expect(thrive?.object.id).toBe(`${scenario}/decisions/trainee.thrive/threat`);
    const start = held().find((s) => s.verb.id.endsWith('/attempted'));
    expect(start?.object.id).toBe(scenario);
  });

  it('reports the finished attempt by ids, and the course’s scaled score with passed', async () => {
    const connection = await connect();
    await connection.finished(outcome(), course());
    await sent(connection);
    const scenario = `${lrs.target.activityId}/scenarios/ltl41-04`;
    const grade = held().find((s) => s.object.id === `${scenario}/choices/grade`);
    expect(grade?.result).toMatchObject({ success: false, response: 'priority' });
    expect(grade?.object.definition).toMatchObject({
      interactionType: 'choice',
      correctResponsesPattern: ['immediate'],
    });
    const risk = held().find((s) => s.object.id === `${scenario}/choices/risk-level`);
    expect(risk?.result?.response).toBeUndefined();
    const missed = held().find((s) =>
      s.object.id.endsWith('/findings/grading%3Awrong-grade%3Aexpected%3Dimmediate'),
    );
    expect(missed?.result).toMatchObject({
      success: false,
      extensions: {
        'urn:control-room-trainer:xapi:finding': 'grading:wrong-grade:expected=immediate',
        'urn:control-room-trainer:xapi:severity': 'major',
        'urn:control-room-trainer:xapi:source': 'iopc-finding',
        'urn:control-room-trainer:xapi:dimension': 'grading',
      },
    });
    const good = held().find((s) => s.object.id.includes('/findings/thrive'));
    expect(good?.result?.success).toBe(true);
    const total = held().find((s) => s.object.id === scenario);
    expect(total?.result?.score).toEqual({ raw: 82, min: 0, max: 100, scaled: 0.82 });
    expect(total?.result?.extensions?.['urn:control-room-trainer:xapi:counted']).toBe(true);
    const passed = held().find((s) => s.verb.id.endsWith('/passed'));
    expect(passed?.object.id).toBe(lrs.target.activityId);
    expect(passed?.result).toMatchObject({ success: true, score: { scaled: 0.82 } });
    expect(passed?.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(
      0.75,
    );
    expect(lrs.invalid()).toEqual([]);
  });

  it('judges by the LMS’s masteryScore when it differs from the course’s pass mark: failed, below it', async () => {
    lrs.setLaunchData({ masteryScore: 0.9 });
    const connection = await connect();
    await connection.finished(outcome({ total: 85 }), course({ score: 85, passed: true }));
    await sent(connection);
    const judged = held().filter((s) => /\/(passed|failed)$/.test(s.verb.id));
    expect(judged.map((s) => s.verb.id)).toEqual(['http://adlnet.gov/expapi/verbs/failed']);
    expect(judged[0]?.result).toMatchObject({ success: false, score: { scaled: 0.85 } });
    expect(cmi5Problems(lrs.statements(), expectations({ masteryScore: 0.9 }))).toEqual([]);
  });

  it('sends completed and passed once, and nothing judged for an attempt that does not complete the course', async () => {
    const connection = await connect();
    await connection.finished(
      outcome({ attempt: 'a' }),
      course({ completed: false, justCompleted: false, passed: null }),
    );
    await connection.finished(outcome({ attempt: 'b' }), course());
    await connection.finished(outcome({ attempt: 'c' }), course({ justCompleted: true }));
    await sent(connection);
    expect(verbs().filter((verb) => ['completed', 'passed', 'failed'].includes(verb))).toEqual([
      'completed',
      'passed',
    ]);
  });

  it('queues the same decision once, however often it is asked', async () => {
    const connection = await connect();
    await connection.decided(decision(7));
    await connection.decided(decision(7));
    await sent(connection);
    await connection.decided(decision(7));
    await sent(connection);
    expect(verbs()).toEqual(['initialized', 'answered']);
    expect(lrs.received).toBe(2);
  });
});

it('a Browse launch sends decisions and findings, but no completed, passed or failed', async () => {
  lrs.setLaunchData({ launchMode: 'Browse' });
  const connection = await connect();
  expect(connection.judged).toBe(false);
  await playCase(connection);
  await connection.finished(outcome(), course());
  await sent(connection);
  connection.end();
  await until('terminated', () => verbs().includes('terminated'));
  expect(verbs()).toEqual(['initialized', ...DECISION_VERBS, ...FINISHED_VERBS, 'terminated']);
  expect(cmi5Problems(lrs.statements(), expectations({ launchMode: 'Browse' }))).toEqual([]);
  expect(lrs.invalid()).toEqual([]);
});

describe('when the LRS goes away', () => {
  it('keeps what is decided meanwhile, says so, and sends everything once and in order when it is back', async () => {
    const statuses: OutboxStatus[] = [];
    const connection = await connect();
    connection.subscribe((status) => statuses.push(status));
    await playCase(connection, [0, 1, 2]);
    await sent(connection);
    await lrs.stop();
    await playCase(connection, [3, 4, 5, 6, 7, 8, 9]);
    clock = START + 100_000;
    await connection.finished(outcome(), course());
    await until('retrying', () => connection.status().state === 'retrying');
    expect(connection.status().waiting).toBe(FULL_SESSION.length - 4 - 1);
    await lrs.start();
    await sent(connection);
    expect(statuses.map((status) => status.state)).toContain('retrying');
    expect(statuses.at(-1)).toEqual({ state: 'sent', waiting: 0, refused: 0 });
    connection.end();
    await until('terminated', () => verbs().includes('terminated'));

    expect(verbs()).toEqual(FULL_SESSION);
    expect(new Set(held().map((s) => s.id)).size).toBe(FULL_SESSION.length);
    expect(cmi5Problems(lrs.statements(), expectations())).toEqual([]);
    expect(lrs.invalid()).toEqual([]);
  });

  it('tries again after a 5xx', async () => {
    const connection = await connect();
    await sent(connection);
    lrs.failNext(3, 503);
    await playCase(connection, [0, 1]);
    await sent(connection);
    expect(verbs()).toEqual(['initialized', 'attempted', 'interacted']);
  });

  it('drops a statement the LRS refuses (4xx) and counts it, sending the rest of its batch', async () => {
    const connection = await connect();
    await sent(connection);
    await lrs.stop();
    await playCase(connection, [0, 1, 2]);
    await until('retrying', () => connection.status().state === 'retrying');
    // The batch of three is refused, then its first statement alone: the other two go.
    lrs.failNext(2, 400);
    await lrs.start();
    await sent(connection);
    expect(verbs()).toEqual(['initialized', 'interacted', 'interacted']);
    expect(connection.status()).toEqual({ state: 'sent', waiting: 0, refused: 1 });
  });

  it('stops sending, keeping the statements, when the LMS no longer accepts the key', async () => {
    const connection = await connect();
    await sent(connection);
    lrs.failNext(1, 401);
    await playCase(connection, [0]);
    await until('stopped', () => connection.status().state === 'stopped');
    expect(connection.status()).toMatchObject({ state: 'stopped', waiting: 1 });
    await playCase(connection, [1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(verbs()).toEqual(['initialized']);
  });
});

describe('a reloaded page', () => {
  it('goes on with the session’s key, sends what the last page left, and takes back its unsent terminated', async () => {
    const sessionStorage = new MemoryStorage();
    const databaseName = `reload-${++databaseCount}`;
    const launchUrl = lrs.launchUrl(APP);
    const first = await connect({ sessionStorage, databaseName }, launchUrl);
    await playCase(first, [0, 1, 2]);
    await sent(first);
    await lrs.stop();
    await playCase(first, [3, 4, 5, 6]);
    first.end(); // the page goes while the LRS is away: its keepalive post fails
    await until('the last post to fail', () => inFlight === 0);
    await first.close();
    await lrs.start();

    const second = await connect({ sessionStorage, databaseName }, launchUrl);
    expect(fetchPosts()).toBe(1);
    // The app queues again what it is not sure was queued: harmless.
    await second.decided(decision(1));
    await second.decided(decision(5));
    await playCase(second, [7, 8, 9]);
    clock = START + 100_000;
    await second.finished(outcome(), course());
    await sent(second);
    second.end();
    await until('terminated', () => verbs().includes('terminated'));

    expect(verbs()).toEqual(FULL_SESSION);
    expect(new Set(held().map((s) => s.id)).size).toBe(FULL_SESSION.length);
    expect(cmi5Problems(lrs.statements(), expectations())).toEqual([]);
    expect(lrs.invalid()).toEqual([]);
  });

  it('after a crash (no end), a new page over the same database sends what was left', async () => {
    const sessionStorage = new MemoryStorage();
    const databaseName = `crash-${++databaseCount}`;
    const launchUrl = lrs.launchUrl(APP);
    const first = await connect({ sessionStorage, databaseName }, launchUrl);
    await sent(first);
    await lrs.stop();
    await playCase(first, [0, 1, 2, 3, 4]);
    await first.close();
    await lrs.start();
    const second = await connect({ sessionStorage, databaseName }, launchUrl);
    await sent(second);
    expect(verbs()).toEqual(['initialized', 'attempted', 'interacted', 'interacted', 'answered']);
  });

  it('goes on while the LRS is away, with the launch data the session was given', async () => {
    const sessionStorage = new MemoryStorage();
    const databaseName = `away-${++databaseCount}`;
    const launchUrl = lrs.launchUrl(APP);
    const first = await connect({ sessionStorage, databaseName }, launchUrl);
    await playCase(first, [0, 1]);
    await sent(first);
    await lrs.stop();
    await playCase(first, [2, 3]);
    await first.close();

    const second = await connect({ sessionStorage, databaseName }, launchUrl);
    expect(second.launchMode).toBe('Normal');
    await playCase(second, [4, 5]);
    expect(second.status()).toMatchObject({ waiting: 3 });
    await lrs.start();
    await sent(second);
    expect(verbs()).toEqual(['initialized', 'attempted', 'interacted', 'interacted', 'answered', 'answered']);
    expect(cmi5Problems(lrs.statements(), expectations())).toEqual([]);
  });
});

describe('progress', () => {
  it('saves to and loads from the State API, for the registration', async () => {
    const connection = await connect();
    expect(await connection.loadProgress()).toBeNull();
    await connection.saveProgress('{"scenario":"ltl41-04","events":3}');
    expect(JSON.parse(lrs.stateDocument(PROGRESS_STATE_ID) ?? 'null')).toEqual({
      format: 'control-room-trainer/lms-progress',
      formatVersion: 1,
      text: '{"scenario":"ltl41-04","events":3}',
    });
    const later = await connect();
    expect(await later.loadProgress()).toBe('{"scenario":"ltl41-04","events":3}');
  });

  it('keeps saves made while the LRS is away, the latest winning, for this page and the next', async () => {
    const sessionStorage = new MemoryStorage();
    const databaseName = `progress-${++databaseCount}`;
    const launchUrl = lrs.launchUrl(APP);
    const connection = await connect({ sessionStorage, databaseName }, launchUrl);
    await connection.saveProgress('one');
    await lrs.stop();
    await connection.saveProgress('two');
    await connection.saveProgress('three');
    expect(await connection.loadProgress()).toBe('three');
    await connection.close();
    await lrs.start();
    const reloaded = await connect({ sessionStorage, databaseName }, launchUrl);
    expect(await reloaded.loadProgress()).toBe('three');
    await until(
      'the saved progress',
      () => lrs.stateDocument(PROGRESS_STATE_ID)?.includes('"three"') === true,
    );
  });

  it('resumes from the tab’s copy when reloaded while the LRS is away, even with nothing left to save', async () => {
    const sessionStorage = new MemoryStorage();
    const databaseName = `progress-away-${++databaseCount}`;
    const launchUrl = lrs.launchUrl(APP);
    const connection = await connect({ sessionStorage, databaseName }, launchUrl);
    await connection.saveProgress('saved before the LRS went');
    await until('the saved progress', () => lrs.stateDocument(PROGRESS_STATE_ID)?.includes('went') === true);
    await connection.close();
    await lrs.stop();
    const reloaded = await connect({ sessionStorage, databaseName, launchRetryMs: [10] }, launchUrl);
    expect(await reloaded.loadProgress()).toBe('saved before the LRS went');
    // Another tab (no copy) cannot make it up: it says the progress could not be loaded.
    await lrs.start();
    const other = await connect({ databaseName: `progress-away-${++databaseCount}` });
    await lrs.stop();
    await expect(other.loadProgress()).rejects.toThrow(LmsError);
    await lrs.start();
  });

  it('refuses an unreadable progress document with a reason', async () => {
    const connection = await connect();
    await connection.saveProgress('x');
    lrs.putLaunchData(null);
    const url = new URL(`${lrs.endpoint}activities/state`);
    url.searchParams.set('activityId', lrs.target.activityId);
    url.searchParams.set('agent', JSON.stringify(lrs.target.actor));
    url.searchParams.set('registration', lrs.target.registration);
    url.searchParams.set('stateId', PROGRESS_STATE_ID);
    const token =
      lrs.requests().find((request) => request.path === '/xapi/activities/state')?.authorization ?? '';
    await fetch(url, {
      method: 'PUT',
      headers: { Authorization: token, 'X-Experience-API-Version': '1.0.3' },
      body: '{"format":"control-room-trainer/lms-progress","formatVersion":9,"text":"x"}',
    });
    await expect(connection.loadProgress()).rejects.toThrow(/version 9; this build reads version 1/);
  });
});

describe('a launch that cannot report', () => {
  it('refuses when the key was already handed out (another tab), saying results are not reported', async () => {
    const launchUrl = lrs.launchUrl(APP);
    await connect({}, launchUrl);
    const attempt = connect({}, launchUrl);
    await expect(attempt).rejects.toThrow(LmsError);
    await expect(attempt).rejects.toThrow(
      /error 1: The authorization token has already been returned.*not reported in this session/,
    );
  });

  it('refuses, after trying again, when the LMS cannot be reached', async () => {
    const launchUrl = lrs.launchUrl(APP);
    await lrs.stop();
    await expect(connect({}, launchUrl)).rejects.toThrow(
      /did not give this session its key .*not reported in this session/,
    );
    await lrs.start();
  });

  it('refuses without LMS.LaunchData, or with a launchMode it does not know', async () => {
    const launchUrl = lrs.launchUrl(APP);
    lrs.putLaunchData(null);
    await expect(connect({}, launchUrl)).rejects.toThrow(/no LMS.LaunchData document/);
    const again = lrs.launchUrl(APP);
    lrs.putLaunchData(JSON.stringify({ contextTemplate: {}, launchMode: 'Sideways', moveOn: 'Passed' }));
    await expect(connect({}, again)).rejects.toThrow(/launchMode is not one of Normal, Browse, Review/);
  });
});

describe('statement ids and durations', () => {
  it('makes the same version 8 UUID from the same parts, and another from others', async () => {
    const id = await statementId('reg', 'attempt-1', '7');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await statementId('reg', 'attempt-1', '7')).toBe(id);
    expect(await statementId('reg', 'attempt-1', '8')).not.toBe(id);
    expect(await statementId('reg', 'attempt-17', '')).not.toBe(await statementId('reg', 'attempt-1', '7'));
  });

  it('writes durations as ISO 8601 to the hundredth of a second', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(1234)).toBe('PT1.23S');
    expect(isoDuration(3_723_500)).toBe('PT1H2M3.5S');
  });
});
