/*
 * A test LRS with a cmi5 LMS's launch side, for unit and e2e tests: a Node http server on 127.0.0.1.
 *
 * - Statements (POST, PUT, GET /xapi/statements) are kept in the order received. A statement with an id
 *   already held is a no-op when it is the same statement, and a 409 when it is not. Every statement
 *   received is checked with @learninglocker/xapi-validation: a batch holding an invalid one is refused
 *   with 400 and the validator's problems, and each invalid statement is recorded, so a test can assert
 *   there were none.
 * - The State API (GET, PUT, POST, DELETE /xapi/activities/state), where LMS.LaunchData is written for
 *   each launch.
 * - The cmi5 fetch URL: POST gives the session's auth-token once; a second POST gets error-code 1.
 * - /xapi/about; CORS for a page on another origin, preflight included; Basic auth with a handed-out
 *   token and the X-Experience-API-Version header required on every xAPI request.
 *
 * `stop()` closes the server (open connections too) and `start()` listens again on the same port: the LMS
 * going away mid-session and coming back.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

interface Warning {
  path: string[];
  data: unknown;
  constructor: { name: string };
  typeName?: string;
  keys?: string[];
}
const validateStatement = (
  createRequire(import.meta.url)('@learninglocker/xapi-validation') as {
    default: (data: unknown) => Warning[];
  }
).default;

/** What the validator found wrong with a statement, one line per problem. */
export function statementProblems(statement: unknown): string[] {
  return validateStatement(statement).map((warning) => {
    const where = warning.path.join('.');
    const kind = warning.constructor.name.replace(/Warning$/, '');
    const detail = warning.typeName
      ? `expected ${warning.typeName}`
      : warning.keys
        ? `not allowed: ${warning.keys.join(', ')}`
        : kind;
    return `${where}: ${detail} (got ${JSON.stringify(warning.data)?.slice(0, 80)})`;
  });
}

export interface LrsAgent {
  objectType?: 'Agent';
  name?: string;
  account?: { homePage: string; name: string };
  mbox?: string;
}

/** Whom and what a launch is for. */
export interface LaunchTarget {
  actor: LrsAgent;
  registration: string;
  activityId: string;
}

/** What LMS.LaunchData says, beyond the context template the LRS makes for each launch. */
export interface LaunchSettings {
  launchMode: 'Normal' | 'Browse' | 'Review';
  /** 0–1, or null to leave it out. */
  masteryScore: number | null;
  moveOn: string;
  returnURL: string | null;
  /** The AU's id in the course structure: the grouping activity of the context template. */
  publisherId: string;
}

export interface InvalidStatement {
  statement: unknown;
  problems: string[];
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  version: string | undefined;
}

export interface Lrs {
  /** The xAPI endpoint, ending in "/". */
  readonly endpoint: string;
  readonly port: number;
  /** The learner, registration and AU the launches are for (change before launching). */
  target: LaunchTarget;
  /** The session id of the latest launch (in its LMS.LaunchData context template). */
  readonly sessionId: string;
  /** A new one-time fetch URL handing out `token` (a fresh one by default). */
  fetchUrl(token?: string): string;
  /**
   * A new launch: a session id, LMS.LaunchData written for it, and the app's address with the cmi5 launch
   * parameters (each can be replaced, or removed with null).
   */
  launchUrl(appUrl: string, params?: Partial<Record<keyof Cmi5Params, string | null>>): string;
  /** Changes the launch data of the latest launch (and of the launches after it). */
  setLaunchData(settings: Partial<LaunchSettings>): void;
  /** Writes a raw LMS.LaunchData document (or removes it, null) for the target. */
  putLaunchData(text: string | null): void;
  /** The statements held, in the order received (as sent, without what the LRS adds). */
  statements(): Record<string, unknown>[];
  /** Statements refused as invalid. */
  invalid(): InvalidStatement[];
  /** Statements POSTed or PUT, duplicates and refused ones included. */
  readonly received: number;
  requests(): RequestRecord[];
  /** A state document's text, or null. */
  stateDocument(stateId: string, target?: LaunchTarget): string | null;
  /** The next `count` xAPI requests (not /about, not the fetch URL) are answered with `status`. */
  failNext(count: number, status?: number): void;
  stop(): Promise<void>;
  /** Listens again, on the same port. */
  start(): Promise<void>;
}

interface Cmi5Params {
  endpoint: string;
  fetch: string;
  actor: string;
  registration: string;
  activityId: string;
}

const STATE_ID = 'LMS.LaunchData';
const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const VERSION = '1.0.3';
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, X-Experience-API-Version, Content-Type',
  'Access-Control-Expose-Headers': 'X-Experience-API-Version, Content-Type',
  'Access-Control-Max-Age': '600',
};

export const DEFAULT_SETTINGS: LaunchSettings = {
  launchMode: 'Normal',
  masteryScore: 0.75,
  moveOn: 'CompletedAndPassed',
  returnURL: null,
  publisherId: 'urn:control-room-trainer:course:test-course:au',
};

export function defaultTarget(): LaunchTarget {
  return {
    actor: {
      objectType: 'Agent',
      name: 'PC 4471 Shah',
      account: { homePage: 'https://lms.example.ac.uk', name: 'learner-4471' },
    },
    registration: randomUUID(),
    activityId: `https://lms.example.ac.uk/activities/${randomUUID()}`,
  };
}

/** Sorted keys, so two statements compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function agentKey(agent: unknown): string | null {
  if (agent === null || typeof agent !== 'object') return null;
  const { account, mbox } = agent as LrsAgent;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string')
    return `account:${account.homePage}|${account.name}`;
  if (typeof mbox === 'string') return `mbox:${mbox}`;
  return null;
}

const stateKey = (activityId: string, agent: string, registration: string | null, stateId: string) =>
  JSON.stringify([activityId, agent, registration ?? '', stateId]);

export async function startLrs(options: { port?: number } = {}): Promise<Lrs> {
  const held: { key: string; statement: Record<string, unknown> }[] = [];
  const byId = new Map<string, string>();
  const invalid: InvalidStatement[] = [];
  const requests: RequestRecord[] = [];
  const tokens = new Set<string>();
  const fetchKeys = new Map<string, { token: string; used: boolean }>();
  const states = new Map<string, { body: string; contentType: string }>();
  let received = 0;
  let failures = { count: 0, status: 503 };
  let settings: LaunchSettings = { ...DEFAULT_SETTINGS };
  let sessionId = randomUUID();
  let port = options.port ?? 0;
  let server: Server | null = null;
  let origin = '';

  const launchDataFor = () => ({
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: settings.publisherId }] },
      extensions: { [SESSION_EXTENSION]: sessionId },
    },
    launchMode: settings.launchMode,
    ...(settings.masteryScore === null ? {} : { masteryScore: settings.masteryScore }),
    moveOn: settings.moveOn,
    ...(settings.returnURL === null ? {} : { returnURL: settings.returnURL }),
  });

  const putLaunchData = (text: string | null) => {
    const key = stateKey(
      lrs.target.activityId,
      agentKey(lrs.target.actor) ?? '',
      lrs.target.registration,
      STATE_ID,
    );
    if (text === null) states.delete(key);
    else states.set(key, { body: text, contentType: 'application/json' });
  };

  function handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', origin);
    const record: RequestRecord = {
      method: request.method ?? '',
      path: url.pathname,
      status: 0,
      authorization: request.headers.authorization,
      version: request.headers['x-experience-api-version'] as string | undefined,
    };
    requests.push(record);
    const reply = (status: number, payload?: unknown, contentType = 'application/json') => {
      record.status = status;
      const text =
        payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      response.writeHead(status, {
        ...CORS_HEADERS,
        'X-Experience-API-Version': VERSION,
        ...(text === '' ? {} : { 'Content-Type': contentType }),
      });
      response.end(text);
    };

    if (request.method === 'OPTIONS') return reply(204);

    const fetchMatch = /^\/cmi5\/fetch\/([^/]+)$/.exec(url.pathname);
    if (fetchMatch) {
      if (request.method !== 'POST') return reply(405, { error: 'the fetch URL takes POST only' });
      const entry = fetchKeys.get(fetchMatch[1] ?? '');
      if (!entry) return reply(200, { 'error-code': '2', 'error-text': 'Unknown fetch URL.' });
      if (entry.used)
        return reply(200, {
          'error-code': '1',
          'error-text': 'The authorization token has already been returned.',
        });
      entry.used = true;
      return reply(200, { 'auth-token': entry.token });
    }

    if (url.pathname === '/xapi/about' && request.method === 'GET') return reply(200, { version: [VERSION] });
    if (!url.pathname.startsWith('/xapi/')) return reply(404, { error: 'not found' });

    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return reply(failures.status, { error: 'failing on purpose' });
    }
    const auth = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
    if (!auth || !tokens.has(auth[1] ?? '')) return reply(401, { error: 'no valid Basic authorization' });
    if (!request.headers['x-experience-api-version']?.toString().startsWith('1.0'))
      return reply(400, { error: 'the X-Experience-API-Version header is missing' });

    const path = url.pathname.slice('/xapi/'.length);
    if (path === 'statements') return statements(request.method ?? '', url, body, reply);
    if (path === 'activities/state') return state(request, url, body, reply);
    return reply(404, { error: `no resource ${path}` });
  }

  type Reply = (status: number, payload?: unknown, contentType?: string) => void;

  function statements(method: string, url: URL, body: string, reply: Reply): void {
    if (method === 'GET') {
      const id = url.searchParams.get('statementId');
      if (id) {
        const found = held.find((entry) => entry.statement.id === id);
        return found ? reply(200, found.statement) : reply(404, { error: 'no such statement' });
      }
      return reply(200, { statements: held.map((entry) => entry.statement), more: '' });
    }
    if (method !== 'POST' && method !== 'PUT') return reply(405, { error: `${method} is not allowed` });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return reply(400, { error: 'the body is not JSON' });
    }
    const batch = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
    if (method === 'PUT') {
      const id = url.searchParams.get('statementId');
      if (!id || Array.isArray(parsed))
        return reply(400, { error: 'PUT takes one statement and a statementId' });
      if (batch[0] && batch[0].id === undefined) batch[0] = { ...batch[0], id };
      if (batch[0]?.id !== id) return reply(400, { error: 'the statementId does not match the id' });
    }
    received += batch.length;
    const problems: string[] = [];
    for (const [index, statement] of batch.entries()) {
      const found = statementProblems(statement);
      if (found.length > 0) {
        invalid.push({ statement, problems: found });
        problems.push(...found.map((problem) => `[${index}] ${problem}`));
      }
    }
    if (problems.length > 0) return reply(400, { error: 'invalid statements', problems });

    const withIds = batch.map((statement) =>
      statement.id === undefined ? { ...statement, id: randomUUID() } : statement,
    );
    const seen = new Map<string, string>();
    const fresh: { key: string; statement: Record<string, unknown> }[] = [];
    for (const statement of withIds) {
      const id = String(statement.id).toLowerCase();
      const key = canonical(statement);
      const existing = byId.get(id) ?? seen.get(id);
      if (existing !== undefined) {
        if (existing !== key)
          return reply(409, { error: `statement ${id} is already held with other content` });
        continue;
      }
      seen.set(id, key);
      fresh.push({ key, statement: structuredClone(statement) });
    }
    for (const entry of fresh) {
      held.push(entry);
      byId.set(String(entry.statement.id).toLowerCase(), entry.key);
    }
    return method === 'PUT'
      ? reply(204)
      : reply(
          200,
          withIds.map((statement) => statement.id),
        );
  }

  function state(request: IncomingMessage, url: URL, body: string, reply: Reply): void {
    const activityId = url.searchParams.get('activityId');
    const agentText = url.searchParams.get('agent');
    let agent: string | null;
    try {
      agent = agentKey(JSON.parse(agentText ?? 'null'));
    } catch {
      agent = null;
    }
    if (!activityId || !agent) return reply(400, { error: 'activityId and agent are required' });
    const registration = url.searchParams.get('registration');
    const stateId = url.searchParams.get('stateId');
    const method = request.method ?? '';
    if (stateId === null) {
      const prefix = stateKey(activityId, agent, registration, '').slice(0, -3);
      const ids = [...states.keys()]
        .filter((key) => key.startsWith(prefix))
        .map((key) => JSON.parse(key)[3] as string);
      if (method === 'GET') return reply(200, ids);
      if (method === 'DELETE') {
        for (const id of ids) states.delete(stateKey(activityId, agent, registration, id));
        return reply(204);
      }
      return reply(400, { error: 'stateId is required' });
    }
    const key = stateKey(activityId, agent, registration, stateId);
    const contentType = (request.headers['content-type'] ?? 'application/octet-stream').toString();
    switch (method) {
      case 'GET': {
        const document = states.get(key);
        return document
          ? reply(200, document.body, document.contentType)
          : reply(404, { error: 'no such document' });
      }
      case 'PUT':
        states.set(key, { body, contentType });
        return reply(204);
      case 'POST': {
        const existing = states.get(key);
        if (!existing) {
          states.set(key, { body, contentType });
          return reply(204);
        }
        try {
          const merged = { ...JSON.parse(existing.body), ...JSON.parse(body) };
          states.set(key, { body: JSON.stringify(merged), contentType: 'application/json' });
          return reply(204);
        } catch {
          return reply(400, { error: 'POST merges JSON documents only' });
        }
      }
      case 'DELETE':
        states.delete(key);
        return reply(204);
      default:
        return reply(405, { error: `${method} is not allowed` });
    }
  }

  async function start(): Promise<void> {
    const next = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = null;
    if (!current) return;
    await new Promise<void>((resolve) => {
      current.close(() => resolve());
      current.closeAllConnections();
    });
  }

  await start();

  const lrs: Lrs = {
    get endpoint() {
      return `${origin}/xapi/`;
    },
    get port() {
      return port;
    },
    target: defaultTarget(),
    get sessionId() {
      return sessionId;
    },
    fetchUrl(token = Buffer.from(`learner:${randomUUID()}`).toString('base64')) {
      const key = randomUUID();
      tokens.add(token);
      fetchKeys.set(key, { token, used: false });
      return `${origin}/cmi5/fetch/${key}`;
    },
    launchUrl(appUrl, params = {}) {
      sessionId = randomUUID();
      putLaunchData(JSON.stringify(launchDataFor()));
      const values: Cmi5Params = {
        endpoint: lrs.endpoint,
        fetch: lrs.fetchUrl(),
        actor: JSON.stringify(lrs.target.actor),
        registration: lrs.target.registration,
        activityId: lrs.target.activityId,
      };
      const url = new URL(appUrl);
      for (const name of Object.keys(values) as (keyof Cmi5Params)[]) {
        const value = name in params ? params[name] : values[name];
        if (value !== null && value !== undefined) url.searchParams.set(name, value);
      }
      return url.href;
    },
    setLaunchData(patch) {
      settings = { ...settings, ...patch };
      putLaunchData(JSON.stringify(launchDataFor()));
    },
    putLaunchData,
    statements: () => held.map((entry) => structuredClone(entry.statement)),
    invalid: () => structuredClone(invalid),
    get received() {
      return received;
    },
    requests: () => [...requests],
    stateDocument(stateId, target = lrs.target) {
      const key = stateKey(target.activityId, agentKey(target.actor) ?? '', target.registration, stateId);
      return states.get(key)?.body ?? null;
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    stop,
    start,
  };
  return lrs;
}
