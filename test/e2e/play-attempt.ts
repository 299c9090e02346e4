/*
 * Plays an attempt file through the real UI, keyboard only, with the browser's clock under the test's
 * control: before each event the clock is run forward to that event's time, so the app stamps every
 * event exactly as the file does and the call it records is the call the file describes. The same
 * attempt is replayed in Node alongside, to know where the phase clock stands.
 *
 * The app may be a page or a frame in one (an LMS's); a call may be played in parts, with a reload or a
 * change of machine between them.
 */
import { expect } from '@playwright/test';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import { applyEntry, initialSnapshot } from '../../src/engine/replay.ts';
import { gradeName } from '../../src/strings/findings.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { readStored } from './interruptions.ts';
import { activate, choose, pageOf, pickRadio, tabTo, type Surface } from './keyboard.ts';

const v = strings.vocabulary;
const ui = strings.ui.console;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsWith = (text: string) => new RegExp(`^${escape(text)}`);

/** Puts text into a field reached by Tab, replacing what was there. */
async function typeText(page: Surface, name: string, text: string): Promise<void> {
  await tabTo(page, page.getByRole('textbox', { name, exact: true }));
  const { keyboard } = pageOf(page);
  await keyboard.press('Control+A');
  await keyboard.press('Delete');
  await keyboard.insertText(text);
}

/** The reason field shows only when a decision is being changed; a first decision has none. */
async function reasonShown(page: Surface, name: string): Promise<boolean> {
  return (await page.getByRole('textbox', { name, exact: true }).count()) > 0;
}

async function perform(page: Surface, scenario: ScenarioModule, entry: AttemptEntry): Promise<void> {
  const { definition } = scenario;
  const button = (name: string | RegExp) =>
    page.getByRole('button', { name, exact: typeof name === 'string' });
  switch (entry.type) {
    case 'clock.tick':
      return;
    case 'clock.skip': {
      // The desk offers an hour and a quarter of an hour at a time.
      if (entry.minutes % 15 !== 0)
        throw new Error(`a skip of ${entry.minutes} minutes cannot be made from the desk`);
      for (let hours = Math.floor(entry.minutes / 60); hours > 0; hours--) {
        await activate(page, button(strings.ui.desk.letTimePass(60)));
      }
      for (let quarters = (entry.minutes % 60) / 15; quarters > 0; quarters--) {
        await activate(page, button(strings.ui.desk.letTimePass(15)));
      }
      return;
    }
    case 'trainee.assign': {
      const callsign = definition.units?.find((u) => u.id === entry.unit)?.callsign ?? entry.unit;
      return activate(page, button(strings.ui.desk.assign(callsign)));
    }
    case 'trainee.radio': {
      const callsign = definition.units?.find((u) => u.id === entry.unit)?.callsign;
      await choose(page, strings.ui.desk.radioTo, callsign ?? strings.ui.desk.allUnits);
      await typeText(page, strings.ui.desk.radioMessage, entry.message);
      return activate(page, button(strings.ui.desk.sendRadio));
    }
    case 'trainee.start':
      return activate(page, button(strings.ui.beginCall));
    case 'trainee.answer':
      return activate(page, button(ui.answer));
    case 'trainee.speak':
      // Typed, and Enter says it.
      await typeText(page, ui.sayLabel, entry.text);
      return pageOf(page).keyboard.press('Enter');
    case 'trainee.ask':
      return activate(page, button(startsWith(v.topics[entry.topic])));
    case 'trainee.say':
      return activate(page, button(startsWith(v.advice[entry.advice])));
    case 'trainee.check': {
      const query =
        entry.query ?? definition.subjects.find((s) => s.id === entry.subject)?.identifiers[0] ?? '';
      await choose(page, ui.system, v.checkSystems[entry.system]);
      await typeText(page, ui.subject, query);
      return activate(page, button(ui.runCheck));
    }
    case 'trainee.openSop':
      await choose(page, ui.chooseCode, v.openingCodes[entry.code]);
      return activate(page, button(ui.openSop));
    case 'trainee.code':
      await choose(page, ui.chooseCode, v.openingCodes[entry.code]);
      if (entry.reason && (await reasonShown(page, ui.reasonForCodeChange))) {
        await typeText(page, ui.reasonForCodeChange, entry.reason);
      }
      return activate(page, button(ui.setCode));
    case 'trainee.thrive':
      await typeText(page, v.thriveElements[entry.element], entry.rationale);
      return activate(page, button(ui.saveThrive));
    case 'trainee.risk':
      await pickRadio(page, v.riskLevels[entry.level]);
      return activate(page, button(ui.saveThrive));
    case 'trainee.grade': {
      const label =
        definition.force.grades.find((g) => g.grade === entry.grade)?.label ?? v.grades[entry.grade];
      await pickRadio(page, startsWith(`${label} (`));
      if (entry.reason && (await reasonShown(page, ui.reasonForGradeChange))) {
        await typeText(page, ui.reasonForGradeChange, entry.reason);
      }
      await activate(page, button(ui.setGrade));
      return expect(page.getByText(ui.currentGrade(gradeName(definition, entry.grade)))).toBeVisible();
    }
    case 'trainee.log':
      await typeText(page, ui.logEntry, entry.text);
      return activate(page, button(ui.addToLog));
    case 'trainee.escalate':
      await choose(page, ui.escalateTo, v.escalationTargets[entry.to]);
      await typeText(page, ui.reason, entry.reason);
      return activate(page, button(ui.escalate));
    case 'trainee.contact':
      await choose(page, ui.contactAgency, v.agencies[entry.agency]);
      await typeText(page, ui.message, entry.message ?? '');
      return activate(page, button(ui.contact));
    case 'trainee.link': {
      const incident = definition.incidents?.find((i) => i.id === entry.incident)?.summary ?? entry.incident;
      await choose(page, ui.incident, incident);
      return activate(page, button(ui.link));
    }
    case 'trainee.reply': {
      const question = definition.lines.find((l) => l.id === entry.line)?.text ?? entry.line;
      const field = ui.answerQuestion(question);
      await typeText(page, field, entry.text);
      const item = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('textbox', { name: field, exact: true }) });
      return activate(page, item.getByRole('button', { name: ui.sendAnswer }));
    }
    case 'trainee.callBack':
      if (entry.reason) await typeText(page, ui.callBackReason, entry.reason);
      return activate(page, button(ui.callBack));
    case 'trainee.endCall':
      return activate(page, button(ui.endCall));
    case 'trainee.closeLog':
      return activate(page, button(ui.closeLog));
    case 'trainee.continue':
      return activate(page, button(/^Continue/));
  }
}

/**
 * Pauses the page's clock a little after the page's own time, for an attempt to be played on from there
 * (the clock must have been installed). Not at a fixed moment: on a busy machine that moment may already
 * have passed, and the clock cannot be paused in the past.
 */
export async function pauseClockSoon(page: Surface): Promise<void> {
  await pageOf(page).clock.pauseAt((await page.evaluate(() => Date.now())) + 2000);
}

/**
 * Plays the attempt's events from `from` (default: the first) up to but not including `to` (default: all
 * of them). From the first, the app must be on the scenario's briefing; from a later one, in the call as
 * the events before it left it, with the clock at the last one's time. The clock must be paused.
 */
export async function playAttempt(
  page: Surface,
  scenario: ScenarioModule,
  events: readonly AttemptEntry[],
  { from = 0, to = events.length }: { from?: number; to?: number } = {},
): Promise<void> {
  let snapshot = initialSnapshot(scenario.machine);
  for (const [index, entry] of events.entries()) {
    if (index >= to) return;
    if (index >= from) {
      const wait = entry.at - snapshot.context.now;
      if (wait > 0) await pageOf(page).clock.runFor(wait * 1000);
      await perform(page, scenario, entry);
    }
    snapshot = applyEntry(scenario.machine, snapshot, entry, index).snapshot;
  }
}

/**
 * The actions recorded for the attempt in the page's address, a line each, as `actionLines` gives a
 * file's: a model attempt played through the desk must be recorded exactly as its file has it, so a
 * differing score is traced to the action the app recorded otherwise.
 */
export async function recordedActions(page: Surface): Promise<string[]> {
  const attemptId = decodeURIComponent(
    (await page.evaluate(() => location.hash)).match(/^#\/attempt\/([^/]+)/)?.[1] ?? '',
  );
  const stored = await page.evaluate(readStored, attemptId);
  return actionLines((stored?.rows ?? []).map((row) => row.entry as unknown as AttemptEntry));
}

/**
 * An attempt's actions a line each: its time on the phase clock, its type and what was typed or chosen.
 * The clock's ticks are the app's own, not the trainee's.
 */
export function actionLines(entries: readonly AttemptEntry[]): string[] {
  return entries
    .filter((entry) => entry.type !== 'clock.tick')
    .map(({ at, wall: _wall, provenance: _provenance, ...event }) => `${at} ${JSON.stringify(event)}`);
}
