/*
 * The interruption fuzz: real calls played through the real UI with the keyboard, interrupted at random
 * points by a reload (the moment a key is pressed, before its effect shows, or after it shows), a page
 * closed and the call reopened in a new page, the browser killed (SIGKILL) and relaunched on the same
 * profile, and a reload within 50 ms of "Continue to the debrief". After each, the call is reopened and
 * what was stored (read from IndexedDB as the page opened, before the app ran) is held to:
 *   - 0 lost: every action whose effect the UI had shown is stored;
 *   - 0 doubled: the stored trainee events are exactly the actions sent, in order, the last one (if it
 *     was still in flight) present or absent; `seq` runs from 0 without a gap; `eventCount` is the
 *     number of event rows; no clock tick is stored twice;
 *   - the call clock on screen within 2 s of real time, counted from the event that started the call;
 *   - 0 stuck: an attempt whose log reaches the debrief is finished with its marks and shows the
 *     debrief; one whose log does not is in progress and shows where its log leaves it (its closed log
 *     offers "Continue to the debrief" again).
 * FUZZ_SEED picks the run (printed at the end with its figures), FUZZ_POINTS how many interruptions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CHECK_SYSTEMS, OPENING_CODES } from '../../machines/vocabulary.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { catalogueScenario } from '../fixtures/builders.ts';
import {
  compareSequences,
  phaseSecondsShown,
  ProfileBrowser,
  Random,
  readStored,
  type Stored,
  type StoredEntry,
} from './interruptions.ts';

const positive = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
  return value;
};
// The default run (about a minute on a 2-core machine) meets every kind of interruption with this seed;
// timing still decides whether an action in flight was stored, and with it the steps that follow.
const SEED = positive('FUZZ_SEED', 5);
const POINTS = positive('FUZZ_POINTS', 16);
/** The drift the issue allows between the call clock on screen and real time. */
const MAX_DRIFT_SECONDS = 2;

// Quick calls: ltl41-05 has three (its clock restarts at each), ltl41-06 one whose caller may stop the
// trainee ending it ("don't you need his details?").
const SCENARIOS: Record<string, ScenarioModule> = {
  'ltl41-05': await catalogueScenario('ltl41-05'),
  'ltl41-06': await catalogueScenario('ltl41-06'),
};

const ui = strings.ui.console;
const v = strings.vocabulary;
const SAY = [
  "what's happening there right now",
  'is anyone hurt',
  "what's the address",
  'can I take your name please',
  'is he with you now',
  'stay on the line with me',
  'has he got any weapons',
  'when did you last see them',
  'is there anyone else in the house',
  'officers are on their way',
];
const SEARCH = ['Michael Price', '27 Beech Road', 'Joanne Price', '07700 900123', 'Linda Price', 'BD61 XQT'];
const LOG = [
  'Caller reports concern for the occupants',
  'Checks made, nothing further',
  'Caller updated and advised',
  'Awaiting a unit',
];

type Screen = 'briefing' | 'ringing' | 'connected' | 'wrapUp' | 'closed' | 'debrief';
type Work = 'speak' | 'check' | 'log' | 'code';
type Step = 'start' | 'answer' | Work | 'endCall' | 'closeLog' | 'continue';
type Kind = 'reload' | 'close' | 'kill' | 'debrief-reload';
const WORK: readonly string[] = ['speak', 'check', 'log', 'code'] satisfies Work[];

/** What an action is known by in the log: its type, and for work the words or choice that make it unique. */
function signature(entry: StoredEntry): string | null {
  switch (entry.type) {
    case 'clock.tick':
    case 'clock.skip':
      return null;
    case 'trainee.speak':
      return `speak:${String(entry.text)}`;
    case 'trainee.check':
      return `check:${String(entry.system)}:${String(entry.query)}`;
    case 'trainee.log':
      return `log:${String(entry.text)}`;
    case 'trainee.code':
      return `code:${String(entry.code)}`;
    default:
      return entry.type.replace(/^trainee\./, '');
  }
}
const kindOf = (sig: string) => sig.split(':')[0] ?? sig;

/** The screen the attempt page shows, or what stands in its way; null while it is loading. */
function detectScreen(t: {
  ringing: string;
  connected: string;
  callEnded: string;
  debrief: string;
}): Screen | `alert: ${string}` | null {
  if (document.querySelector('article.briefing')) return 'briefing';
  if (document.querySelector('section.closed')) return 'closed';
  for (const h of document.querySelectorAll('h1')) if (h.textContent?.startsWith(t.debrief)) return 'debrief';
  const status = document.querySelector('.status-bar [role="status"]')?.textContent ?? '';
  if (status === t.ringing) return 'ringing';
  if (status.startsWith(t.connected)) return 'connected';
  if (status === t.callEnded) return 'wrapUp';
  const alert = document.querySelector('[role="alert"]');
  if (alert) return `alert: ${alert.textContent ?? ''}`;
  return null;
}
const SCREEN_TEXTS = {
  ringing: ui.ringing,
  connected: ui.connected('').trim(),
  callEnded: ui.callEnded,
  debrief: strings.ui.debrief.heading(''),
};

async function screenOf(page: Page): Promise<Screen> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const seen = await page.evaluate(detectScreen, SCREEN_TEXTS);
    if (seen?.startsWith('alert: ')) throw new Error(`the attempt page says: ${seen}`);
    if (seen) return seen as Screen;
    if (Date.now() > deadline) throw new Error('the attempt page showed no screen of a call within 20 s');
    await page.waitForTimeout(50);
  }
}

/** The screens an attempt can show with this log: where its lifecycle events leave it. */
function screensFor(sigs: readonly string[], phases: number): Screen[] {
  let screens: Screen[] = ['briefing'];
  let phase = 0;
  for (const sig of sigs) {
    if (sig === 'start') screens = ['ringing'];
    else if (sig === 'answer') screens = ['connected'];
    // The caller may keep the trainee on the line once, to prompt them.
    else if (sig === 'endCall') screens = ['wrapUp', 'connected'];
    else if (sig === 'closeLog') screens = ['closed'];
    else if (sig === 'continue') screens = ++phase >= phases ? ['debrief'] : ['ringing'];
  }
  return screens;
}

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByRole('combobox', { name: label, exact: true });
  await select.focus();
  const options = await select.locator('option:not([disabled])').allTextContents();
  const target = options.indexOf(option);
  if (target < 0) throw new Error(`no option "${option}" in ${options.join(', ')}`);
  await page.keyboard.press('Home');
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  await expect(select.locator('option:checked')).toHaveText(option);
}

async function pressButton(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await expect(button).toBeEnabled();
  await button.focus();
  await page.keyboard.press('Enter');
}

interface Sent {
  sig: string;
  confirmed: boolean;
}
interface Attempt {
  id: string;
  url: string;
  scenario: ScenarioModule;
  sent: Sent[];
  /** How much work the trainee does in each call before ending it. */
  planned: Map<number, number>;
}

test('a call survives reloads, closed pages and a killed browser at random points: nothing lost or doubled, the clock true, no attempt stuck', async ({
  baseURL,
}) => {
  // About 4 s a point on a quiet 2-core machine; the cap allows for one shared with other work.
  test.setTimeout(60_000 + POINTS * 10_000);
  if (!baseURL) throw new Error('no baseURL');
  const rng = new Random(SEED);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'interruption-fuzz-'));
  const browser = new ProfileBrowser(userDataDir, baseURL);
  const started = Date.now();

  const figures = {
    points: 0,
    byKind: { reload: 0, close: 0, kill: 0, 'debrief-reload': 0 } as Record<Kind, number>,
    inFlight: 0,
    actions: 0,
    attempts: 0,
    finished: 0,
    checks: 0,
    eventsChecked: 0,
    lost: 0,
    doubled: 0,
    stuck: 0,
    clockChecks: 0,
    maxDrift: 0,
  };
  const problems: string[] = [];
  const steps: string[] = [];
  const problem = (what: string) => {
    problems.push(`${what}\n  seed ${SEED}, steps before it:\n    ${steps.slice(-25).join('\n    ')}`);
  };

  let tag = 0;
  const page = () => browser.page;

  async function newAttempt(): Promise<Attempt> {
    const scenarioId = rng.pick(Object.keys(SCENARIOS));
    const scenario = SCENARIOS[scenarioId];
    if (!scenario) throw new Error(scenarioId);
    await page().goto(`/#/scenario/${scenarioId}`);
    await page().waitForURL(/#\/attempt\//);
    const id = decodeURIComponent(new URL(page().url()).hash.split('/')[2] ?? '');
    figures.attempts++;
    steps.push(`attempt ${figures.attempts}: ${scenarioId} ${id}`);
    return { id, url: `/#/attempt/${id}`, scenario, sent: [], planned: new Map() };
  }

  /** Holds what was stored to what was sent, then takes the log as the truth from here on. */
  function checkLog(attempt: Attempt, stored: Stored, screen: Screen): void {
    figures.checks++;
    const { attempt: record, rows } = stored;
    if (!record) {
      figures.lost++;
      problem(`attempt ${attempt.id}: its row is gone`);
      return;
    }
    figures.eventsChecked += rows.length;
    const gaps = rows.filter((row, index) => row.seq !== index);
    if (gaps.length > 0) {
      figures.lost++;
      problem(`attempt ${attempt.id}: seq not contiguous from 0: ${rows.map((r) => r.seq).join(',')}`);
    }
    if (record.eventCount !== rows.length) {
      figures.doubled++;
      problem(`attempt ${attempt.id}: eventCount ${record.eventCount} but ${rows.length} event rows`);
    }
    rows.forEach((row, index) => {
      const before = rows[index - 1]?.entry;
      if (row.entry.type === 'clock.tick' && before?.type === 'clock.tick' && before.at === row.entry.at) {
        figures.doubled++;
        problem(`attempt ${attempt.id}: clock.tick at ${row.entry.at} stored twice (seq ${row.seq})`);
      }
    });
    const sigs = rows.map((row) => signature(row.entry)).filter((sig) => sig !== null);
    const { lost, extra } = compareSequences(attempt.sent, sigs);
    const unconfirmed = attempt.sent.filter((s, i) => !s.confirmed && i !== attempt.sent.length - 1);
    if (unconfirmed.length > 0) throw new Error('the fuzz left an action unconfirmed before the last');
    if (lost.length > 0) {
      figures.lost += lost.length;
      problem(`attempt ${attempt.id}: shown but not stored: ${lost.join(' | ')}`);
    }
    if (extra.length > 0) {
      figures.doubled += extra.length;
      problem(`attempt ${attempt.id}: stored but not sent (or twice): ${extra.join(' | ')}`);
    }

    const phases = attempt.scenario.definition.phases.length;
    const reached = sigs.filter((sig) => sig === 'continue').length >= phases;
    if (reached && (record.status !== 'finished' || record.score === undefined)) {
      figures.stuck++;
      problem(
        `attempt ${attempt.id}: log reaches the debrief but status ${record.status}, score ${String(record.score)}`,
      );
    }
    if (!reached && (record.status !== 'in-progress' || record.score !== undefined)) {
      figures.stuck++;
      problem(`attempt ${attempt.id}: log short of the debrief but status ${record.status}`);
    }
    const expected = screensFor(sigs, phases);
    if (!expected.includes(screen)) {
      figures.stuck++;
      problem(`attempt ${attempt.id}: page shows ${screen}, its log leaves it at ${expected.join(' or ')}`);
    }
    attempt.sent = sigs.map((sig) => ({ sig, confirmed: true }));
  }

  /** The call clock on screen against real time since the event that started this call's clock. */
  async function checkClock(attempt: Attempt, stored: Stored): Promise<void> {
    const entries = stored.rows.map((row) => row.entry);
    const startedAt = entries.findLastIndex(
      (e) => e.type === 'trainee.start' || e.type === 'trainee.continue',
    );
    const starter = entries[startedAt];
    if (!starter?.wall) throw new Error('no stored event started this call');
    const phaseIndex = entries.filter((e) => e.type === 'trainee.continue').length;
    const clockStart = attempt.scenario.definition.phases[phaseIndex]?.clockStart ?? '00:00';
    // Stored when the phase clock stood still (the briefing, a closed log), so its wall time is real;
    // the call's clock starts from 0 at it (trainee.continue's own `at` is the closed phase's time).
    const at0 = 0;
    const wall0 = Date.parse(starter.wall);
    // The latest change of the clock on screen (the first was as the call's console opened).
    let reading: { text: string; now: number } | undefined;
    await expect
      .poll(async () => (reading = await page().evaluate(() => window.__interruptionFuzzClock)))
      .toBeDefined();
    if (!reading) throw new Error('no clock reading');
    const shown = phaseSecondsShown(reading.text, clockStart);
    const real = at0 + (reading.now - wall0) / 1000;
    // As it changed to `shown` whole seconds, the phase clock was in [shown, shown + 1).
    const drift = real < shown ? shown - real : Math.max(0, real - (shown + 1));
    figures.clockChecks++;
    figures.maxDrift = Math.max(figures.maxDrift, drift);
    if (drift > MAX_DRIFT_SECONDS)
      problem(
        `attempt ${attempt.id}: clock ${reading.text} (${shown} s into the call) ` +
          `but ${real.toFixed(1)} s of real time since ${starter.type} at ${starter.wall}: drift ${drift.toFixed(1)} s`,
      );
  }

  async function interrupt(attempt: Attempt, kind: Kind): Promise<void> {
    figures.points++;
    figures.byKind[kind]++;
    if (kind === 'reload' || kind === 'debrief-reload') await page().reload();
    else if (kind === 'close') {
      await browser.reopenPage();
      await page().goto(attempt.url);
    } else {
      await browser.killAndRelaunch();
      await page().goto(attempt.url);
    }
    const stored = await page().evaluate(() => window.__interruptionFuzzAtOpen ?? null);
    if (!stored) throw new Error(`nothing read from storage on reopening ${attempt.url}`);
    const screen = await screenOf(page());
    checkLog(attempt, stored, screen);
    if (screen === 'ringing' || screen === 'connected' || screen === 'wrapUp')
      await checkClock(attempt, stored);
  }

  /** Work done in this call since it started, and the call's index. */
  const inCall = (attempt: Attempt) => {
    const sigs = attempt.sent.map((s) => s.sig);
    const phase = sigs.filter((sig) => sig === 'continue').length;
    const since = sigs.findLastIndex((sig) => sig === 'start' || sig === 'continue');
    return { phase, work: sigs.slice(since + 1).filter((sig) => WORK.includes(kindOf(sig))).length };
  };

  function chooseStep(attempt: Attempt, screen: Screen): Step {
    const { phase, work } = inCall(attempt);
    let planned = attempt.planned.get(phase);
    if (planned === undefined) attempt.planned.set(phase, (planned = rng.int(1, 3)));
    switch (screen) {
      case 'briefing':
        return 'start';
      case 'ringing':
        return 'answer';
      case 'connected':
        return work < planned
          ? rng.weighted<Step>({ speak: 4, check: 2, log: 2, code: 1 })
          : rng.weighted<Step>({ endCall: 3, closeLog: 1 });
      case 'wrapUp':
        return rng.weighted<Step>({ closeLog: 3, check: 1, log: 1, code: 0.5 });
      case 'closed':
        return 'continue';
      case 'debrief':
        throw new Error('no step from the debrief');
    }
  }

  /**
   * Does a step up to the key press (or click) that sends it; returns its signature and a wait for the
   * UI to show its effect.
   */
  async function perform(
    attempt: Attempt,
    step: Step,
    click: boolean,
  ): Promise<{ sig: string; shown: () => Promise<void> }> {
    const p = page();
    const id = `${figures.attempts}.${++tag}`;
    const toScreen =
      (...screens: Screen[]) =>
      async () => {
        await expect
          .poll(async () => {
            const seen = await p.evaluate(detectScreen, SCREEN_TEXTS);
            return screens.some((screen) => screen === seen);
          })
          .toBe(true);
      };
    switch (step) {
      case 'start':
        await pressButton(p, strings.ui.beginCall);
        return { sig: 'start', shown: toScreen('ringing') };
      case 'answer':
        await pressButton(p, ui.answer);
        return { sig: 'answer', shown: toScreen('connected') };
      case 'speak': {
        const text = `${rng.pick(SAY)} (${id})`;
        await p.getByRole('textbox', { name: ui.sayLabel, exact: true }).focus();
        await p.keyboard.type(text);
        await p.keyboard.press('Enter');
        return {
          sig: `speak:${text}`,
          shown: () =>
            expect(p.getByRole('log', { name: ui.transcriptHeading })).toContainText(`You: ${text}`),
        };
      }
      case 'check': {
        const system = rng.pick(CHECK_SYSTEMS);
        const query = `${rng.pick(SEARCH)} ${id}`;
        await chooseOption(p, ui.system, v.checkSystems[system]);
        await p.getByRole('textbox', { name: ui.subject, exact: true }).focus();
        await p.keyboard.type(query);
        await p.keyboard.press('Enter');
        return {
          sig: `check:${system}:${query}`,
          shown: () =>
            expect(p.getByText(`${v.checkSystems[system]}: ${query}`, { exact: true })).toBeVisible(),
        };
      }
      case 'log': {
        const text = `${rng.pick(LOG)} (${id})`;
        await p.getByRole('textbox', { name: ui.logEntry, exact: true }).focus();
        await p.keyboard.type(text);
        await pressButton(p, ui.addToLog);
        return {
          sig: `log:${text}`,
          shown: () => expect(p.locator('ol.log-entries')).toContainText(text),
        };
      }
      case 'code': {
        const current = (await p.getByText(/^Current code: /).allTextContents())[0];
        const code = rng.pick(OPENING_CODES.filter((c) => ui.currentCode(v.openingCodes[c]) !== current));
        await chooseOption(p, ui.chooseCode, v.openingCodes[code]);
        const reason = p.getByRole('textbox', { name: ui.reasonForCodeChange, exact: true });
        if ((await reason.count()) > 0 && rng.chance(0.5)) {
          await reason.focus();
          await p.keyboard.type(`more is known now (${id})`);
        }
        await pressButton(p, ui.setCode);
        return {
          sig: `code:${code}`,
          shown: () =>
            expect(p.getByText(ui.currentCode(v.openingCodes[code]), { exact: true })).toBeVisible(),
        };
      }
      case 'endCall': {
        // Ended, or the caller keeps them on the line with a prompt (said once).
        const phase = attempt.scenario.definition.phases[inCall(attempt).phase]?.id;
        const prompts = attempt.scenario.definition.lines
          .filter((line) => line.phase === phase && line.trigger.on === 'end-call')
          .map((line) => line.text);
        const transcriptText = () => p.getByRole('log', { name: ui.transcriptHeading }).textContent();
        const before = (await transcriptText()) ?? '';
        await pressButton(p, ui.endCall);
        return {
          sig: 'endCall',
          shown: async () => {
            await expect
              .poll(async () => {
                if ((await p.evaluate(detectScreen, SCREEN_TEXTS)) === 'wrapUp') return true;
                const now = (await transcriptText()) ?? '';
                return prompts.some((text) => now.split(text).length > before.split(text).length);
              })
              .toBe(true);
          },
        };
      }
      case 'closeLog':
        await pressButton(p, ui.closeLog);
        return { sig: 'closeLog', shown: toScreen('closed') };
      case 'continue': {
        const last = inCall(attempt).phase === attempt.scenario.definition.phases.length - 1;
        const button = p.getByRole('button', { name: /^Continue/ });
        if (click) await button.click();
        else await pressButton(p, (await button.textContent()) ?? '');
        return { sig: 'continue', shown: toScreen(last ? 'debrief' : 'ringing') };
      }
    }
  }

  try {
    await browser.launch();
    let attempt = await newAttempt();
    while (figures.points < POINTS) {
      const screen = await screenOf(page());
      if (screen === 'debrief') {
        // The call is over: check it as it stands, then take a new one.
        const stored = await page().evaluate(readStored, attempt.id);
        if (!stored) throw new Error('no database');
        checkLog(attempt, stored, screen);
        figures.finished++;
        attempt = await newAttempt();
        continue;
      }
      const step = chooseStep(attempt, screen);
      const toDebrief =
        step === 'continue' && inCall(attempt).phase === attempt.scenario.definition.phases.length - 1;
      let kind: Kind | null = null;
      let inFlight = false;
      if (toDebrief && rng.chance(0.9)) {
        kind = 'debrief-reload';
        inFlight = true;
      } else if (rng.chance(0.3)) {
        kind = rng.weighted<Kind>({ reload: 50, close: 30, kill: 20 });
        inFlight = rng.chance(0.35);
      }
      const { sig, shown } = await perform(attempt, step, kind === 'debrief-reload');
      figures.actions++;
      attempt.sent.push({ sig, confirmed: false });
      const sent = attempt.sent.at(-1);
      if (!sent) throw new Error('nothing sent');
      if (kind === 'debrief-reload') await page().waitForTimeout(rng.int(0, 50));
      if (!inFlight) {
        await shown();
        sent.confirmed = true;
        // Now and then let the call run on a little first, so a caller's line may fall due in flight.
        if (kind && rng.chance(0.3)) await page().waitForTimeout(rng.int(100, 1500));
      } else figures.inFlight++;
      steps.push(`${sig}${kind ? ` -> ${kind}${inFlight ? ' (in flight)' : ''}` : ''}`);
      if (kind) await interrupt(attempt, kind);
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const kinds = Object.entries(figures.byKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    console.log(
      `interruption fuzz: seed ${SEED}, points ${figures.points} (${kinds}; ${figures.inFlight} with an action in flight), ` +
        `actions ${figures.actions}, attempts ${figures.attempts} (${figures.finished} reached the debrief), ` +
        `checks ${figures.checks}, events checked ${figures.eventsChecked}, lost ${figures.lost}, ` +
        `doubled ${figures.doubled}, stuck ${figures.stuck}, clock checks ${figures.clockChecks}, ` +
        `max clock drift ${figures.maxDrift.toFixed(2)} s, ${seconds} s`,
    );
    if (problems.length > 0) console.log(problems.join('\n'));
  }
  expect(problems, `seed ${SEED}`).toEqual([]);
});
