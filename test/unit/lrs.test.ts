/*
 * The test LRS the cmi5 tests trust: it keeps statements in order, once each; refuses an invalid one (and
 * records it) and a different statement under a held id; hands the cmi5 key out once; checks the key and
 * the xAPI version; answers a browser's preflight; and comes back on the same port after a stop.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLrs, type Lrs } from '../lrs/lrs.ts';
import { cmi5Problems } from '../lrs/cmi5-rules.ts';

let lrs: Lrs;
let token: string;
beforeEach(async () => {
  lrs = await startLrs();
  token = 'dGVzdDp0b2tlbg==';
  const answer = await fetch(lrs.fetchUrl(token), { method: 'POST' });
  expect(await answer.json()).toEqual({ 'auth-token': token });
});
afterEach(() => lrs.stop());

const headers = () => ({
  Authorization: `Basic ${token}`,
  'X-Experience-API-Version': '1.0.3',
  'Content-Type': 'application/json',
});

const statement = (id = randomUUID(), response = 'immediate') => ({
  id,
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.ac.uk', name: 'learner-1' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  object: { objectType: 'Activity', id: 'https://lms.example.ac.uk/activities/au/grade' },
  result: { response },
  timestamp: '2026-12-01T10:00:00.000Z',
});

const post = (body: unknown) =>
  fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: headers(), body: JSON.stringify(body) });

describe('statements', () => {
  it('keeps statements in the order received, a repeat of the same one once', async () => {
    const [a, b, c] = [statement(), statement(), statement()];
    expect((await post([a, b])).status).toBe(200);
    expect((await post([b, c])).status).toBe(200);
    expect(lrs.statements().map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect(lrs.received).toBe(4);
    const listed = await fetch(`${lrs.endpoint}statements`, { headers: headers() });
    expect(((await listed.json()) as { statements: unknown[] }).statements).toHaveLength(3);
  });

  it('refuses another statement under a held id with 409, and keeps nothing of that batch', async () => {
    const a = statement();
    await post(a);
    const fresh = statement();
    const answer = await post([fresh, { ...a, result: { response: 'priority' } }]);
    expect(answer.status).toBe(409);
    expect(lrs.statements().map((s) => s.id)).toEqual([a.id]);
  });

  it('refuses an invalid statement with the validator’s problems, and records it', async () => {
    const bad = { ...statement(), verb: { id: 'answered' }, timestamp: 'yesterday' };
    const answer = await post([statement(), bad]);
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { problems: string[] };
    expect(body.problems.join('\n')).toMatch(/statement\.verb\.id: expected Internationalized Resource/);
    expect(body.problems.join('\n')).toMatch(/statement\.timestamp: expected ISO Timestamp/);
    expect(lrs.invalid()).toHaveLength(1);
    expect(lrs.statements()).toEqual([]);
  });

  it('takes a statement by PUT with its id, and refuses a mismatched one', async () => {
    const a = statement();
    const put = (id: string) =>
      fetch(`${lrs.endpoint}statements?statementId=${id}`, {
        method: 'PUT',
        headers: headers(),
        body: JSON.stringify(a),
      });
    expect((await put(a.id)).status).toBe(204);
    expect((await put(randomUUID())).status).toBe(400);
    expect(lrs.statements().map((s) => s.id)).toEqual([a.id]);
  });
});

describe('the cmi5 launch side', () => {
  it('hands the key out once: a second POST of the fetch URL gets error 1', async () => {
    const url = lrs.fetchUrl();
    const first = (await (await fetch(url, { method: 'POST' })).json()) as Record<string, string>;
    expect(first['auth-token']).toMatch(/.+/);
    const second = await fetch(url, { method: 'POST' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ 'error-code': '1' });
  });

  it('refuses a request without a handed-out key, or without the xAPI version', async () => {
    const unknown = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: { ...headers(), Authorization: 'Basic bm9ib2R5' },
      body: JSON.stringify(statement()),
    });
    expect(unknown.status).toBe(401);
    const { 'X-Experience-API-Version': _, ...noVersion } = headers();
    const versionless = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: noVersion,
      body: JSON.stringify(statement()),
    });
    expect(versionless.status).toBe(400);
    expect(lrs.statements()).toEqual([]);
  });

  it('answers a preflight with the headers a cmi5 AU sends', async () => {
    const answer = await fetch(`${lrs.endpoint}statements`, { method: 'OPTIONS' });
    expect(answer.status).toBe(204);
    const allowed = answer.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['Authorization', 'X-Experience-API-Version', 'Content-Type'])
      expect(allowed).toContain(header);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('writes LMS.LaunchData for a launch, with a session id, and the launch parameters', async () => {
    const launch = new URL(lrs.launchUrl('http://127.0.0.1:1/index.html'));
    expect(launch.searchParams.get('endpoint')).toBe(lrs.endpoint);
    expect(launch.searchParams.get('registration')).toBe(lrs.target.registration);
    const data = JSON.parse(lrs.stateDocument('LMS.LaunchData') ?? 'null');
    expect(data).toMatchObject({ launchMode: 'Normal', masteryScore: 0.75, moveOn: 'CompletedAndPassed' });
    expect(data.contextTemplate.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(
      lrs.sessionId,
    );
    const removed = new URL(lrs.launchUrl('http://127.0.0.1:1/', { fetch: null }));
    expect(removed.searchParams.has('fetch')).toBe(false);
  });

  it('keeps state documents by activity, agent, registration and id', async () => {
    const url = new URL(`${lrs.endpoint}activities/state`);
    url.searchParams.set('activityId', lrs.target.activityId);
    url.searchParams.set('agent', JSON.stringify(lrs.target.actor));
    url.searchParams.set('registration', lrs.target.registration);
    url.searchParams.set('stateId', 'progress');
    expect((await fetch(url, { headers: headers() })).status).toBe(404);
    await fetch(url, { method: 'PUT', headers: headers(), body: '{"a":1}' });
    await fetch(url, { method: 'POST', headers: headers(), body: '{"b":2}' });
    expect(await (await fetch(url, { headers: headers() })).json()).toEqual({ a: 1, b: 2 });
    await fetch(url, { method: 'DELETE', headers: headers() });
    expect(lrs.stateDocument('progress')).toBeNull();
  });
});

it('stops, refusing connections, and starts again on the same port', async () => {
  const port = lrs.port;
  await lrs.stop();
  await expect(fetch(`${lrs.endpoint}statements`, { headers: headers() })).rejects.toThrow();
  await lrs.start();
  expect(lrs.port).toBe(port);
  expect((await fetch(`${lrs.endpoint}statements`, { headers: headers() })).status).toBe(200);
});

describe('the cmi5 rules check', () => {
  const expected = {
    activityId: 'https://lms.example.ac.uk/activities/au',
    registration: randomUUID(),
    publisherId: 'urn:publisher:au',
    masteryScore: 0.75,
    launchMode: 'Normal' as const,
  };
  const defined = (verb: string, result?: object, extensions: object = {}, categories = [0]) => ({
    id: randomUUID(),
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { id: expected.activityId },
    timestamp: '2026-12-01T10:00:00.000Z',
    ...(result ? { result } : {}),
    context: {
      registration: expected.registration,
      contextActivities: {
        grouping: [{ id: expected.publisherId }],
        category: categories.map((i) =>
          i === 0
            ? { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }
            : { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' },
        ),
      },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's1', ...extensions },
    },
  });
  const mastery = { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.75 };

  it('passes a well-formed session and names each broken rule', () => {
    const good = [
      defined('initialized'),
      defined('passed', { success: true, score: { scaled: 0.8 }, duration: 'PT1S' }, mastery, [0, 1]),
      defined('terminated', { duration: 'PT2S' }),
    ];
    expect(cmi5Problems(good, expected)).toEqual([]);
    const bad = [
      defined('passed', { success: true, score: { scaled: 0.5 }, duration: 'PT1S' }, mastery, [0]),
      defined('terminated', { duration: 'PT2S' }),
      defined('initialized'),
    ];
    const problems = cmi5Problems(bad, expected).join('\n');
    expect(problems).toMatch(/below the masteryScore/);
    expect(problems).toMatch(/moveOn category goes with success/);
    expect(problems).toMatch(/first statement is not initialized/);
    expect(problems).toMatch(/statements follow terminated/);
  });
});
