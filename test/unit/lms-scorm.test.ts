/*
 * The LMS session over SCORM, against scorm-again (the SCORM 1.2 and 2004 runtime many LMSs and test
 * harnesses use) running in Node: who the learner is, the score, status and interactions an LMS keeps,
 * the progress in suspend_data and what resumes from it, and launches that go wrong. The calls played
 * are the scenarios' own reference attempts, written to the log as a live session writes them.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import { replay } from '../../src/engine/replay.ts';
import type { AttemptLog } from '../../src/engine/session.ts';
import { startLmsSession, findScormApi, type WindowLike } from '../../src/lms/launch.ts';
import type { PackagedCourse } from '../../src/lms/lms.ts';
import { decodeProgress } from '../../src/lms/progress.ts';
import { isoDuration, scorm12Timespan } from '../../src/lms/scorm.ts';
import type { LmsSession } from '../../src/lms/session.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { referenceAttempts } from '../fixtures/sample-bundle.ts';
import { writeLog } from '../fixtures/write-log.ts';

const course = (scenarios: string[], passMark = 75): PackagedCourse => ({
  format: 'control-room-trainer/lms-course',
  formatVersion: 1,
  standard: 'scorm12',
  id: 'crt-test-course',
  title: 'Test course',
  scenarios,
  passMark,
});

const quiet = { autocommit: false, logLevel: 5 } as const;
type Cmi = Parameters<Scorm12API['loadFromJSON']>[0];

/** A SCORM 1.2 LMS holding what an earlier session committed (its CMI as JSON), in a parent window. */
function lms12(cmi: Cmi = { core: { student_id: 'PC4471', student_name: 'Shah, Priya' } }) {
  const api = new Scorm12API(quiet);
  api.loadFromJSON(cmi);
  const parent: WindowLike = { API: api };
  return { api, window: { parent } as WindowLike };
}

function lms2004(cmi: Cmi = { learner_id: 'PC4471', learner_name: 'Priya Shah' }) {
  const api = new Scorm2004API(quiet);
  api.loadFromJSON(cmi);
  return { api, window: { parent: { parent: { API_1484_11: api } } } as WindowLike };
}

/** A log that keeps events in memory: the store's part, which these tests do not exercise. */
function memoryLog(): AttemptLog & { entries: AttemptEntry[] } {
  const entries: AttemptEntry[] = [];
  return {
    entries,
    append: async (entry, index) => {
      entries[index] = entry;
    },
  };
}

async function play(session: LmsSession, id: string, kind: 'model' | 'historical', attemptId: string) {
  const reference = await referenceAttempts(id);
  const events = reference[kind].events.map((entry, i) => ({
    ...entry,
    wall: new Date(Date.UTC(2026, 11, 6, 9, 0, i)).toISOString(),
  }));
  const log = session.watch(
    memoryLog(),
    { id: attemptId, startedAt: '2026-12-06T09:00:00.000Z' },
    reference.module,
    [],
    null,
  );
  await writeLog(log, reference.module.machine, events);
  await session.settled();
  return { reference, total: scoreAttempt(reference.module, reference[kind]).total };
}

/** Every interaction the LMS kept, as objects. */
function interactions(api: Scorm12API | Scorm2004API): Record<string, unknown>[] {
  const cmi = JSON.parse(JSON.stringify(api.cmi)) as { interactions?: Record<string, unknown> };
  const list = (cmi.interactions as { childArray?: unknown[] } | undefined)?.childArray;
  return (list ?? Object.values(cmi.interactions ?? {})) as Record<string, unknown>[];
}

describe('SCORM 1.2', () => {
  it('takes the learner from the LMS and reports score, status and every choice and finding by id', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    expect(session.getSnapshot()).toMatchObject({
      reporting: true,
      standard: 'scorm12',
      learner: { id: 'PC4471', name: 'Priya Shah' },
      notice: null,
    });
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');

    const { reference, total } = await play(session, 'ltl41-04', 'historical', 'a1');
    expect(session.getSnapshot().problem).toBeNull();
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe(String(total));
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe(total >= 75 ? 'passed' : 'failed');

    const kept = interactions(api);
    const ids = kept.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining(['ltl41-04.opening-code', 'ltl41-04.grade', 'ltl41-04.risk-level']),
    );
    const report = scoreAttempt(reference.module, reference.historical);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      const interaction = kept.find((i) => i.id === `ltl41-04.finding.${finding.id}`);
      expect(interaction, finding.id).toMatchObject({
        type: 'performance',
        student_response: `${finding.severity} ${finding.source.kind}`,
        result: finding.severity === 'good-practice' ? 'correct' : 'wrong',
        weighting: '1',
      });
    }

    const progress = await decodeProgress(api.LMSGetValue('cmi.suspend_data'));
    expect(progress.counted['ltl41-04']).toMatchObject({ attempt: 'a1', total });
    expect(progress.current).toBeUndefined();
    expect(api.LMSGetValue('cmi.suspend_data').length).toBeLessThanOrEqual(4096);

    session.end();
    const committed = api.renderCommitCMI(true) as { cmi: { core: { session_time: string; exit: string } } };
    expect(committed.cmi.core.session_time).toMatch(/^\d{2,4}:\d\d:\d\d$/);
    expect(committed.cmi.core.exit).toBe('suspend');
  });

  it('counts the first finished attempt at a scenario; a second is practice, weighted 0, the score unchanged', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04', 'ltl41-05']), { window, search: '' });
    const first = await play(session, 'ltl41-04', 'historical', 'first');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
    expect(session.getSnapshot().status).toMatchObject({
      finished: 1,
      of: 2,
      completed: false,
      score: first.total,
    });

    const before = interactions(api).length;
    await play(session, 'ltl41-04', 'model', 'practice');
    const added = interactions(api).slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((i) => i.weighting === '0')).toBe(true);
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe(String(first.total));

    const second = await play(session, 'ltl41-05', 'model', 'b1');
    const mean = Math.round((first.total + second.total) / 2);
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe(String(mean));
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe(mean >= 75 ? 'passed' : 'failed');
    expect(session.getSnapshot().status).toMatchObject({ completed: true, finished: 2 });
  });

  it('keeps the call in progress in suspend_data, and a later session (another machine) gets it back whole', async () => {
    const first = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window: first.window, search: '' });
    const { module, model } = await referenceAttempts('ltl41-04');
    const half = model.events.slice(0, Math.floor(model.events.length / 2));
    const log = session.watch(
      memoryLog(),
      { id: 'mid', startedAt: '2026-12-06T09:00:00.000Z' },
      module,
      [],
      null,
    );
    await writeLog(log, module.machine, half);
    await session.settled();
    session.end();

    // What the LMS committed, handed to the next session as the LMS would.
    const kept = first.api.LMSGetValue('cmi.suspend_data');
    expect(kept.length).toBeLessThanOrEqual(4096);
    const next = lms12({
      core: { student_id: 'PC4471', student_name: 'Shah, Priya', entry: 'resume' },
      suspend_data: kept,
    });
    const resumed = await startLmsSession(course(['ltl41-04']), { window: next.window, search: '' });
    expect(resumed.callToResume()).toEqual({
      attempt: 'mid',
      scenario: 'ltl41-04',
      scenarioVersion: module.definition.version,
      startedAt: '2026-12-06T09:00:00.000Z',
      events: half,
    });
    expect(resumed.getSnapshot().callTooLongToCarry).toBe(false);
  });

  it('never cuts a call that does not fit in 4,096 characters: it is left out whole, and the session says so', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    const { module, model } = await referenceAttempts('ltl41-04');
    // A trainee who writes a great deal in the log: text that deflates badly (every word different).
    const words = Array.from(
      { length: 900 },
      (_, i) => `${(i * 7919).toString(36)}${String.fromCharCode(97 + (i % 26))}`,
    );
    const answered = model.events.findIndex((e) => e.type === 'trainee.answer');
    const long: AttemptEntry[] = [
      ...model.events.slice(0, answered + 1),
      { type: 'trainee.log', text: words.join(' '), at: (model.events[answered]?.at ?? 0) + 1 },
    ];
    const log = session.watch(
      memoryLog(),
      { id: 'long', startedAt: '2026-12-06T09:00:00.000Z' },
      module,
      [],
      null,
    );
    await writeLog(log, module.machine, long);
    await session.settled();
    const kept = api.LMSGetValue('cmi.suspend_data');
    expect(kept.length).toBeLessThanOrEqual(4096);
    expect(session.getSnapshot().callTooLongToCarry).toBe(true);
    const progress = await decodeProgress(kept);
    expect(progress.current).toMatchObject({ attempt: 'long', scenario: 'ltl41-04' });
    expect(progress.current?.events).toBeUndefined();
  });
});

describe('an attempt reopened after its finish', () => {
  it('is reported then if the LMS never heard of it and it counts; a practice attempt is not reported twice', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    const { module, model } = await referenceAttempts('ltl41-04');
    const finishedCall = replay(module.machine, model.events);
    // Finished in storage, but the page closed before the LMS was told: opening it tells it.
    session.watch(memoryLog(), { id: 'closed-early', startedAt: '' }, module, model.events, finishedCall);
    await session.settled();
    expect(session.getSnapshot().counted['ltl41-04']?.attempt).toBe('closed-early');
    const reported = interactions(api).length;
    expect(reported).toBeGreaterThan(3);
    // Opening it again, or a practice attempt's debrief, adds nothing.
    session.watch(memoryLog(), { id: 'closed-early', startedAt: '' }, module, model.events, finishedCall);
    session.watch(memoryLog(), { id: 'practice', startedAt: '' }, module, model.events, finishedCall);
    await session.settled();
    expect(interactions(api)).toHaveLength(reported);
  });
});

describe('SCORM 2004', () => {
  it('reports completion and success apart, the scaled score, and "incorrect" for a wrong choice', async () => {
    const { api, window } = lms2004();
    const session = await startLmsSession(course(['ltl41-04'], 101 - 1), { window, search: '' });
    expect(session.getSnapshot()).toMatchObject({ standard: 'scorm2004', learner: { name: 'Priya Shah' } });
    const { total } = await play(session, 'ltl41-04', 'historical', 'h');
    expect(api.GetValue('cmi.completion_status')).toBe('completed');
    expect(api.GetValue('cmi.success_status')).toBe(total >= 100 ? 'passed' : 'failed');
    expect(api.GetValue('cmi.score.scaled')).toBe(String(total / 100));
    const results = interactions(api).map((i) => i.result);
    expect(results).toContain('incorrect');
    expect(results).not.toContain('wrong');
    session.end();
    const committed = api.renderCommitCMI(true) as { cmi: { session_time: string } };
    expect(committed.cmi.session_time).toMatch(/^PT\d/);
  });

  it("uses the LMS's own pass mark over the package's", async () => {
    const { window } = lms2004({ learner_id: 'x', learner_name: 'X', scaled_passing_score: '0.3' });
    const session = await startLmsSession(course(['ltl41-04'], 90), { window, search: '' });
    expect(session.getSnapshot().status.passMark).toBe(30);
  });
});

describe('launches that go wrong play on, not reporting, and say why', () => {
  it('outside any LMS', async () => {
    const session = await startLmsSession(course(['ltl41-04']), { window: {}, search: '' });
    expect(session.getSnapshot()).toMatchObject({ reporting: false, learner: null });
    expect(session.getSnapshot().notice).toMatch(/outside its LMS.*not reported/);
  });

  it('an LMS that refuses to start, with its error', async () => {
    const { api, window } = lms12();
    api.LMSInitialize('');
    api.LMSFinish(''); // a finished session cannot be started again: scorm-again answers with error 101.
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    expect(session.getSnapshot().reporting).toBe(false);
    expect(session.getSnapshot().notice).toMatch(
      /refused to start this session \(error \d+.*\).*not reported/,
    );
    // Play goes on: the log is the store's, untouched.
    const { module, model } = await referenceAttempts('ltl41-04');
    const log = memoryLog();
    await writeLog(
      session.watch(log, { id: 'x', startedAt: '' }, module, [], null),
      module.machine,
      model.events,
    );
    expect(log.entries).toHaveLength(model.events.length);
  });

  it('an LMS that does not say who the learner is', async () => {
    const { window } = lms12({ core: { student_id: '', student_name: '' } });
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    expect(session.getSnapshot().notice).toMatch(/did not say who you are/);
  });

  it('an LMS that refuses to keep progress mid-call: the call goes on and the problem is said', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    // The LMS's server stops taking commits (a session timed out): the LMS's answer is the edge faked.
    api.LMSCommit = () => 'false';
    api.LMSGetLastError = () => '101';
    const { module, model } = await referenceAttempts('ltl41-04');
    const log = memoryLog();
    await writeLog(
      session.watch(log, { id: 'y', startedAt: '' }, module, [], null),
      module.machine,
      model.events.slice(0, 5),
    );
    await session.settled();
    expect(log.entries).toHaveLength(5);
    expect(session.getSnapshot().problem).toMatch(
      /refused to save your progress \(error 101: General Exception\)/,
    );
  });

  it('a session already ended (a page shown again from the back/forward cache) says results are not taken', async () => {
    const { api, window } = lms12();
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    session.end();
    const { module, model } = await referenceAttempts('ltl41-04');
    const log = memoryLog();
    await writeLog(
      session.watch(log, { id: 'z', startedAt: '' }, module, [], null),
      module.machine,
      model.events.slice(0, 3),
    );
    await session.settled();
    expect(log.entries).toHaveLength(3);
    expect(session.getSnapshot().problem).toMatch(/session ended when this page was left/);
    expect(api.cmi.suspend_data).toBe('');
  });

  it('progress it cannot read is set aside, and the session starts afresh', async () => {
    const { window } = lms12({
      core: { student_id: 'a', student_name: 'A' },
      suspend_data: 'crt1:not-deflate',
    });
    const session = await startLmsSession(course(['ltl41-04']), { window, search: '' });
    expect(session.getSnapshot()).toMatchObject({ reporting: true, counted: {} });
    expect(session.getSnapshot().notice).toMatch(/could not be read \(it is damaged/);
    expect(session.callToResume()).toBeNull();
  });
});

describe('API discovery', () => {
  it('climbs the parents, then the opener; a window it may not look into is passed over', () => {
    const api = new Scorm12API(quiet);
    const forbidden: WindowLike = new Proxy({} as WindowLike, {
      get: (_, name) => {
        if (name === 'parent') return { API: api };
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    expect(findScormApi({ parent: forbidden })?.version).toBe('1.2');
    expect(findScormApi({ opener: { parent: { API: api } } })?.version).toBe('1.2');
    expect(findScormApi({ API: { LMSInitialize: 'not a function' } })).toBeNull();
  });

  it('stops on a window that is its own parent', () => {
    const top: WindowLike = {};
    top.parent = top;
    expect(findScormApi({ parent: top })).toBeNull();
  });
});

describe('SCORM times', () => {
  it('writes 1.2 timespans and 2004 durations', () => {
    expect(scorm12Timespan(3723.6)).toBe('0001:02:03');
    expect(isoDuration(3723.6)).toBe('PT1H2M3S');
    expect(isoDuration(0)).toBe('PT0S');
  });
});
