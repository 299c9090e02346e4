/*
 * An LMS for the end-to-end tests, as small as one can be and still be an LMS to the package: a Node
 * server on 127.0.0.1 that
 * - serves a player page (as Moodle's mod/scorm/player.php is) with scorm-again as the SCORM runtime in the
 *   top window, `window.API` (1.2) or `window.API_1484_11` (2004), the learner and what was kept of them
 *   loaded into it, and the package in an iframe from a deep sub-folder;
 * - keeps what the runtime commits (scorm-again posts the CMI to `lmsCommitUrl` on every commit, and sends
 *   it as a beacon on LMSFinish / Terminate), per learner and package, and hands it back at the next
 *   launch as an LMS does: entry "resume" when the SCO left with exit "suspend", so a reload, or another
 *   browser (another machine), carries on;
 * - records every suspend_data committed, what each launch was handed, and each session's time.
 *
 * The packages are built by `npm run package`, both SCORM versions from one build, once per test run.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from '@playwright/test';
import { packageFileName } from '../../src/cli/lms-package.ts';
import { unzip } from '../../src/cli/zip.ts';

export type ScormFormat = 'scorm12' | 'scorm2004';

/** A package's files by their path in the zip. */
export type PackageFiles = ReadonlyMap<string, Uint8Array>;

export interface HarnessLearner {
  id: string;
  /** As the LMS gives it: SCORM 1.2's "Last, First". */
  name: string;
}

/** The CMI as scorm-again renders it for a commit (renderCommitCMI): nested objects of strings. */
export type Cmi = { [element: string]: string | Cmi };

/** What the LMS keeps of one learner at one package. */
export interface LmsRecord {
  /** The CMI as last committed; null before the first commit. */
  cmi: Cmi | null;
  /** Every suspend_data committed, in order (repeats included). */
  suspendData: string[];
  /** What each launch was handed: its entry and suspend_data. */
  launches: { entry: string; suspendData: string }[];
  /** The session_time of each session that ended (its LMSFinish / Terminate reached the LMS). */
  sessionTimes: string[];
}

export interface Harness {
  origin: string;
  /** The player page of a package for a learner. `refuseStart`: the runtime refuses LMSInitialize. */
  launchUrl(format: ScormFormat, learner: HarnessLearner, options?: { refuseStart?: boolean }): string;
  /** The package's own launch page, as if opened without the LMS. */
  packageUrl(format: ScormFormat): string;
  /** What the LMS holds for the learner at the package. */
  record(format: ScormFormat, learner: HarnessLearner): LmsRecord;
  close(): Promise<void>;
}

const root = new URL('../../', import.meta.url).pathname;

/** The course's SCORM 1.2 and 2004 zips, built into `out` by npm run package (one build for both). */
async function buildInto(out: string, title: string, scenarios: readonly string[]): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      ...['--import', 'tsx', 'src/cli/package.ts'],
      ...['--format', 'scorm12,scorm2004', '--course', title, '--scenarios', scenarios.join(',')],
      ...['--out', out],
    ],
    { cwd: root },
  );
  writeFileSync(join(out, BUILT), '');
}

/** Written last into a build folder: the zips beside it are whole. */
const BUILT = 'built';

function readPackages(out: string, title: string): Record<ScormFormat, PackageFiles> {
  const course = { title, scenarios: [], passMark: 0 };
  const files = (format: ScormFormat) =>
    new Map(unzip(readFileSync(join(out, packageFileName(course, format)))).map((e) => [e.name, e.data]));
  return { scorm12: files('scorm12'), scorm2004: files('scorm2004') };
}

/**
 * The test run: the runner process, whose children the workers are, by its id and its start (an id
 * alone is reused). Null where the system does not say (no /proc): each worker then builds its own.
 */
function testRun(pid = process.ppid): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces); the start time is field 22 of the line.
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return started ? `${pid}-${started}` : null;
  } catch {
    return null;
  }
}

const SHARED_PREFIX = 'crt-lms-harness-';

/** Removes the shared folders of runs that are over but did not remove them (a run stopped midway). */
function sweepFinishedRuns(): void {
  for (const name of readdirSync(tmpdir())) {
    const run = new RegExp(`^${SHARED_PREFIX}(\\d+)-(\\d+)-`).exec(name);
    if (run?.[1] && testRun(Number(run[1])) !== `${run[1]}-${run[2]}`)
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * The course's SCORM 1.2 and 2004 packages, built once per test run: the run's workers share a folder
 * named for the run. The first to claim it builds; the others wait for its zips. Whatever goes wrong with
 * the shared folder, a worker builds its own. `done` removes the folder (a later worker builds again).
 */
export async function scormPackages(
  title: string,
  scenarios: readonly string[],
): Promise<{ packages: Record<ScormFormat, PackageFiles>; done(): void }> {
  const run = testRun();
  if (run) sweepFinishedRuns();
  const shared = run && join(tmpdir(), `${SHARED_PREFIX}${run}-${buildKey(title, scenarios)}`);
  const claimed = shared !== null && claim(shared);
  if (shared && claimed) {
    // Removed when this worker is done; the files are read by then (a worker coming later builds again).
    const done = () => rmSync(shared, { recursive: true, force: true });
    try {
      await buildInto(shared, title, scenarios);
      return { packages: readPackages(shared, title), done };
    } catch (error) {
      done();
      throw error;
    }
  }
  for (let waited = 0; shared && waited < 180_000; waited += 250) {
    if (existsSync(join(shared, BUILT))) {
      try {
        return { packages: readPackages(shared, title), done: () => {} };
      } catch {
        break; // removed meanwhile: build our own
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const own = mkdtempSync(join(tmpdir(), 'crt-lms-harness-own-'));
  try {
    await buildInto(own, title, scenarios);
    return { packages: readPackages(own, title), done: () => {} };
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}

/** Makes the folder; false if it is there already (another worker claimed it). */
function claim(folder: string): boolean {
  try {
    mkdirSync(folder);
    return true;
  } catch {
    return false;
  }
}

const buildKey = (title: string, scenarios: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([title, scenarios]))
    .digest('hex')
    .slice(0, 12);

/** The pass mark the package's manifest gives, 0–100, which an LMS hands the SCO. */
function passMarkOf(format: ScormFormat, files: PackageFiles): number {
  const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'));
  const found =
    format === 'scorm12'
      ? /<adlcp:masteryscore>([\d.]+)</.exec(manifest)
      : /<imsss:minNormalizedMeasure>([\d.]+)</.exec(manifest);
  if (!found?.[1]) throw new Error(`the ${format} manifest gives no pass mark`);
  return format === 'scorm12' ? Number(found[1]) : Math.round(Number(found[1]) * 100);
}

/** A Moodle-like folder the package is unpacked into. */
const contentFolder = (format: ScormFormat) => `/pluginfile.php/41/mod_scorm/content/${format}/`;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt; charset=utf-8',
};

const RUNTIME = {
  scorm12: { script: 'scorm12.min.js', global: 'Scorm12API', window: 'API' },
  scorm2004: { script: 'scorm2004.min.js', global: 'Scorm2004API', window: 'API_1484_11' },
} as const;

const isCmi = (value: unknown): value is Cmi => typeof value === 'object' && value !== null;

/**
 * What the LMS loads into the runtime at a launch: the learner, the package's pass mark, and, if the
 * last session left suspended, everything it committed (suspend_data, status, score, interactions) with
 * entry "resume". Otherwise a new attempt, from nothing.
 */
function launchCmi(format: ScormFormat, learner: HarnessLearner, passMark: number, kept: Cmi | null): Cmi {
  const copy = (cmi: Cmi | null): Cmi => structuredClone(cmi ?? {});
  if (format === 'scorm12') {
    const keptCore = kept?.core;
    const suspended = isCmi(keptCore) && keptCore.exit === 'suspend';
    const cmi = suspended ? copy(kept) : {};
    const { exit: _exit, session_time: _session, ...core } = isCmi(cmi.core) ? cmi.core : {};
    const studentData = isCmi(cmi.student_data) ? cmi.student_data : {};
    return {
      ...cmi,
      core: {
        ...core,
        student_id: learner.id,
        student_name: learner.name,
        entry: suspended ? 'resume' : 'ab-initio',
      },
      student_data: { ...studentData, mastery_score: String(passMark) },
    };
  }
  const suspended = kept?.exit === 'suspend';
  const { exit: _exit, session_time: _session, ...cmi } = suspended ? copy(kept) : {};
  return {
    ...cmi,
    learner_id: learner.id,
    learner_name: learner.name,
    entry: suspended ? 'resume' : 'ab-initio',
    scaled_passing_score: String(passMark / 100),
  };
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function playerPage(format: ScormFormat, cmi: Cmi, commitUrl: string | null, refuseStart: boolean) {
  const runtime = RUNTIME[format];
  const settings = commitUrl
    ? { lmsCommitUrl: commitUrl, terminateCommitParam: 'terminate', autocommit: false, logLevel: 5 }
    : { autocommit: false, logLevel: 5 };
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Test LMS: course player</title>
<style>html, body { margin: 0; height: 100%; } iframe { display: block; border: 0; width: 100%; height: 100vh; }</style>
<script src="/lms/scorm-again/${runtime.script}"></script>
<script>
  const api = new ${runtime.global}(${escapeJson(settings)});
  api.loadFromJSON(${escapeJson(cmi)});
  ${
    // A runtime that was started and finished already refuses to start again ("false", with an error).
    refuseStart
      ? format === 'scorm12'
        ? "api.LMSInitialize(''); api.LMSFinish('');"
        : "api.Initialize(''); api.Terminate('');"
      : ''
  }
  window.${runtime.window} = api;
</script>
</head>
<body>
<iframe title="Course" src="${contentFolder(format)}index.html"></iframe>
</body>
</html>`;
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(packages: Record<ScormFormat, PackageFiles>): Promise<Harness> {
  const records = new Map<string, LmsRecord>();
  /** The latest session launched per record: a late beacon from an older one does not overwrite it. */
  const sessions = new Map<string, number>();
  let launched = 0;
  const keyOf = (format: string, learner: string) => `${format} ${learner}`;
  const recordAt = (key: string): LmsRecord => {
    let record = records.get(key);
    if (!record) {
      record = { cmi: null, suspendData: [], launches: [], sessionTimes: [] };
      records.set(key, record);
    }
    return record;
  };
  const runtimeFiles = new URL('../../node_modules/scorm-again/dist/', import.meta.url).pathname;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://lms');
    const path = decodeURIComponent(url.pathname);
    const send = (status: number, type: string, data: string | Uint8Array) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(data);
    };
    const format = url.searchParams.get('format') as ScormFormat | null;
    const learnerId = url.searchParams.get('learner') ?? '';

    if (path === '/mod/scorm/player.php' && format && format in packages) {
      const learner = { id: learnerId, name: url.searchParams.get('name') ?? '' };
      const refuseStart = url.searchParams.has('refuse');
      const key = keyOf(format, learner.id);
      const record = recordAt(key);
      const cmi = launchCmi(format, learner, passMarkOf(format, packages[format]), record.cmi);
      const fields = (isCmi(cmi.core) ? cmi.core : cmi) as Record<string, unknown>;
      record.launches.push({
        entry: String(fields.entry),
        suspendData: typeof cmi.suspend_data === 'string' ? cmi.suspend_data : '',
      });
      const session = ++launched;
      sessions.set(key, session);
      const commitUrl = refuseStart
        ? null
        : `/lms/commit?${new URLSearchParams({ format, learner: learner.id, session: String(session) })}`;
      return send(200, TYPES.html ?? '', playerPage(format, cmi, commitUrl, refuseStart));
    }

    if (path === '/lms/commit' && request.method === 'POST' && format) {
      const key = keyOf(format, learnerId);
      void body(request).then((text) => {
        const committed = (JSON.parse(text) as { cmi?: Cmi }).cmi;
        if (!isCmi(committed)) return send(400, 'application/json', '{"result":false,"errorCode":101}');
        const record = recordAt(key);
        if (Number(url.searchParams.get('session')) >= (sessions.get(key) ?? 0)) record.cmi = committed;
        if (typeof committed.suspend_data === 'string') record.suspendData.push(committed.suspend_data);
        if (url.searchParams.get('terminate') === 'true') {
          const core = isCmi(committed.core) ? committed.core : committed;
          record.sessionTimes.push(String(core.session_time));
        }
        send(200, 'application/json', '{"result":true,"errorCode":0}');
      });
      return;
    }

    if (path.startsWith('/lms/scorm-again/')) {
      const name = path.slice('/lms/scorm-again/'.length);
      if (name === RUNTIME.scorm12.script || name === RUNTIME.scorm2004.script)
        return send(200, TYPES.js ?? '', readFileSync(join(runtimeFiles, name)));
    }

    for (const [name, files] of Object.entries(packages)) {
      const folder = contentFolder(name as ScormFormat);
      const data = path.startsWith(folder) ? files.get(path.slice(folder.length)) : undefined;
      if (data) return send(200, TYPES[path.replace(/.*\./, '')] ?? 'application/octet-stream', data);
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the test LMS did not start');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    launchUrl: (format, learner, { refuseStart = false } = {}) =>
      `${origin}/mod/scorm/player.php?${new URLSearchParams({
        format,
        learner: learner.id,
        name: learner.name,
        ...(refuseStart ? { refuse: '1' } : {}),
      })}`,
    packageUrl: (format) => `${origin}${contentFolder(format)}index.html`,
    record: (format, learner) => structuredClone(recordAt(keyOf(format, learner.id))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The package's frame in the player page, once it has loaded. */
export async function courseFrame(page: Page): Promise<Frame> {
  const element = await page.locator('iframe[title="Course"]').elementHandle();
  const content = await element?.contentFrame();
  if (!content) throw new Error('the player page has no course frame');
  await content.waitForLoadState();
  return content;
}
