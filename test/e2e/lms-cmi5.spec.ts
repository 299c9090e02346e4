/*
 * Issue 14's cmi5 "done when": a cmi5 package, launched by the test LRS (test/lrs/lrs.ts, which checks
 * every statement with an xAPI validator), plays a course scenario's model attempt with the keyboard. Part
 * way through the call the LRS stops; the call goes on, the page says records are waiting, the page is
 * reloaded (the call resumes where it was), and the LRS comes back before the call ends. Once the trainee
 * leaves the course, every statement has arrived exactly once, in order, valid, keeping cmi5's rules.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { cmi5AuIri } from '../../src/cli/lms-package.ts';
import { unzip } from '../../src/cli/zip.ts';
import { parseAttempt, type AttemptEntry } from '../../src/engine/attempt.ts';
import { applyEntry, initialSnapshot } from '../../src/engine/replay.ts';
import { EXTENSIONS } from '../../src/lms/xapi-statements.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { cmi5Problems } from '../lrs/cmi5-rules.ts';
import { startLrs, type Lrs } from '../lrs/lrs.ts';
import { readStored } from './interruptions.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import { pauseClockSoon, playAttempt } from './play-attempt.ts';

const COURSE = 'Course on cmi5';
const SCENARIO = 'ltl41-04';
const PASS_MARK = 75;
/** Where the LMS serves the AU from. */
const FOLDER = '/au/';
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt; charset=utf-8',
};
const ADL = 'http://adlnet.gov/expapi/verbs/';
const l = strings.ui.lms;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "N records are waiting to reach your LMS…", whatever N is. */
const waitingText = new RegExp(escape(l.statementsWaiting(1000)).replace('1000', '\\d+'));

interface Statement {
  id: string;
  verb: { id: string };
  object: { id: string };
  result?: { score?: { scaled?: number; raw?: number }; extensions?: Record<string, unknown> };
}

let server: Server;
let origin = '';
let lrs: Lrs;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const out = mkdtempSync(join(tmpdir(), 'cmi5-e2e-'));
  await promisify(execFile)(
    process.execPath,
    [
      ...['--import', 'tsx', 'src/cli/package.ts'],
      ...['--format', 'cmi5', '--course', COURSE, '--scenarios', SCENARIO],
      ...['--pass-mark', String(PASS_MARK), '--out', out],
    ],
    { cwd: new URL('../../', import.meta.url).pathname },
  );
  const [zipName] = readdirSync(out).filter((name) => name.endsWith('.zip'));
  if (!zipName) throw new Error('npm run package wrote no zip');
  const files = new Map(unzip(readFileSync(join(out, zipName))).map((entry) => [entry.name, entry.data]));
  rmSync(out, { recursive: true, force: true });
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const data = path.startsWith(FOLDER) ? files.get(path.slice(FOLDER.length)) : undefined;
    if (!data) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.replace(/.*\./, '')] ?? 'application/octet-stream',
      'content-length': data.length,
    });
    response.end(data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  lrs = await startLrs();
});

test.afterAll(async () => {
  await lrs?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** The clock a pause may run, within the time before the event it comes before. */
interface PauseClock {
  runFor(ms: number): Promise<void>;
}
type Pause = (clock: PauseClock) => Promise<void>;

/**
 * The page as playAttempt drives it, with `before[i]` run before the attempt's event i is played, while
 * the clock is run to that event's time: a pause may run the clock part of the way (a reloaded page needs
 * time to show), and the rest is run after it. playAttempt runs the clock once before each event later
 * than the one before it; which run comes before event i is worked out as playAttempt does it.
 */
function withPauses(
  page: Page,
  scenario: ScenarioModule,
  events: readonly AttemptEntry[],
  before: Record<number, Pause>,
): Page {
  const pauses = new Map<number, Pause>();
  let snapshot = initialSnapshot(scenario.machine);
  let runs = 0;
  for (const [index, entry] of events.entries()) {
    const runsClock = entry.at > snapshot.context.now;
    if (runsClock) runs += 1;
    const pause = before[index];
    if (pause) {
      if (!runsClock) throw new Error(`event ${index} comes at the same time as the one before it`);
      pauses.set(runs - 1, pause);
    }
    snapshot = applyEntry(scenario.machine, snapshot, entry, index).snapshot;
  }
  let run = 0;
  const clock: Page['clock'] = Object.create(page.clock, {
    runFor: {
      value: async (time: number | string) => {
        const total = Number(time);
        const pause = pauses.get(run++);
        let used = 0;
        await pause?.({
          runFor: async (ms) => {
            used += ms;
            if (used > total) throw new Error(`a pause ran the clock past the next event (${total} ms)`);
            await page.clock.runFor(ms);
          },
        });
        await page.clock.runFor(total - used);
      },
    },
  });
  return new Proxy(page, {
    get(target, property) {
      if (property === 'clock') return clock;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('a cmi5 launch reports every statement once, in order and valid, through an LRS outage and a reload mid-call', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const entry = findScenario(SCENARIO);
  if (!entry) throw new Error(`no ${SCENARIO}`);
  const scenario = await entry.load();
  const model = parseAttempt(scenario.referenceAttempts.model);
  const expected = scoreAttempt(scenario, model);
  const publisherId = cmi5AuIri(COURSE);
  lrs.setLaunchData({ publisherId, masteryScore: PASS_MARK / 100 });
  const launch = lrs.launchUrl(`${origin}${FOLDER}index.html`);
  const waiting = page.getByRole('status').filter({ hasText: waitingText });

  await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
  await page.goto(launch);
  await expect(page.getByRole('heading', { level: 1, name: l.courseHeading(COURSE) })).toBeVisible();
  await expect(page.getByText(l.signedIn('PC 4471 Shah', l.standards.cmi5))).toBeVisible();
  const listed = page.getByRole('region', { name: strings.ui.scenariosHeading }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed.getByRole('heading', { name: entry.title })).toBeVisible();
  await expectAxeClean(page, 'the cmi5 course home');

  await activate(page, page.getByRole('link', { name: strings.ui.startScenario(entry.title) }));
  await expect(page.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
  await pauseClockSoon(page);
  const events = model.events;
  const callScreen = page.getByRole('button', { name: strings.ui.console.endCall });
  await playAttempt(
    withPauses(page, scenario, events, {
      // The LMS goes away mid-call: the call goes on, and the page says what is waiting.
      8: async () => {
        await expect.poll(() => lrs.statements().length).toBeGreaterThan(3);
        await lrs.stop();
      },
      12: async (clock) => {
        await expect(waiting).toBeVisible();
        // Reloaded: the same launch address, the session's key kept in sessionStorage. The call's clock
        // goes on while the page loads, and React shows a screen after a short wait on that clock.
        await page.reload();
        await expect(async () => {
          await clock.runFor(100);
          await expect(callScreen).toBeVisible({ timeout: 100 });
        }).toPass({ timeout: 10_000 });
        await expect(waiting).toBeVisible();
      },
      // Back before the call ends.
      18: () => lrs.start(),
    }),
    scenario,
    events,
  );
  await page.clock.resume();
  await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(entry.title) })).toBeVisible();
  await expect(page.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));
  await activate(page, page.getByRole('button', { name: l.leave }));
  await expect(page.getByRole('status').filter({ hasText: l.left })).toBeVisible();

  const verbOf = (statement: Statement) => statement.verb.id.replace(ADL, '');
  const held = () => lrs.statements() as unknown as Statement[];
  await expect
    .poll(() => held().some((statement) => verbOf(statement) === 'terminated'), { timeout: 30_000 })
    .toBe(true);
  const statements = held();

  expect(lrs.invalid()).toEqual([]);
  expect(new Set(statements.map((statement) => statement.id)).size).toBe(statements.length);
  expect(
    cmi5Problems(statements, {
      activityId: lrs.target.activityId,
      registration: lrs.target.registration,
      publisherId,
      masteryScore: PASS_MARK / 100,
      launchMode: 'Normal',
    }),
  ).toEqual([]);
  // The reload went on with the session: its key was fetched once, at launch.
  expect(lrs.requests().filter((request) => request.path.startsWith('/cmi5/fetch/'))).toHaveLength(1);
  expect(verbOf(statements[0] as Statement)).toBe('initialized');
  expect(verbOf(statements.at(-1) as Statement)).toBe('terminated');

  // One statement per trainee action, in the order they were played: the stored log's indices.
  const extension = (statement: Statement, name: keyof typeof EXTENSIONS) =>
    statement.result?.extensions?.[EXTENSIONS[name]];
  const decisions = statements.filter((statement) => extension(statement, 'eventIndex') !== undefined);
  const attemptId = String(extension(decisions[0] as Statement, 'attempt'));
  const stored = await page.evaluate(readStored, attemptId);
  const traineeRows = (stored?.rows ?? []).filter((row) => row.entry.type.startsWith('trainee.'));
  expect(traineeRows.map((row) => row.entry.type)).toEqual(
    events.filter((event) => event.type.startsWith('trainee.')).map((event) => event.type),
  );
  expect(decisions.map((statement) => extension(statement, 'eventIndex'))).toEqual(
    traineeRows.map((row) => row.seq),
  );
  decisions.forEach((statement, at) => {
    const type = traineeRows[at]?.entry.type ?? '';
    if (type === 'trainee.start') expect(verbOf(statement)).toBe('attempted');
    else expect(statement.object.id).toContain(`/decisions/${type}`);
  });

  // The attempt's total, then the course: completed once, and passed or failed by the pass mark.
  const total = statements.find((s) => s.object.id.endsWith(`/scenarios/${SCENARIO}`) && s.result?.score);
  expect(total?.result?.score?.raw).toBe(expected.total);
  expect(statements.filter((statement) => verbOf(statement) === 'completed')).toHaveLength(1);
  const judged = statements.filter((statement) => ['passed', 'failed'].includes(verbOf(statement)));
  expect(judged.map(verbOf)).toEqual([expected.total >= PASS_MARK ? 'passed' : 'failed']);
  expect(judged[0]?.result?.score?.scaled).toBe(expected.total / 100);

  // The LRS may have been sent a statement again (a post it took whose answer was lost, or the last post
  // as the trainee left the course): the same statement, which it keeps once. Nothing else was refused.
  const duplicates = lrs.received - statements.length;
  expect(duplicates).toBeGreaterThanOrEqual(0);
  const posts = lrs.requests().filter((request) => request.path === '/xapi/statements');
  expect(posts.filter((request) => request.status >= 300)).toEqual([]);
  test.info().annotations.push({
    type: 'statements',
    description: `${statements.length} held, ${lrs.received} received, ${duplicates} sent again`,
  });
  console.log(`cmi5: ${statements.length} held, ${lrs.received} received, ${duplicates} sent again`);
});
