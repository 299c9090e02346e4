import { describe, expect, it } from 'vitest';
import { createCallMachine } from '../../machines/call-machine.ts';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import { replay } from '../../src/engine/replay.ts';
import { CallSession, WRITE_RETRY_MS, type AttemptLog, type Clock } from '../../src/engine/session.ts';
import { fakeScenario } from '../fixtures/builders.ts';

/** Real-time edge, driven by hand. */
class ManualClock implements Clock {
  ms = Date.parse('2026-11-22T21:40:00Z');
  private timers: { due: number; callback: () => void }[] = [];
  nowMs = () => this.ms;
  setTimer = (callback: () => void, delay: number) => {
    const timer = { due: this.ms + delay, callback };
    this.timers.push(timer);
    return timer;
  };
  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t !== handle);
  };
  advance(seconds: number) {
    this.ms += seconds * 1000;
    for (const timer of this.timers.filter((t) => t.due <= this.ms)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.callback();
    }
  }
}

/** Storage edge: keeps what was appended, or fails on demand. */
class MemoryLog implements AttemptLog {
  entries: AttemptEntry[] = [];
  failNext = false;
  /** Every write fails while this is set, as on a full disk. */
  full = false;
  async append(entry: AttemptEntry) {
    if (this.failNext || this.full) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.entries.push(entry);
  }
}

const scenario = fakeScenario();

function liveMachine(played: string[][]) {
  return createCallMachine(scenario).provide({
    actions: { playCues: (_, params) => played.push(params.lines) },
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a live call session', () => {
  it('stamps events with the phase clock, stores them before applying, and plays the caller’s reply', async () => {
    const played: string[][] = [];
    const clock = new ManualClock();
    const log = new MemoryLog();
    const session = new CallSession(liveMachine(played), [], log, clock);
    await session.send({ type: 'trainee.start', assisted: true });
    clock.advance(4);
    await session.send({ type: 'trainee.answer' });
    clock.advance(3);
    await session.send({ type: 'trainee.ask', topic: 'threats-made' });
    expect(log.entries.map((e) => [e.type, e.at])).toEqual([
      ['trainee.start', 0],
      ['trainee.answer', 4],
      ['trainee.ask', 7],
    ]);
    expect(log.entries[1]?.wall).toBe('2026-11-22T21:40:04.000Z');
    expect(played).toEqual([['opening'], ['threats']]);
    session.close();
  });

  it('logs a tick and plays a timed line when it falls due while the trainee waits', async () => {
    const played: string[][] = [];
    const clock = new ManualClock();
    const log = new MemoryLog();
    const session = new CallSession(liveMachine(played), [], log, clock);
    await session.send({ type: 'trainee.start', assisted: true });
    await session.send({ type: 'trainee.answer' });
    clock.advance(9);
    await settle();
    expect(played).toEqual([['opening']]);
    clock.advance(1);
    await settle();
    expect(log.entries.at(-1)).toMatchObject({ type: 'clock.tick', at: 10 });
    expect(played).toEqual([['opening'], ['worse']]);
    session.close();
  });

  it('stores nothing and changes nothing when an event cannot happen or storage fails', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const session = new CallSession(liveMachine([]), [], log, clock);
    await expect(session.send({ type: 'trainee.answer' })).rejects.toThrow(/before the scenario has started/);
    log.failNext = true;
    await expect(session.send({ type: 'trainee.start' })).rejects.toThrow('disk full');
    expect(log.entries).toEqual([]);
    expect(session.getSnapshot().value).toBe('briefing');
    await session.send({ type: 'trainee.start', assisted: true });
    expect(session.getSnapshot().matches({ call: 'ringing' })).toBe(true);
    session.close();
  });

  it('keeps a refused write as the session’s failure, with its event, until a write succeeds', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const session = new CallSession(liveMachine([]), [], log, clock);
    let heard = 0;
    session.subscribe(() => heard++);
    log.failNext = true;
    await expect(session.send({ type: 'trainee.start' })).rejects.toThrow('disk full');
    expect(session.getWriteFailure()).toMatchObject({ event: { type: 'trainee.start' } });
    expect(heard).toBe(1);
    // A refusal by the machine is not a storage failure: the failure stands until storage takes a write.
    await expect(session.send({ type: 'trainee.continue' })).rejects.toThrow();
    expect(session.getWriteFailure()).not.toBeNull();
    await session.send({ type: 'trainee.start', assisted: true });
    expect(session.getWriteFailure()).toBeNull();
    session.close();
  });

  it('tries a caller’s line again while storage refuses it, and says it once storage works', async () => {
    const played: string[][] = [];
    const clock = new ManualClock();
    const log = new MemoryLog();
    const session = new CallSession(liveMachine(played), [], log, clock);
    await session.send({ type: 'trainee.start', assisted: true });
    await session.send({ type: 'trainee.answer' });
    log.full = true;
    clock.advance(10);
    await settle();
    expect(session.getWriteFailure()).toMatchObject({ event: { type: 'clock.tick' } });
    expect(played).toEqual([['opening']]);
    clock.advance(WRITE_RETRY_MS / 1000);
    await settle();
    expect(log.entries.map((e) => e.type)).toEqual(['trainee.start', 'trainee.answer']);
    log.full = false;
    clock.advance(WRITE_RETRY_MS / 1000);
    await settle();
    // Stamped when it fell due, not when storage came back.
    expect(log.entries.at(-1)).toMatchObject({ type: 'clock.tick', at: 10 });
    expect(played).toEqual([['opening'], ['worse']]);
    expect(session.getWriteFailure()).toBeNull();
    session.close();
  });

  it('keeps the clock true when storing an event is slow', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const slowLog: AttemptLog = {
      append: async (entry) => {
        clock.advance(3); // the clock moves on while the disk is busy
        await log.append(entry);
      },
    };
    const session = new CallSession(liveMachine([]), [], slowLog, clock);
    await session.send({ type: 'trainee.start', assisted: true });
    await session.send({ type: 'trainee.answer' });
    clock.advance(5);
    await session.send({ type: 'trainee.ask', topic: 'threats-made' });
    // Storing each event took 3 s of real time, and that time counts: the phone rang for the 3 s the
    // start took to store, and the question came 3 + 5 s after the answer. None of it is lost.
    expect(log.entries.map((e) => [e.type, e.at])).toEqual([
      ['trainee.start', 0],
      ['trainee.answer', 3],
      ['trainee.ask', 11],
    ]);
    session.close();
  });

  it('stamps a click with when it was made, though the events before it are still being stored', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const session = new CallSession(liveMachine([]), [], log, clock);
    await session.send({ type: 'trainee.start', assisted: true });
    await session.send({ type: 'trainee.answer' });
    const slow: AttemptLog = { append: async (entry) => (await held, log.append(entry)) };
    const slowSession = new CallSession(liveMachine([]), log.entries, slow, clock);
    clock.advance(4);
    const asked = slowSession.send({ type: 'trainee.ask', topic: 'threats-made' });
    clock.advance(2);
    const second = slowSession.send({ type: 'trainee.ask', topic: 'children' });
    clock.advance(6); // the disk is busy all this while
    release();
    await Promise.all([asked, second]);
    expect(log.entries.slice(-2).map((e) => [e.type, e.at])).toEqual([
      ['trainee.ask', 4],
      ['trainee.ask', 6],
    ]);
    session.close();
    slowSession.close();
  });

  it('resumes a stored call in the same state without replaying its sounds, counting the time it was closed', async () => {
    const played: string[][] = [];
    const clock = new ManualClock();
    const log = new MemoryLog();
    const first = new CallSession(liveMachine(played), [], log, clock);
    await first.send({ type: 'trainee.start' });
    await first.send({ type: 'trainee.answer' });
    clock.advance(3);
    await first.send({ type: 'trainee.log', text: 'Caller reports a problem.' });
    first.close();

    // Closed 4 s after the last event, reopened 2 s later: the call went on for those 6 s.
    clock.advance(6);
    const resumedPlays: string[][] = [];
    const resumed = new CallSession(liveMachine(resumedPlays), log.entries, log, clock);
    expect(resumed.getSnapshot().context).toEqual(replay(createCallMachine(scenario), log.entries).context);
    expect(resumedPlays).toEqual([]);
    expect(resumed.phaseTime()).toBe(9);
    expect(resumed.secondsAway).toBe(6);
    // The caller's line due at 10 s comes when it would have, not 6 s late.
    clock.advance(1);
    await settle();
    expect(resumedPlays).toEqual([['worse']]);
    expect(log.entries.at(-1)).toMatchObject({ type: 'clock.tick', at: 10 });
    resumed.close();
  });

  it('says at once, stamped when it fell due, what the caller said while the page was closed', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const first = new CallSession(liveMachine([]), [], log, clock);
    await first.send({ type: 'trainee.start' });
    await first.send({ type: 'trainee.answer' });
    first.close();

    clock.advance(600);
    const resumedPlays: string[][] = [];
    const resumed = new CallSession(liveMachine(resumedPlays), log.entries, log, clock);
    expect(resumed.phaseTime()).toBe(600);
    clock.advance(0);
    await settle();
    expect(resumedPlays).toEqual([['worse']]);
    expect(log.entries.at(-1)).toMatchObject({ type: 'clock.tick', at: 10 });
    resumed.close();
  });

  it('does not count the time before a what-if was made, nor without the wall times to count from', async () => {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const original = new CallSession(liveMachine([]), [], log, clock);
    await original.send({ type: 'trainee.start' });
    await original.send({ type: 'trainee.answer' });
    original.close();

    // A what-if made from those events a day later, opened 2 s after it was made.
    clock.advance(86_400);
    const madeAt = new Date(clock.nowMs()).toISOString();
    clock.advance(2);
    const whatIf = new CallSession(liveMachine([]), log.entries, new MemoryLog(), clock, madeAt);
    expect(whatIf.phaseTime()).toBe(2);
    whatIf.close();

    // An attempt file written by hand has no wall times: its call resumes where its last event left it.
    const handWritten = log.entries.map(({ wall: _wall, ...entry }) => entry);
    const resumed = new CallSession(liveMachine([]), handWritten, new MemoryLog(), clock);
    expect(resumed.secondsAway).toBe(0);
    expect(resumed.phaseTime()).toBe(0);
    resumed.close();
  });
});
