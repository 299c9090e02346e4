/*
 * Everything `npm run validate` checks about one scenario folder, as a pure function of its files so
 * tests can feed it broken ones. Each problem names the file and the field. A scenario with no
 * problems is safe to play: every cue has audio and a caption, every state is reachable, every path
 * ends in a debrief, every matcher is shown to accept and reject what it should, and the reference
 * attempts replay.
 */
import { compile } from '@mdx-js/mdx';
import { createCallMachine, isVoice } from '../../machines/call-machine.ts';
import { readReleasedScenario } from '../../machines/released-scenario.ts';
import {
  answerKeySchema,
  scenarioSchema,
  sopsSchema,
  type AnswerKey,
  type Line,
  type Matcher,
  type Requirement,
  type ScenarioDefinition,
} from '../../machines/scenario-format.ts';
import { SYSTEM_SUBJECT_KINDS } from '../../machines/vocabulary.ts';
import { splitIntents, TemplateError } from '../../machines/intents.ts';
import { lexiconFor, readMessage } from '../../machines/read-message.ts';
import { findSubject, formOf } from '../../machines/search.ts';
import { parseWebVtt } from '../captions/webvtt.ts';
import type { AudioManifest } from '../captions/audio-manifest.ts';
import { parseAttempt } from '../engine/attempt.ts';
import { replay } from '../engine/replay.ts';
import { normalise } from '../../machines/text.ts';
import { analyseGraph } from './machine-graph.ts';
import { schemaProblems, type Problem } from './problems.ts';

export interface ScenarioFiles {
  /** The folder name, which must be the scenario id. */
  id: string;
  scenario: unknown;
  answerKey: unknown;
  /** The scenario's own sops.json, if it has one (it overrides the shared procedures). */
  sops?: unknown;
  briefing: string | undefined;
  debrief: string | undefined;
  attempts: { model: unknown; historical: unknown };
  /** The voice ids in audio/recipe/voices.json. */
  voices: ReadonlySet<string>;
  audio: {
    /** File names present in audio/<id>/. */
    files: ReadonlySet<string>;
    /** Contents of the .vtt files by line id. */
    captions: ReadonlyMap<string, string>;
    manifest: unknown;
  };
}

export async function validateScenario(files: ScenarioFiles): Promise<Problem[]> {
  const folder = `scenarios/${files.id}`;
  const problems = await contentProblems(folder, files);
  const { scenario, problems: dataProblems } = versionProblems(folder, files.scenario, files, 'current');
  problems.push(...dataProblems);
  if (scenario) problems.push(...audioProblems(scenario, files.audio));
  return problems;
}

/** One earlier version, kept in released/v<N>/ so that attempts played on it replay. */
export interface ReleasedFiles {
  /** The scenario id (its folder's name). */
  id: string;
  version: number;
  scenario: unknown;
  answerKey: unknown;
  sops?: unknown;
  attempts: { model: unknown; historical: unknown };
  /** The scenario's current scenario.json, from which what an older format lacked is filled in. */
  current: unknown;
  voices: ReadonlySet<string>;
}

/**
 * A kept version must be read by today's code as the version it says it is, with a machine every state
 * of which is reachable and every path ends in a debrief, and reference attempts that replay to the
 * debrief. Its content and audio are not checked: a kept version is replayed, never played anew.
 */
export function validateReleasedVersion(files: ReleasedFiles): Problem[] {
  const folder = `scenarios/${files.id}/released/v${files.version}`;
  const current = scenarioSchema.safeParse(files.current);
  // The current version's own problems are reported against it; a kept one is read through it.
  if (!current.success) return [];
  const scenario = readReleasedScenario(files.scenario, current.data);
  const { problems } = versionProblems(folder, scenario, files, 'kept');
  if (isRecord(files.scenario) && files.scenario['version'] !== files.version) {
    problems.push({
      file: `${folder}/scenario.json`,
      field: 'version',
      message: `is ${String(files.scenario['version'])}; a folder named v${files.version} keeps version ${files.version}`,
    });
  }
  return problems;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Which version is checked. Some rules are for writing a scenario today (every subject a search can find
 * is given somewhere in the call; a flag to dispatch says what it must carry): they hold of the current
 * version. A kept version was written by the rules of its day and is only ever replayed.
 */
type Version = 'current' | 'kept';

/**
 * What is checked of every version, current or kept: the data against the schemas, its cross-references,
 * the answer key, the machine, and the reference attempts (for the current version, also their typed
 * words, read by today's lexicon).
 */
function versionProblems(
  folder: string,
  data: unknown,
  files: Pick<ScenarioFiles, 'id' | 'answerKey' | 'sops' | 'attempts' | 'voices'>,
  which: Version,
): { scenario: ScenarioDefinition | null; problems: Problem[] } {
  const scenarioFile = `${folder}/scenario.json`;
  const keyFile = `${folder}/answer-key.json`;
  const problems: Problem[] = [];

  const scenarioResult = scenarioSchema.safeParse(data);
  if (!scenarioResult.success) problems.push(...schemaProblems(scenarioFile, scenarioResult.error));
  const keyResult = answerKeySchema.safeParse(files.answerKey);
  if (!keyResult.success) problems.push(...schemaProblems(keyFile, keyResult.error));
  if (files.sops !== undefined) {
    const sops = sopsSchema.safeParse(files.sops);
    if (!sops.success) problems.push(...schemaProblems(`${folder}/sops.json`, sops.error));
  }
  if (!scenarioResult.success) return { scenario: null, problems };

  const scenario = scenarioResult.data;
  if (scenario.id !== files.id) {
    problems.push({
      file: scenarioFile,
      field: 'id',
      message: `"${scenario.id}" must match its folder name "${files.id}"`,
    });
  }
  const scriptProblems = crossReferenceProblems(scenarioFile, scenario, files.voices, which);
  problems.push(...scriptProblems);
  if (keyResult.success) problems.push(...answerKeyProblems(keyFile, scenario, keyResult.data, which));
  if (scriptProblems.length > 0) return { scenario, problems };

  const machine = createCallMachine(scenario);
  const graph = analyseGraph(scenario, machine);
  for (const state of graph.unreachable) {
    problems.push({
      file: scenarioFile,
      field: '(machine)',
      message: `state "${state}" can never be reached`,
    });
  }
  for (const state of graph.deadEnds) {
    problems.push({
      file: scenarioFile,
      field: '(machine)',
      message: `from ${state} the debrief can never be reached`,
    });
  }
  for (const name of ['model', 'historical'] as const) {
    const file = `${folder}/attempts/${name}.json`;
    try {
      const attempt = parseAttempt(files.attempts[name]);
      if (attempt.scenario !== scenario.id || attempt.scenarioVersion !== scenario.version) {
        problems.push({
          file,
          field: 'scenarioVersion',
          message: `is for ${attempt.scenario} version ${attempt.scenarioVersion}; the scenario is ${scenario.id} version ${scenario.version}`,
        });
        continue;
      }
      const end = replay(machine, attempt.events);
      if (end.status !== 'done')
        problems.push({ file, field: 'events', message: 'does not reach the debrief' });
      if (which === 'current') problems.push(...typedWordsProblems(file, scenario, attempt.events));
      if (which === 'current' && name === 'historical')
        problems.push(...provenanceProblems(file, attempt.events));
    } catch (error) {
      problems.push({ file, field: 'events', message: (error as Error).message });
    }
  }
  return { scenario, problems };
}

/** The simulator's own steps, which are not part of the real call and so have no source to cite. */
const MECHANICS: ReadonlySet<string> = new Set([
  'trainee.start',
  'trainee.continue',
  'clock.tick',
  'clock.skip',
]);

/**
 * The real call replayed must say, event by event, whether the sources report it or it was added to
 * complete the replay: a trainee takes the debrief's "what really happened" at its word.
 */
function provenanceProblems(file: string, events: ReturnType<typeof parseAttempt>['events']): Problem[] {
  return events.flatMap((event, i) =>
    MECHANICS.has(event.type) || event.provenance
      ? []
      : [
          {
            file,
            field: `events[${i}].provenance`,
            message: `${event.type} must say whether the sources report it ({"reported": …}) or it completes the replay ({"added": …})`,
          },
        ],
  );
}

/**
 * A reference attempt's typed words must say what it records: its messages read as the intents it
 * lists, and its searches find the subjects it lists, by today's lexicon and search. (Stored trainees'
 * attempts are never read again; this keeps the reference attempts honest as the lexicon grows.)
 */
function typedWordsProblems(
  file: string,
  scenario: ScenarioDefinition,
  events: ReturnType<typeof parseAttempt>['events'],
): Problem[] {
  const problems: Problem[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  events.forEach((event, i) => {
    if (event.type === 'trainee.speak') {
      const read = readMessage(event.text, scenario.phrasings);
      if (show(read) !== show(event.intents))
        problems.push({
          file,
          field: `events[${i}].intents`,
          message: `"${event.text}" reads as ${show(splitIntents(read))}, not ${show(splitIntents(event.intents))}`,
        });
    }
    if (event.type === 'trainee.check' && event.query !== undefined) {
      const found = findSubject(scenario.subjects, event.system, event.query);
      if (found !== event.subject)
        problems.push({
          file,
          field: `events[${i}].subject`,
          message: `a ${event.system} search for "${event.query}" finds ${found ?? 'no trace'}, not ${event.subject ?? 'no trace'}`,
        });
    }
  });
  return problems;
}

/** Whether the script or the systems ever give this identifier, so a trainee could search by it. */
function mentioned(identifier: string, texts: readonly string[]): boolean {
  const digits = (text: string) => text.replace(/\D/g, '');
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  if (formOf(identifier) === 'phone') return texts.some((text) => digits(text).includes(digits(identifier)));
  // Numbers in an address may be said as words ("Fourteen Alder Close"): the name of the place must be there.
  const named =
    formOf(identifier) === 'address'
      ? (identifier
          .split(',')
          .map((part) => plain(part.replace(/\d+[a-z]?/gi, ' ')))
          .sort((a, b) => b.length - a.length)[0] ?? identifier)
      : identifier;
  return texts.some((text) => ` ${plain(text)} `.includes(` ${plain(named)} `));
}

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** Ids unique, and every id a line, check or trigger names exists. */
function crossReferenceProblems(
  file: string,
  scenario: ScenarioDefinition,
  voices: ReadonlySet<string>,
  which: Version,
): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  for (const [field, ids] of [
    ['phases', scenario.phases.map((p) => p.id)],
    ['lines', scenario.lines.map((l) => l.id)],
    ['facts', scenario.facts.map((f) => f.id)],
    ['subjects', scenario.subjects.map((s) => s.id)],
    ['checks', scenario.checks.map((c) => c.id)],
    ['incidents', (scenario.incidents ?? []).map((i) => i.id)],
    ['units', (scenario.units ?? []).map((u) => u.id)],
    ['force.grades', scenario.force.grades.map((g) => g.grade)],
  ] as const) {
    for (const id of duplicates(ids)) add(field, `"${id}" is used more than once`);
  }
  const phases = new Set(scenario.phases.map((p) => p.id));
  const facts = new Set(scenario.facts.map((f) => f.id));
  const lines = new Map(scenario.lines.map((l) => [l.id, l]));
  const subjects = new Map(scenario.subjects.map((s) => [s.id, s]));
  const triggers = new Map<string, Line>();
  const disclosed = new Set<string>();

  scenario.lines.forEach((line, i) => {
    if (!phases.has(line.phase)) add(`lines[${i}].phase`, `no phase "${line.phase}"`);
    const voiced = isVoice(line);
    if (voiced && !line.audio) add(`lines[${i}].audio`, 'a voice line needs a voice to be recorded in');
    if (!voiced && line.audio) add(`lines[${i}].audio`, 'a log line is written, not heard: remove its audio');
    if (line.question && voiced) add(`lines[${i}].question`, 'only a log line can be a question on the log');
    if (line.audio && !voices.has(line.audio.voice)) {
      add(`lines[${i}].audio.voice`, `no voice "${line.audio.voice}" in audio/recipe/voices.json`);
    }
    if ((line.trigger.on === 'contact' || line.trigger.on === 'radio') && line.trigger.ifMessage) {
      problems.push(...matcherProblems(file, `lines[${i}].trigger.ifMessage`, line.trigger.ifMessage));
    }
    if ((line.trigger.on === 'radio' || line.trigger.on === 'assign') && line.trigger.unit) {
      if (!(scenario.units ?? []).some((u) => u.id === (line.trigger as { unit?: string }).unit)) {
        add(`lines[${i}].trigger.unit`, `no unit "${line.trigger.unit}"`);
      }
    }
    if (line.unit !== undefined) {
      if (line.speaker !== 'officer') add(`lines[${i}].unit`, 'only an officer speaks for a unit');
      if (!(scenario.units ?? []).some((u) => u.id === line.unit))
        add(`lines[${i}].unit`, `no unit "${line.unit}"`);
    }
    if (line.trigger.on === 'end-call') {
      line.trigger.unless.forEach((requirement, j) =>
        problems.push(
          ...requirementProblems(file, `lines[${i}].trigger.unless[${j}]`, scenario, requirement),
        ),
      );
    }
    (line.discloses ?? []).forEach((fact, j) => {
      disclosed.add(fact);
      if (!facts.has(fact)) add(`lines[${i}].discloses[${j}]`, `no fact "${fact}"`);
    });
    const trigger = line.trigger;
    if (trigger.on === 'after') {
      const parent = lines.get(trigger.line);
      if (!parent) add(`lines[${i}].trigger.line`, `no line "${trigger.line}"`);
      else if (parent.phase !== line.phase)
        add(`lines[${i}].trigger.line`, `"${trigger.line}" is in another phase`);
      return;
    }
    // Several answers to one question are tried in order: all but the last must say when they apply.
    const signature = JSON.stringify([line.phase, trigger]);
    const oneOfMany = ['answer', 'call-back', 'contact', 'end-call', 'radio', 'assign'].includes(trigger.on);
    const earlier = triggers.get(signature);
    if (!oneOfMany && earlier && !earlier.onlyIf) {
      add(
        `lines[${i}].trigger`,
        'another line in this phase already answers this (give the earlier one an onlyIf)',
      );
    }
    triggers.set(signature, line);
    if (line.onlyIf) {
      if (!phases.has(line.onlyIf.phase)) add(`lines[${i}].onlyIf.phase`, `no phase "${line.onlyIf.phase}"`);
      problems.push(
        ...requirementProblems(file, `lines[${i}].onlyIf.requires`, scenario, line.onlyIf.requires),
      );
    }
  });
  for (const [i, line] of scenario.lines.entries()) {
    const seen = new Set<string>();
    let current = line;
    while (current.trigger.on === 'after') {
      if (seen.has(current.id)) {
        add(`lines[${i}].trigger`, 'timed lines follow each other in a circle, so none is ever spoken');
        break;
      }
      seen.add(current.id);
      const parent = lines.get(current.trigger.line);
      if (!parent) break;
      current = parent;
    }
  }
  scenario.phases.forEach((phase, i) => {
    const before = scenario.phases.slice(0, i);
    if (phase.continues && !before.some((p) => p.id === phase.continues)) {
      add(`phases[${i}].continues`, `"${phase.continues}" is not an earlier call`);
    }
    const previous = before.at(-1)?.startsAfter ?? (i > 0 ? 0 : undefined);
    if (phase.startsAfter !== undefined && previous !== undefined && phase.startsAfter < previous) {
      add(`phases[${i}].startsAfter`, 'calls must be in time order');
    }
  });
  for (const phase of scenario.phases.filter((p) => p.kind === 'call')) {
    if (!scenario.lines.some((l) => l.phase === phase.id && l.trigger.on === 'answer')) {
      add('phases', `phase "${phase.id}" has no line spoken on answering`);
    }
  }
  scenario.checks.forEach((check, i) => {
    const subject = subjects.get(check.subject);
    if (!subject) add(`checks[${i}].subject`, `no subject "${check.subject}"`);
    else if (!SYSTEM_SUBJECT_KINDS[check.system].includes(subject.kind)) {
      add(`checks[${i}].system`, `${check.system} holds nothing on a ${subject.kind}`);
    }
    (check.discloses ?? []).forEach((fact, j) => {
      disclosed.add(fact);
      if (!facts.has(fact)) add(`checks[${i}].discloses[${j}]`, `no fact "${fact}"`);
    });
  });
  // Several results for one search are tried in order, so all but the last must say when they apply.
  const searches = new Map<string, number[]>();
  scenario.checks.forEach((check, i) => {
    const search = `${check.system}|${check.subject}`;
    searches.set(search, [...(searches.get(search) ?? []), i]);
    if (check.onlyIf && !phases.has(check.onlyIf.phase))
      add(`checks[${i}].onlyIf.phase`, `no phase "${check.onlyIf.phase}"`);
    if (check.onlyIf) {
      problems.push(
        ...requirementProblems(file, `checks[${i}].onlyIf.requires`, scenario, check.onlyIf.requires),
      );
    }
  });
  for (const indexes of searches.values()) {
    for (const i of indexes.slice(0, -1)) {
      if (!scenario.checks[i]?.onlyIf)
        add(`checks[${i}]`, 'a later result for the same search is never found: give this one an onlyIf');
    }
  }
  scenario.facts.forEach((fact, i) => {
    if (!disclosed.has(fact.id)) add(`facts[${i}]`, `"${fact.id}" is never disclosed by a line or a check`);
  });
  scenario.phases.forEach((phase, i) => {
    if (phase.callingFrom === undefined) return;
    if (subjects.get(phase.callingFrom)?.kind !== 'phone')
      add(`phases[${i}].callingFrom`, `"${phase.callingFrom}" is not a phone subject`);
  });
  // What a trainee can learn to search by: what is said, what the systems show, the number on screen.
  const learnable = [
    ...scenario.lines.map((l) => l.text),
    ...scenario.checks.flatMap((c) => [c.summary, ...c.records]),
    ...scenario.phases.flatMap((p) => subjects.get(p.callingFrom ?? '')?.identifiers ?? []),
  ];
  scenario.subjects.forEach((subject, i) => {
    if (!scenario.checks.some((c) => c.subject === subject.id)) return;
    if (which === 'current' && !subject.identifiers.some((identifier) => mentioned(identifier, learnable)))
      add(
        `subjects[${i}].identifiers`,
        `nothing in the call or the systems gives "${subject.identifiers[0]}", so no search could find ${subject.id}`,
      );
    subject.identifiers.forEach((identifier, j) => {
      const system = Object.entries(SYSTEM_SUBJECT_KINDS).find(([, kinds]) =>
        kinds.includes(subject.kind),
      )?.[0];
      if (
        system &&
        findSubject([subject], system as keyof typeof SYSTEM_SUBJECT_KINDS, identifier) !== subject.id
      )
        add(`subjects[${i}].identifiers[${j}]`, `a search for "${identifier}" does not find it`);
    });
  });
  if (scenario.phrasings) {
    try {
      lexiconFor(scenario.phrasings, 'phrasings');
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      add(error.message.split(':')[0] ?? 'phrasings', error.message.split(': ').slice(1).join(': '));
    }
  }
  return problems;
}

function matcherProblems(file: string, field: string, matcher: Matcher): Problem[] {
  const problems: Problem[] = [];
  const patterns: RegExp[] = [];
  matcher.patterns.forEach((pattern, i) => {
    try {
      patterns.push(new RegExp(pattern, 'i'));
    } catch (error) {
      problems.push({ file, field: `${field}.patterns[${i}]`, message: (error as Error).message });
    }
  });
  if (problems.length > 0) return problems;
  const accepts = (text: string) => patterns.some((p) => p.test(normalise(text)));
  matcher.examples.match.forEach((example, i) => {
    if (!accepts(example))
      problems.push({ file, field: `${field}.examples.match[${i}]`, message: `"${example}" is not matched` });
  });
  matcher.examples.noMatch.forEach((example, i) => {
    if (accepts(example))
      problems.push({ file, field: `${field}.examples.noMatch[${i}]`, message: `"${example}" is matched` });
  });
  return problems;
}

function answerKeyProblems(
  file: string,
  scenario: ScenarioDefinition,
  key: AnswerKey,
  which: Version,
): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (key.scenario !== scenario.id) add('scenario', `"${key.scenario}" must be "${scenario.id}"`);
  const phases = new Set(scenario.phases.map((p) => p.id));
  const facts = new Set(scenario.facts.map((f) => f.id));
  for (const [field, phase] of [
    ['openingCode.phase', key.openingCode.phase],
    ['grading.phase', key.grading.phase],
    ['thrive.phase', key.thrive.phase],
    ['logging.phase', key.logging.phase],
  ] as const) {
    if (!phases.has(phase)) add(field, `no phase "${phase}"`);
  }
  if (!scenario.force.grades.some((g) => g.grade === key.grading.expected)) {
    add('grading.expected', `the force in scenario.json has no "${key.grading.expected}" grade`);
  }
  (key.thrive.reassessAfter ?? []).forEach((fact, i) => {
    if (!facts.has(fact)) add(`thrive.reassessAfter[${i}]`, `no fact "${fact}"`);
  });
  for (const [element, elementKey] of Object.entries(key.thrive.elements)) {
    elementKey.keyFactors.forEach((factor, i) => {
      problems.push(
        ...matcherProblems(file, `thrive.elements.${element}.keyFactors[${i}].matcher`, factor.matcher),
      );
      (factor.facts ?? []).forEach((fact, j) => {
        if (!facts.has(fact))
          add(`thrive.elements.${element}.keyFactors[${i}].facts[${j}]`, `no fact "${fact}"`);
      });
    });
  }
  (key.ndm.harmful ?? []).forEach((entry, i) => {
    if (!phases.has(entry.phase)) add(`ndm.harmful[${i}].phase`, `no phase "${entry.phase}"`);
    if (entry.unless)
      problems.push(...requirementProblems(file, `ndm.harmful[${i}].unless`, scenario, entry.unless));
  });
  for (const id of duplicates((key.ndm.harmful ?? []).map((e) => e.id)))
    add('ndm.harmful', `"${id}" is used more than once`);
  (key.logging.ambiguous ?? []).forEach((item, i) =>
    problems.push(...matcherProblems(file, `logging.ambiguous[${i}].matcher`, item.matcher)),
  );
  key.logging.facts.forEach((fact, i) => {
    if (!facts.has(fact.fact)) add(`logging.facts[${i}].fact`, `no fact "${fact.fact}"`);
    problems.push(...matcherProblems(file, `logging.facts[${i}].matcher`, fact.matcher));
  });
  for (const [field, expectations] of [
    ['ndm.expectations', key.ndm.expectations],
    ['escalation.expectations', key.escalation.expectations],
  ] as const) {
    for (const id of duplicates(expectations.map((e) => e.id))) add(field, `"${id}" is used more than once`);
    expectations.forEach((expectation, i) => {
      if (!phases.has(expectation.phase)) add(`${field}[${i}].phase`, `no phase "${expectation.phase}"`);
      problems.push(...requirementProblems(file, `${field}[${i}].requires`, scenario, expectation.requires));
      const requires = expectation.requires;
      const ways = requires.kind === 'any-of' ? requires.of.map((r, j) => [r, `.of[${j}]`] as const) : [];
      for (const [way, at] of [[requires, ''] as const, ...ways]) {
        if (which === 'current' && way.kind === 'escalated' && way.to === 'dispatcher' && !way.saying)
          add(
            `${field}[${i}].requires${at}.saying`,
            'a flag to dispatch must say what the message has to carry: handing the call on is not flagging the risk',
          );
      }
    });
  }
  return problems;
}

/** A requirement names only subjects, incidents and lines the scenario has. */
function requirementProblems(
  file: string,
  field: string,
  scenario: ScenarioDefinition,
  requires: Requirement,
): Problem[] {
  const has = (items: readonly { id: string }[] | undefined, id: string) =>
    (items ?? []).some((item) => item.id === id);
  const problem = (at: string, message: string) => [{ file, field: `${field}.${at}`, message }];
  switch (requires.kind) {
    case 'checked':
      return has(scenario.subjects, requires.subject)
        ? []
        : problem('subject', `no subject "${requires.subject}"`);
    case 'linked':
      return has(scenario.incidents, requires.incident)
        ? []
        : problem('incident', `no incident "${requires.incident}"`);
    case 'heard':
    case 'not-prompted':
      return has(scenario.lines, requires.line) ? [] : problem('line', `no line "${requires.line}"`);
    case 'escalated':
    case 'contacted':
    case 'radioed':
    case 'called-back':
      return [
        ...(requires.saying ? matcherProblems(file, `${field}.saying`, requires.saying) : []),
        ...(requires.about ?? []).flatMap((fact, i) =>
          scenario.facts.some((f) => f.id === fact) ? [] : problem(`about[${i}]`, `no fact "${fact}"`),
        ),
      ];
    case 'assigned':
      return !requires.unit || has(scenario.units, requires.unit)
        ? []
        : problem('unit', `no unit "${requires.unit}"`);
    case 'answered':
      return scenario.lines.find((l) => l.id === requires.line)?.question
        ? []
        : problem('line', `"${requires.line}" is not a question on the log`);
    case 'any-of':
      return requires.of.flatMap((alternative, i) =>
        requirementProblems(file, `${field}.of[${i}]`, scenario, alternative),
      );
    default:
      return [];
  }
}

/**
 * Every line has Ogg and MP3 audio, a caption that says what the script says, and fresh audio; and the app
 * can find them (urls.ts lists them for the sound adapter: without it a call is captions only).
 */
function audioProblems(scenario: ScenarioDefinition, audio: ScenarioFiles['audio']): Problem[] {
  const problems: Problem[] = [];
  const dir = `audio/${scenario.id}`;
  const manifest = audio.manifest as Partial<AudioManifest> | undefined;
  if (!manifest?.lines) {
    return [{ file: `${dir}/manifest.json`, field: '(file)', message: 'missing: run npm run audio' }];
  }
  if (!audio.files.has('urls.ts'))
    problems.push({ file: `${dir}/urls.ts`, field: '(file)', message: 'missing: run npm run audio' });
  for (const line of scenario.lines.filter(isVoice)) {
    for (const extension of ['ogg', 'mp3', 'vtt']) {
      if (!audio.files.has(`${line.id}.${extension}`)) {
        problems.push({
          file: `${dir}/${line.id}.${extension}`,
          field: '(file)',
          message: `missing audio for line "${line.id}": run npm run audio`,
        });
      }
    }
    const made = manifest.lines[line.id];
    if (
      made &&
      (made.text !== line.text || made.said !== line.audio?.say || made.quality !== line.audio?.quality)
    ) {
      problems.push({
        file: `${dir}/manifest.json`,
        field: `lines.${line.id}.text`,
        message: 'the audio was made from different text: run npm run audio',
      });
    } else if (!made) {
      problems.push({
        file: `${dir}/manifest.json`,
        field: `lines.${line.id}`,
        message: 'no record of this line: run npm run audio',
      });
    }
    const seconds = line.audio?.seconds;
    if (made && line.audio && (seconds === undefined || Math.abs(made.seconds - seconds) > 0.011))
      problems.push({
        file: `scenarios/${scenario.id}/scenario.json`,
        field: `lines.${line.id}.audio.seconds`,
        message: `is ${seconds ?? 'missing'}; the audio lasts ${made.seconds} s: run npm run audio`,
      });
    const vtt = audio.captions.get(line.id);
    if (vtt === undefined) continue;
    try {
      const caption = parseWebVtt(vtt)
        .map((cue) => cue.text)
        .join(' ');
      if (normalise(caption) !== normalise(line.text)) {
        problems.push({
          file: `${dir}/${line.id}.vtt`,
          field: '(captions)',
          message: `says "${caption}", the script says "${line.text}"`,
        });
      }
    } catch (error) {
      problems.push({
        file: `${dir}/${line.id}.vtt`,
        field: '(captions)',
        message: (error as Error).message,
      });
    }
  }
  return problems;
}

/**
 * The briefing opens with a content note and the debrief ends with signposting; both compile. Whom the
 * signposting lists is the scenario.json's `supportTopics`, so a debrief naming topics of its own is
 * refused rather than silently overruled.
 */
async function contentProblems(folder: string, files: ScenarioFiles): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [name, source, required] of [
    ['briefing.mdx', files.briefing, '<ContentNote'],
    ['debrief.mdx', files.debrief, '<Signposting'],
  ] as const) {
    const file = `${folder}/${name}`;
    if (source === undefined) {
      problems.push({ file, field: '(file)', message: 'missing' });
      continue;
    }
    if (!source.includes(required))
      problems.push({ file, field: required.slice(1), message: `must include ${required} />` });
    if (/<Signposting\s+topics/.test(source))
      problems.push({
        file,
        field: 'Signposting',
        message: 'write <Signposting /> and list its topics as supportTopics in scenario.json',
      });
    try {
      await compile(source);
    } catch (error) {
      problems.push({
        file,
        field: '(mdx)',
        message: String((error as Error).message).split('\n')[0] ?? 'does not compile',
      });
    }
  }
  return problems;
}
