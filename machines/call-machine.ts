/*
 * The call-handling machine every scenario runs on, built from the scenario's data.
 *
 * Lifecycle:
 *   briefing --trainee.start--> call.ringing --trainee.answer--> call.connected
 *   call.connected --trainee.endCall--> call.wrapUp           (the caller is gone, the incident log is open)
 *     unless the caller prompts first ("don't you need his details?"): then the call stays connected
 *   call.wrapUp --trainee.callBack--> call.connected          (ringing the caller back)
 *   call.connected | call.wrapUp --trainee.closeLog--> call.closed
 *   call.closed --trainee.continue--> call.ringing of the next phase (its clock back at 0) | debrief (final)
 *
 * While connected the trainee speaks to the caller in their own words (`trainee.speak`, recorded with what
 * the words were read as), or, in assisted mode only, picks questions and advice from a menu. The replies
 * are scenario lines the machine speaks (into the transcript, disclosing facts), never something the UI
 * invents. The caller answers up to three things asked at once, one after another, each taking as long
 * as its audio; a fact is learned when the line saying it has been heard to the end. Speaking while the
 * caller is still talking interrupts them: the line is cut short (recorded, and what it was saying is not
 * learned) and what they had still to answer is dropped. Lines due while the caller is talking wait for
 * them to finish. While connected
 * or wrapping up the trainee works the incident: checks, SOP, opening code, THRIVE, risk, grade, log,
 * escalations, contacts with third parties (who answer, and take time), links, and replies to questions
 * colleagues write on the log. Each is recorded with its phase and its time on the phase clock, which is
 * all the scoring needs.
 *
 * Lines come on two channels: 'voice' (heard, with captions) and 'log' (a colleague's note on the
 * incident log, possibly a question). Time only moves through events: `clock.tick` (the engine sends one
 * before every event, to that event's time), `clock.skip`, and the time a contact takes. Lines due "n
 * seconds after" another are spoken when the clock passes their time. Ending the call drops what the
 * caller had still to say (recorded as a cut-off); colleagues' notes still arrive until the log is closed.
 *
 * Effects are named stubs for the app to bind with `.provide()`: `playCues` (the voice lines just
 * spoken) and `stopCues` (the call ended). Reaching the debrief needs no effect: the event that reaches
 * it is stored with the attempt finished (src/engine/session.ts).
 * Replaying an attempt runs the same transitions without executing them. What an event does without
 * leaving its state is a reaction, a plain function of the record and the event that the chart performs
 * (`perform`) and replay can apply without XState (`reactionOf`, src/engine/replay.ts).
 */
import { assign, setup } from 'xstate';
import { whenMet } from './call-record.ts';
import type { MachineEvent } from './events.ts';
import type { Intent } from './intents.ts';
import type { Condition, Line, ScenarioDefinition } from './scenario-format.ts';
import { matches } from './text.ts';
import { SYSTEM_SUBJECT_KINDS } from './vocabulary.ts';
import type { CallContext, Disclosure, PhaseProgress, Spoken, Stamp, Timer } from './call-context.ts';

export type {
  CallContext,
  CheckRun,
  Disclosure,
  PhaseProgress,
  Spoken,
  Stamp,
  Utterance,
} from './call-context.ts';

/** Lookups built once per scenario so that each transition is a map access, not a scan. */
interface ScriptIndex {
  lines: Map<string, Line>;
  onAnswer: Map<string, string[]>;
  onCallBack: Map<string, string[]>;
  /** Answers by phase and topic (or advice), in order: the first whose condition holds is said. */
  onAsk: Map<string, Line[]>;
  onSay: Map<string, Line[]>;
  unscripted: Map<string, string>;
  /** Third parties' answers by phase and agency, in order: the first whose condition holds answers. */
  onContact: Map<string, Line[]>;
  /** The caller's prompts when the trainee tries to end the call, by phase. */
  onEndCall: Map<string, Line[]>;
  /** Officers' answers on the radio, by phase, in order: the first whose condition holds answers. */
  onRadio: Map<string, Line[]>;
  /** Units' acknowledgements when assigned, by phase and unit. */
  onAssign: Map<string, Line[]>;
  followUps: Map<string, Line[]>;
  /** Results for a search, in order: the first whose condition holds is the one found. */
  checkResults: Map<string, ScenarioDefinition['checks']>;
}

const key = (...parts: string[]) => parts.join('|');
/**
 * The list with one more item. `concat` makes the copy once, at its final length; `[...list, item]` copies
 * and then grows the copy for the item, and a long replay copies a growing list at nearly every event.
 */
const appended = <T>(list: readonly T[], item: T): T[] => list.concat([item]);
const append = <T>(map: Map<string, T[]>, at: string, item: T) => map.set(at, [...(map.get(at) ?? []), item]);

/** What the app is asked to do with sound: play the voice lines just spoken, or stop the call's sound. */
type Cue = { type: 'playCues'; params: { lines: string[] } } | { type: 'stopCues' };

/** What an event does: the record's update, and the cues for the app, played after it in this order. */
export interface Outcome {
  update: Partial<CallContext>;
  cues: Cue[];
}

/**
 * An event's effect on the call worked out from the record and the event alone. The chart performs
 * reactions through XState; replay, which needs only the record, can apply those of a transition that
 * stays in its state directly (reactionOf).
 */
export type Reaction = (context: CallContext, event: MachineEvent) => Outcome;

const recorded = (update: Partial<CallContext>): Outcome => ({ update, cues: [] });
const unchanged: Outcome = recorded({});

/** The reaction behind each action the chart performs, by the action. */
const reactions = new WeakMap<object, Reaction>();

/** The reaction a chart action performs, or undefined for any other action (an assign, an effect). */
export const reactionOf = (action: unknown): Reaction | undefined =>
  typeof action === 'function' ? reactions.get(action) : undefined;

export const isVoice = (line: Line | undefined): boolean => (line?.channel ?? 'voice') === 'voice';

function indexScript(scenario: ScenarioDefinition): ScriptIndex {
  const index: ScriptIndex = {
    lines: new Map(),
    onAnswer: new Map(),
    onCallBack: new Map(),
    onAsk: new Map(),
    onSay: new Map(),
    unscripted: new Map(),
    onContact: new Map(),
    onEndCall: new Map(),
    onRadio: new Map(),
    onAssign: new Map(),
    followUps: new Map(),
    checkResults: new Map(),
  };
  for (const line of scenario.lines) {
    index.lines.set(line.id, line);
    const trigger = line.trigger;
    switch (trigger.on) {
      case 'answer':
        append(index.onAnswer, line.phase, line.id);
        break;
      case 'call-back':
        append(index.onCallBack, line.phase, line.id);
        break;
      case 'ask':
        append(index.onAsk, key(line.phase, trigger.topic), line);
        break;
      case 'say':
        append(index.onSay, key(line.phase, trigger.advice), line);
        break;
      case 'ask-unscripted':
        index.unscripted.set(line.phase, line.id);
        break;
      case 'contact':
        append(index.onContact, key(line.phase, trigger.agency), line);
        break;
      case 'end-call':
        append(index.onEndCall, line.phase, line);
        break;
      case 'radio':
        append(index.onRadio, line.phase, line);
        break;
      case 'assign':
        append(index.onAssign, key(line.phase, trigger.unit), line);
        break;
      case 'after':
        append(index.followUps, trigger.line, line);
        break;
    }
  }
  for (const check of scenario.checks) append(index.checkResults, key(check.system, check.subject), check);
  return index;
}

/** The most the caller answers of one message; the rest of it goes unanswered. */
export const MOST_TAKEN_IN = 3;
/** The pause between the caller's answers to several questions asked at once, in seconds. */
const BETWEEN_ANSWERS = 0.5;

export function initialContext(scenario: ScenarioDefinition): CallContext {
  return {
    assisted: false,
    phaseIndex: 0,
    now: 0,
    progress: scenario.phases.map((phase) => ({
      phase: phase.id,
      answeredAt: null,
      callEndedAt: null,
      logClosedAt: null,
    })),
    transcript: [],
    disclosures: [],
    utterances: [],
    questions: [],
    advice: [],
    checks: [],
    sops: [],
    codes: [],
    thrive: [],
    risks: [],
    grades: [],
    log: [],
    escalations: [],
    contacts: [],
    links: [],
    callBacks: [],
    assignments: [],
    radio: [],
    replies: [],
    cutOffs: [],
    interruptions: [],
    timers: [],
  };
}

/** How long a line takes to say; log lines and silent ones take no time. */
export const secondsOf = (line: Line | undefined): number =>
  isVoice(line) ? (line?.audio?.seconds ?? 0) : 0;

/** Someone on the phone line with the trainee, who can be talked over: the caller, or a third party. */
export const onThePhone = (line: Line | undefined): boolean =>
  isVoice(line) && (line?.speaker === 'caller' || line?.speaker === 'third-party');

export function createCallMachine(scenario: ScenarioDefinition) {
  const script = indexScript(scenario);
  const subjectKinds = new Map(scenario.subjects.map((subject) => [subject.id, subject.kind]));
  const phaseId = (context: CallContext): string => scenario.phases[context.phaseIndex]?.id ?? '';
  const stamp = (context: CallContext): Stamp => ({ phase: phaseId(context), at: context.now });
  const audible = (lines: readonly string[]) => lines.filter((id) => isVoice(script.lines.get(id)));
  /** What is still to come down the caller's line: their words, and the sounds behind them. */
  const callerStillTalking = (context: CallContext) =>
    context.timers.filter((timer) => {
      const line = script.lines.get(timer.line);
      return isVoice(line) && (onThePhone(line) || line?.speaker === 'effect');
    });

  /** Facts count as known per call: what a caller said last week is news again on this call's log. */
  const isKnown = (context: CallContext, fact: string) =>
    context.disclosures.some((d) => d.fact === fact && d.phase === phaseId(context));
  const lengthOf = (id: string) => secondsOf(script.lines.get(id));

  /** The line someone on the phone is saying at this moment of the current call, if any. */
  const speakingAt = (context: CallContext, at: number): Spoken | undefined => {
    const phase = phaseId(context);
    for (let i = context.transcript.length - 1; i >= 0; i--) {
      const spoken = context.transcript[i];
      if (!spoken || spoken.phase !== phase) break;
      if (spoken.cutAt === undefined && onThePhone(script.lines.get(spoken.line))) {
        if (spoken.at <= at && at < spoken.at + lengthOf(spoken.line)) return spoken;
      }
    }
    return undefined;
  };

  /** Cuts short the line being said now: what it would have told is not learned. */
  const cutShort = (context: CallContext, spoken: Spoken) => ({
    transcript: context.transcript.map((s) => (s === spoken ? { ...s, cutAt: context.now } : s)),
    disclosures: context.disclosures.filter(
      (d) =>
        !('line' in d.via && d.via.line === spoken.line && d.phase === spoken.phase && d.at > context.now),
    ),
  });

  const applies = (context: CallContext, item: { onlyIf?: Condition | undefined }) =>
    !item.onlyIf || whenMet(context, item.onlyIf.phase, item.onlyIf.requires) !== null;
  const resultOf = (context: CallContext, system: string, subject: string) =>
    script.checkResults.get(key(system, subject))?.find((result) => applies(context, result));
  const answerOf = (context: CallContext, answers: Map<string, Line[]>, asked: string) =>
    answers.get(key(phaseId(context), asked))?.find((line) => applies(context, line))?.id;

  /** These lines are said now: into the transcript, their facts disclosed, follow-ups timed. */
  function speak(context: CallContext, lineIds: readonly string[], at: number) {
    const phase = phaseId(context);
    const spoken = lineIds.map((line) => ({ phase, at, line }));
    const disclosures: Disclosure[] = [];
    const timers: Timer[] = [];
    for (const id of lineIds) {
      // Learned once the line has been heard to the end.
      const heardAt = at + lengthOf(id);
      for (const fact of script.lines.get(id)?.discloses ?? []) {
        if (!isKnown(context, fact) && !disclosures.some((d) => d.fact === fact)) {
          disclosures.push({ phase, at: heardAt, fact, via: { line: id } });
        }
      }
      for (const next of script.followUps.get(id) ?? []) {
        if (next.trigger.on === 'after') timers.push({ line: next.id, dueAt: at + next.trigger.seconds });
      }
    }
    return {
      transcript: spoken.length > 0 ? context.transcript.concat(spoken) : context.transcript,
      disclosures: disclosures.length > 0 ? context.disclosures.concat(disclosures) : context.disclosures,
      timers: timers.length > 0 ? context.timers.concat(timers) : context.timers,
    };
  }

  /** Says every timed line due by the context's clock, earliest first, following chains of lines. */
  function speakDueLines(context: CallContext) {
    let current = context;
    const spoken: string[] = [];
    for (;;) {
      const due = current.timers.filter((t) => t.dueAt <= current.now).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!due) return { update: current, spoken };
      const waiting = current.timers.filter((t) => t !== due);
      const line = script.lines.get(due.line);
      // A timed line whose condition does not hold when it falls due is never said, nor what follows it.
      if (line && !applies({ ...current, now: due.dueAt }, line)) {
        current = { ...current, timers: waiting };
        continue;
      }
      // One thing at a time on the phone: a line due while someone is still talking waits for them.
      const talking = onThePhone(line) ? speakingAt(current, due.dueAt) : undefined;
      if (talking) {
        const free = talking.at + lengthOf(talking.line);
        current = { ...current, timers: [...waiting, { ...due, dueAt: free }] };
        continue;
      }
      current = { ...current, ...speak({ ...current, timers: waiting }, [due.line], due.dueAt) };
      spoken.push(due.line);
    }
  }

  /** The caller's prompt, if they would stop the trainee ending the call now. */
  const promptOnEnding = (context: CallContext): Line | undefined => {
    const phase = phaseId(context);
    const heard = new Set(context.transcript.filter((s) => s.phase === phase).map((s) => s.line));
    return script.onEndCall
      .get(phase)
      ?.find(
        (line) =>
          !heard.has(line.id) &&
          line.trigger.on === 'end-call' &&
          line.trigger.unless.some((requirement) => whenMet(context, phase, requirement) === null),
      );
  };

  const progressWith = (context: CallContext, change: Partial<PhaseProgress>) =>
    context.progress.map((p, i) => (i === context.phaseIndex ? { ...p, ...change } : p));

  const machineSetup = setup({
    types: {
      context: {} as CallContext,
      events: {} as MachineEvent,
    },
    guards: {
      hasNextPhase: ({ context }) => context.phaseIndex + 1 < scenario.phases.length,
      knownIncident: ({ event }) =>
        event.type === 'trainee.link' &&
        (scenario.incidents ?? []).some((incident) => incident.id === event.incident),
      /** A search finds the scenario's own subjects, only on systems that hold their kind, or nothing. */
      checkApplies: ({ event }) => {
        if (event.type !== 'trainee.check') return false;
        if (event.subject === null) return true;
        const kind = subjectKinds.get(event.subject);
        return kind !== undefined && SYSTEM_SUBJECT_KINDS[event.system].includes(kind);
      },
      /** The question and advice menu exists only in assisted mode. */
      assisted: ({ context }) => context.assisted,
      /** Only a question a colleague has already written on this call's log can be answered. */
      openQuestion: ({ context, event }) =>
        event.type === 'trainee.reply' &&
        script.lines.get(event.line)?.question === true &&
        context.transcript.some((s) => s.line === event.line && s.phase === phaseId(context)),
      callerPrompts: ({ context }) => promptOnEnding(context) !== undefined,
      knownUnit: ({ event }) =>
        event.type === 'trainee.assign' && (scenario.units ?? []).some((unit) => unit.id === event.unit),
      /** The first phase, or the one after the current, is a spell at the dispatcher's desk. */
      startsAtDesk: () => scenario.phases[0]?.kind === 'dispatch',
      nextAtDesk: ({ context }) => scenario.phases[context.phaseIndex + 1]?.kind === 'dispatch',
    },
    actions: {
      playCues: (_, _params: { lines: string[] }) => {},
      stopCues: () => {},

      start: assign(({ event }) =>
        event.type === 'trainee.start' && event.assisted ? { assisted: true } : {},
      ),
      endCall: assign(({ context }) => {
        const unsaid = callerStillTalking(context);
        const talking = speakingAt(context, context.now);
        const lines = [...(talking ? [talking.line] : []), ...unsaid.map((timer) => timer.line)];
        return {
          ...(talking ? cutShort(context, talking) : {}),
          progress: progressWith(context, { callEndedAt: context.now }),
          cutOffs:
            lines.length > 0
              ? appended(context.cutOffs, { ...stamp(context), unsaid: lines })
              : context.cutOffs,
          timers: context.timers.filter((timer) => !unsaid.includes(timer)),
        };
      }),
      closeLog: assign(({ context }) => {
        const current = context.progress[context.phaseIndex];
        return {
          progress: progressWith(context, {
            callEndedAt: current?.callEndedAt ?? context.now,
            logClosedAt: context.now,
          }),
          timers: [],
        };
      }),
      startNextPhase: assign(({ context }) => ({ phaseIndex: context.phaseIndex + 1, now: 0 })),
    },
  });

  /** Runs a reaction in the chart: the record updated, then its cues, in order. */
  const perform = (reaction: Reaction) => {
    const action = machineSetup.enqueueActions(({ context, event, enqueue }) => {
      const { update, cues } = reaction(context, event);
      enqueue.assign(update);
      for (const cue of cues) enqueue(cue);
    });
    reactions.set(action, reaction);
    return action;
  };

  const playing = (lines: string[]): Cue[] =>
    lines.length > 0 ? [{ type: 'playCues', params: { lines } }] : [];
  /** What the trainee hears back: their act recorded, the reply said, and what is audible of it played. */
  const replying = (context: CallContext, lines: string[], record: Partial<CallContext>): Outcome => ({
    update: { ...record, ...speak(context, lines, context.now) },
    cues: playing(audible(lines)),
  });

  const advanceClock: Reaction = (context, event) => {
    if (event.type === 'clock.tick') return recorded({ now: Math.max(context.now, event.at) });
    if (event.type === 'clock.skip') return recorded({ now: context.now + event.minutes * 60 });
    return unchanged;
  };
  const sayDueLines: Reaction = (context) => {
    const { update, spoken } = speakDueLines(context);
    if (spoken.length === 0 && update.timers === context.timers) return unchanged;
    return {
      update: { transcript: update.transcript, disclosures: update.disclosures, timers: update.timers },
      cues: playing(audible(spoken)),
    };
  };
  /** Of the lines a moment brings (answering, ringing back), those whose condition holds. */
  const applying = (context: CallContext, ids: readonly string[] | undefined) =>
    (ids ?? []).filter((id) => {
      const line = script.lines.get(id);
      return line !== undefined && applies(context, line);
    });
  /** Answering, or sitting down at the desk: the spell starts, and what is waiting is said (lines 'on answer'). */
  const answer: Reaction = (context) =>
    replying(context, applying(context, script.onAnswer.get(phaseId(context))), {
      progress: progressWith(context, { answeredAt: context.now }),
    });
  /**
   * The trainee says something to the caller: their own words (`speak`), or a menu choice in assisted
   * mode. Talking over the caller cuts them short; the caller answers what they took in, in turn.
   */
  const converse: Reaction = (context, event) => {
    let intents: Intent[];
    if (event.type === 'trainee.speak') intents = event.intents;
    else if (event.type === 'trainee.ask') intents = [{ ask: event.topic }];
    else if (event.type === 'trainee.say') intents = [{ advise: event.advice }];
    else return unchanged;
    const phase = phaseId(context);
    const talking = speakingAt(context, context.now);
    const before = talking ? { ...context, ...cutShort(context, talking) } : context;
    const taken = intents.slice(0, MOST_TAKEN_IN);
    const unscripted = script.unscripted.get(phase);
    const questions: CallContext['questions'] = [];
    const advice: CallContext['advice'] = [];
    const replies: string[] = [];
    for (const intent of taken) {
      if ('ask' in intent) {
        const reply = answerOf(before, script.onAsk, intent.ask) ?? unscripted ?? null;
        questions.push({ ...stamp(before), topic: intent.ask, reply });
        if (reply && !replies.includes(reply)) replies.push(reply);
      } else {
        advice.push({ ...stamp(before), advice: intent.advise });
        const reply = answerOf(before, script.onSay, intent.advise);
        if (reply && !replies.includes(reply)) replies.push(reply);
      }
    }
    if (intents.length === 0 && unscripted) replies.push(unscripted);
    // The first answer now, the others each after the one before it has been said.
    const [first, ...later] = replies;
    let dueAt = before.now + (first ? lengthOf(first) + BETWEEN_ANSWERS : 0);
    const queued: Timer[] = later.map((line) => {
      const timer: Timer = { line, dueAt, reply: true };
      dueAt += lengthOf(line) + BETWEEN_ANSWERS;
      return timer;
    });
    const spoken = speak(before, first ? [first] : [], before.now);
    return {
      update: {
        transcript: spoken.transcript,
        disclosures: spoken.disclosures,
        timers: [...spoken.timers.filter((timer) => !timer.reply), ...queued],
        // Only a list something was added to is copied; the other keeps its place in the context.
        ...(questions.length > 0 ? { questions: before.questions.concat(questions) } : {}),
        ...(advice.length > 0 ? { advice: before.advice.concat(advice) } : {}),
        ...(event.type === 'trainee.speak'
          ? {
              utterances: appended(before.utterances, {
                ...stamp(before),
                text: event.text.trim(),
                intents,
                taken: taken.length,
              }),
            }
          : {}),
        ...(talking
          ? { interruptions: appended(before.interruptions, { ...stamp(before), line: talking.line }) }
          : {}),
      },
      cues: [
        ...(talking ? [{ type: 'stopCues' } as const] : []),
        ...(first && isVoice(script.lines.get(first)) ? playing([first]) : []),
      ],
    };
  };
  const callBack: Reaction = (context, event) =>
    replying(context, applying(context, script.onCallBack.get(phaseId(context))), {
      callBacks: appended(context.callBacks, {
        ...stamp(context),
        reason: event.type === 'trainee.callBack' ? (event.reason?.trim() ?? '') : '',
      }),
    });
  const prompt: Reaction = (context) => {
    const line = promptOnEnding(context);
    return line ? replying(context, [line.id], {}) : unchanged;
  };
  /** A third party answers, and the contact costs time on the clock, during which lines fall due. */
  const contact: Reaction = (context, event) => {
    if (event.type !== 'trainee.contact') return unchanged;
    const message = event.message?.trim() ?? '';
    const answer = script.onContact
      .get(key(phaseId(context), event.agency))
      ?.find(
        (line) =>
          line.trigger.on === 'contact' &&
          (!line.trigger.ifMessage || matches(line.trigger.ifMessage, message)),
      );
    const answered = {
      ...context,
      contacts: appended(context.contacts, { ...stamp(context), agency: event.agency, message }),
      ...speak(context, answer ? [answer.id] : [], context.now),
    };
    const takes = answer?.trigger.on === 'contact' ? (answer.trigger.takes ?? 0) : 0;
    const { update, spoken } = speakDueLines({ ...answered, now: context.now + takes });
    return {
      update: {
        contacts: update.contacts,
        transcript: update.transcript,
        disclosures: update.disclosures,
        timers: update.timers,
        now: update.now,
      },
      cues: playing(audible([...(answer ? [answer.id] : []), ...spoken])),
    };
  };
  const assignUnit: Reaction = (context, event) => {
    if (event.type !== 'trainee.assign') return unchanged;
    const acknowledgement = script.onAssign
      .get(key(phaseId(context), event.unit))
      ?.find((line) => applies(context, line));
    return replying(context, acknowledgement ? [acknowledgement.id] : [], {
      assignments: appended(context.assignments, { ...stamp(context), unit: event.unit }),
    });
  };
  const radio: Reaction = (context, event) => {
    if (event.type !== 'trainee.radio') return unchanged;
    const unit = event.unit?.trim() || null;
    const answer = script.onRadio
      .get(phaseId(context))
      ?.find(
        (line) =>
          line.trigger.on === 'radio' &&
          (!line.trigger.unit || line.trigger.unit === unit) &&
          (!line.trigger.ifMessage || matches(line.trigger.ifMessage, event.message)) &&
          applies(context, line),
      );
    return replying(context, answer ? [answer.id] : [], {
      radio: appended(context.radio, { ...stamp(context), unit, message: event.message.trim() }),
    });
  };

  // Work on the incident: each is recorded with its phase and time, and plays nothing.
  const check: Reaction = (context, event) => {
    if (event.type !== 'trainee.check') return unchanged;
    const result = event.subject === null ? undefined : resultOf(context, event.system, event.subject);
    const revealed = (result?.discloses ?? []).filter((fact) => !isKnown(context, fact));
    return recorded({
      checks: appended(context.checks, {
        ...stamp(context),
        system: event.system,
        subject: event.subject,
        ...(event.query === undefined ? {} : { query: event.query.trim() }),
        result: result?.id ?? null,
      }),
      disclosures:
        revealed.length > 0
          ? context.disclosures.concat(
              revealed.map((fact) => ({ ...stamp(context), fact, via: { check: result?.id ?? '' } })),
            )
          : context.disclosures,
    });
  };
  const openSop: Reaction = (context, event) =>
    event.type === 'trainee.openSop'
      ? recorded({ sops: appended(context.sops, { ...stamp(context), code: event.code }) })
      : unchanged;
  const code: Reaction = (context, event) =>
    event.type === 'trainee.code'
      ? recorded({
          codes: appended(context.codes, {
            ...stamp(context),
            code: event.code,
            reason: event.reason?.trim() ?? '',
          }),
        })
      : unchanged;
  const thrive: Reaction = (context, event) =>
    event.type === 'trainee.thrive'
      ? recorded({
          thrive: appended(context.thrive, {
            ...stamp(context),
            element: event.element,
            rationale: event.rationale.trim(),
          }),
        })
      : unchanged;
  const risk: Reaction = (context, event) =>
    event.type === 'trainee.risk'
      ? recorded({ risks: appended(context.risks, { ...stamp(context), level: event.level }) })
      : unchanged;
  const grade: Reaction = (context, event) =>
    event.type === 'trainee.grade'
      ? recorded({
          grades: appended(context.grades, {
            ...stamp(context),
            grade: event.grade,
            reason: event.reason?.trim() ?? '',
          }),
        })
      : unchanged;
  const log: Reaction = (context, event) =>
    event.type === 'trainee.log'
      ? recorded({ log: appended(context.log, { ...stamp(context), text: event.text.trim() }) })
      : unchanged;
  const escalate: Reaction = (context, event) =>
    event.type === 'trainee.escalate'
      ? recorded({
          escalations: appended(context.escalations, {
            ...stamp(context),
            to: event.to,
            reason: event.reason.trim(),
          }),
        })
      : unchanged;
  const link: Reaction = (context, event) =>
    event.type === 'trainee.link'
      ? recorded({ links: appended(context.links, { ...stamp(context), incident: event.incident }) })
      : unchanged;
  const reply: Reaction = (context, event) =>
    event.type === 'trainee.reply'
      ? recorded({
          replies: appended(context.replies, {
            ...stamp(context),
            line: event.line,
            text: event.text.trim(),
          }),
        })
      : unchanged;

  const advanceClockAction = perform(advanceClock);
  /** Time passing while someone is on the line or at the desk: what falls due is said. */
  const timePassing = { actions: [advanceClockAction, perform(sayDueLines)] };
  const answerAction = perform(answer);
  const converseAction = perform(converse);
  const contactAction = perform(contact);

  /** Work on the incident that goes on whether or not the caller is still on the line. */
  const incidentWork = {
    'trainee.check': { guard: 'checkApplies', actions: perform(check) },
    'trainee.openSop': { actions: perform(openSop) },
    'trainee.code': { actions: perform(code) },
    'trainee.thrive': { actions: perform(thrive) },
    'trainee.risk': { actions: perform(risk) },
    'trainee.grade': { actions: perform(grade) },
    'trainee.log': { actions: perform(log) },
    'trainee.escalate': { actions: perform(escalate) },
    'trainee.link': { guard: 'knownIncident', actions: perform(link) },
    'trainee.reply': { guard: 'openQuestion', actions: perform(reply) },
  } as const;

  const machine = machineSetup.createMachine({
    id: scenario.id,
    context: initialContext(scenario),
    initial: 'briefing',
    states: {
      briefing: {
        on: {
          'trainee.start': [
            { guard: 'startsAtDesk', target: 'call.desk', actions: ['start', answerAction] },
            { target: 'call', actions: 'start' },
          ],
        },
      },
      call: {
        initial: 'ringing',
        on: {
          'clock.tick': { actions: advanceClockAction },
          'clock.skip': { actions: advanceClockAction },
        },
        states: {
          ringing: {
            on: { 'trainee.answer': { target: 'connected', actions: answerAction } },
          },
          connected: {
            on: {
              'clock.tick': timePassing,
              'clock.skip': timePassing,
              'trainee.speak': { actions: converseAction },
              'trainee.ask': { guard: 'assisted', actions: converseAction },
              'trainee.say': { guard: 'assisted', actions: converseAction },
              'trainee.contact': { actions: contactAction },
              ...incidentWork,
              'trainee.endCall': [
                { guard: 'callerPrompts', actions: perform(prompt) },
                { target: 'wrapUp', actions: ['endCall', 'stopCues'] },
              ],
              'trainee.closeLog': { target: 'closed', actions: ['endCall', 'closeLog', 'stopCues'] },
            },
          },
          wrapUp: {
            on: {
              'clock.tick': timePassing,
              'clock.skip': timePassing,
              'trainee.contact': { actions: contactAction },
              ...incidentWork,
              'trainee.callBack': { target: 'connected', actions: perform(callBack) },
              'trainee.closeLog': { target: 'closed', actions: 'closeLog' },
            },
          },
          // The dispatcher's desk: no caller on the line; units, the radio and the incident log.
          desk: {
            on: {
              'clock.tick': timePassing,
              'clock.skip': timePassing,
              'trainee.contact': { actions: contactAction },
              'trainee.assign': { guard: 'knownUnit', actions: perform(assignUnit) },
              'trainee.radio': { actions: perform(radio) },
              ...incidentWork,
              'trainee.closeLog': { target: 'closed', actions: 'closeLog' },
            },
          },
          closed: {
            on: {
              'trainee.continue': [
                { guard: 'nextAtDesk', target: 'desk', actions: ['startNextPhase', answerAction] },
                { guard: 'hasNextPhase', target: 'ringing', actions: 'startNextPhase' },
                { target: '#debrief' },
              ],
            },
          },
        },
      },
      debrief: {
        id: 'debrief',
        type: 'final',
      },
    },
  });
  return machine;
}

export type CallMachine = ReturnType<typeof createCallMachine>;
