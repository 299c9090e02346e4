/*
 * The scenario file formats: what a trainer writes in scenarios/<id>/scenario.json (the call as data)
 * and scenarios/<id>/answer-key.json (what good looks like, with the source each judgement rests on).
 * The schemas are the single definition: the types below are inferred from them, the validator
 * (npm run validate) checks every file against them, and the machine factory builds from the types.
 * No field has a default, so a file that passed the validator is already the typed value: the app
 * imports the JSON as it is and keeps zod out of the browser bundle (`import type` only).
 */
import * as z from 'zod';
import {
  ADVICE,
  AGENCIES,
  CHECK_SYSTEMS,
  ESCALATION_TARGETS,
  GRADES,
  NDM_ELEMENTS,
  OPENING_CODES,
  PHASE_KINDS,
  RISK_LEVELS,
  SCORING_DIMENSIONS,
  SEVERITIES,
  SOURCE_KINDS,
  SPEAKERS,
  SUBJECT_KINDS,
  SUPPORT_TOPICS,
  THRIVE_ELEMENTS,
  TOPICS,
  UNIT_STATUSES,
} from './vocabulary.ts';

/** Stable ids: lower-case words joined by hyphens, never array positions. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "banging-at-door"');

const text = z.string().trim().min(1, 'must not be empty');

export const sourceRefSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  /** Where exactly: "IOPC learning report, finding 1", "APP domestic abuse: context and dynamics". */
  ref: text,
  quote: z.string().optional(),
  url: z.url().optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/**
 * Recognises a fact or a risk factor in free text the trainee typed. Patterns are JavaScript regular
 * expressions, matched case-insensitively; the examples are run by the validator so every matcher is
 * shown to accept what it should and reject what it should not.
 */
export const matcherSchema = z.strictObject({
  patterns: z.array(text).min(1),
  examples: z.strictObject({
    match: z.array(text).min(1, 'needs at least one text the matcher must accept'),
    noMatch: z.array(text).min(1, 'needs at least one text the matcher must reject'),
  }),
});
export type Matcher = z.infer<typeof matcherSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as "21:14"');

export const phaseSchema = z.strictObject({
  id: idSchema,
  /** A call to take (it rings, is answered, ends), or a spell at the dispatcher's desk. */
  kind: z.enum(PHASE_KINDS),
  title: text,
  /** Shown before the phase: "A week later". */
  timeLabel: text,
  /** The wall-clock time on the control room clock when the phase begins. */
  clockStart: clockTime,
  /** Who rings in, as the call-handling screen shows it before answering. */
  incoming: text,
  /**
   * The call is about an incident opened in an earlier phase (an update call): its log, code, grade and
   * attendance target carry on. Without it, each call is its own incident.
   */
  continues: idSchema.optional(),
  /** Minutes after the scenario's first call rang; lets attendance targets run across calls. */
  startsAfter: z.number().nonnegative().optional(),
  /** The phone subject the call comes from: its number is on the call handler's screen when it rings. */
  callingFrom: idSchema.optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const lineTriggerSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('answer') }),
  z.strictObject({ on: z.literal('ask'), topic: z.enum(TOPICS) }),
  z.strictObject({ on: z.literal('say'), advice: z.enum(ADVICE) }),
  /** Any question this phase has no scripted answer for. */
  z.strictObject({ on: z.literal('ask-unscripted') }),
  /** Spoken when the trainee rings the caller back after the call ended. */
  z.strictObject({ on: z.literal('call-back') }),
  /** An officer's answer on the radio; with `ifMessage`, only when the message matches (first match answers). */
  z.strictObject({
    on: z.literal('radio'),
    unit: idSchema.optional(),
    ifMessage: z.lazy(() => matcherSchema).optional(),
  }),
  /** A unit's acknowledgement when it is assigned to the incident. */
  z.strictObject({ on: z.literal('assign'), unit: idSchema }),
  /**
   * A third party's answer when the trainee contacts them. With `ifMessage`, only when what the trainee
   * tells them matches (e.g. that it is urgent); the first matching line of a phase is the answer.
   * `takes` is how long the contact costs on the clock.
   */
  z.strictObject({
    on: z.literal('contact'),
    agency: z.enum(AGENCIES),
    ifMessage: z.lazy(() => matcherSchema).optional(),
    takes: z.number().nonnegative().optional(),
  }),
  /**
   * The caller stops the trainee ending the call while these requirements are unmet (at most once per
   * line): "Don't you need his details?" Being prompted is recorded and can be scored.
   */
  z.strictObject({ on: z.literal('end-call'), unless: z.array(z.lazy(() => requirementSchema)).min(1) }),
  /** Spoken this many seconds after another line, if the call is still connected. */
  z.strictObject({ on: z.literal('after'), line: idSchema, seconds: z.number().positive() }),
]);
export type LineTrigger = z.infer<typeof lineTriggerSchema>;

export const audioRecipeSchema = z.strictObject({
  /** A voice from audio/recipe/voices.json. */
  voice: idSchema,
  /**
   * What is actually said, when it differs from the caption: a line heard badly is said in full but
   * captioned with what can be made out ("I've just drank a [unclear]").
   */
  say: z.string().trim().min(1).optional(),
  /** How it reaches the phone: over a loudspeaker across a room is hard to make out. */
  quality: z.enum(['clear', 'loudspeaker', 'radio']).optional(),
  /** A sound effect from audio/recipe/effects.json mixed under the speech. */
  background: idSchema.optional(),
  /**
   * How long the line takes to say, in seconds, as generated (npm run audio writes it; the validator
   * checks it against the audio). The caller can say one thing at a time: a line due while another is
   * being said waits for it, and a question put while the caller is speaking interrupts them. Absent
   * only in versions kept from before speech was timed (released/), where every line took no time; the
   * validator requires it of a scenario's current version.
   */
  seconds: z.number().positive().optional(),
});

export const lineSchema = z.strictObject({
  id: idSchema,
  phase: idSchema,
  speaker: z.enum(SPEAKERS),
  /** An officer's unit, whose callsign names the speaker, for lines no unit's own radio call brings. */
  unit: idSchema.optional(),
  /** 'voice' is heard (audio and captions); 'log' is written on the incident log by a colleague. */
  channel: z.enum(['voice', 'log']).optional(),
  /** A log line that asks the trainee something and expects an answer on the log. */
  question: z.boolean().optional(),
  /** Exactly what is said; the caption and the transcript. Sound descriptions go in square brackets. */
  text,
  trigger: lineTriggerSchema,
  discloses: z.array(idSchema).optional(),
  /**
   * Said only if this requirement is met by then (e.g. `heard` another line): a question can have several
   * answers, tried in order, the first whose condition holds; the last needs none.
   */
  onlyIf: z.lazy(() => conditionSchema).optional(),
  /** How it is voiced; log lines have none. */
  audio: audioRecipeSchema.optional(),
});
export type Line = z.infer<typeof lineSchema>;

/** A unit the dispatcher can send. */
export const unitSchema = z.strictObject({
  id: idSchema,
  callsign: text,
  status: z.enum(UNIT_STATUSES),
  /** What it is doing, as the dispatcher sees it ("at a collision on the A30"). */
  note: z.string().optional(),
});
export type Unit = z.infer<typeof unitSchema>;

/**
 * The rest of the outstanding-incident queue, generated from templates so the desk looks as busy as it
 * was (case 9: about 60 incidents). Deterministic: the same seed gives the same queue.
 */
export const queueSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  seed: z.number().int(),
  templates: z
    .array(z.strictObject({ code: z.enum(OPENING_CODES), grade: z.enum(GRADES), summary: text }))
    .min(1),
  places: z.array(text).min(1),
});
export type Queue = z.infer<typeof queueSchema>;

export const subjectSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(SUBJECT_KINDS),
  /** Who or what it is, for trainers and supervisors: "Carl Ash (her ex-husband)". Never shown in a call. */
  label: text,
  /**
   * What a search finds it by, as the caller would give it: a person's names (with any other name they
   * use), an address and its postcode, a phone number, a registration. The first is how a result names it.
   */
  identifiers: z.array(text).min(1),
});
export type Subject = z.infer<typeof subjectSchema>;

export const factSchema = z.strictObject({ id: idSchema, summary: text });
export type Fact = z.infer<typeof factSchema>;

/** A previous incident the trainee can find and link to this one. */
export const incidentSchema = z.strictObject({ id: idSchema, summary: text });
export type Incident = z.infer<typeof incidentSchema>;

export const checkResultSchema = z.strictObject({
  id: idSchema,
  system: z.enum(CHECK_SYSTEMS),
  subject: idSchema,
  summary: text,
  records: z.array(text).min(1),
  discloses: z.array(idSchema).optional(),
  /** Set when the sources do not say what this system held, so the notes can say it was invented. */
  invented: z.boolean().optional(),
  /**
   * This result only if the trainee did something earlier, e.g. logged last week's call; otherwise the
   * next result for the same search applies.
   */
  onlyIf: z.lazy(() => conditionSchema).optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const forceGradeSchema = z.strictObject({
  grade: z.enum(GRADES),
  label: text,
  /** Minutes to attend; null where the grade has no attendance target (appointments, no deployment). */
  targetMinutes: z.number().positive().nullable(),
  definition: text,
});
export type ForceGrade = z.infer<typeof forceGradeSchema>;

const templates = z.array(text).min(1);
/** The scenario's own phrasings, added to the shared lexicon (template syntax in machines/intents.ts). */
export const phrasingsSchema = z.strictObject({
  topics: z.partialRecord(z.enum(TOPICS), templates).optional(),
  advice: z.partialRecord(z.enum(ADVICE), templates).optional(),
});

export const scenarioSchema = z.strictObject({
  id: idSchema,
  version: z.number().int().positive(),
  title: text,
  summary: text,
  /** Shown in the scenario list before anything else: the subjects the scenario deals with. */
  contentNote: text,
  /**
   * Whom the debrief's <Signposting /> lists, besides support for police staff (always listed); a report
   * covering several scenarios lists those of the scenarios it covers.
   */
  supportTopics: z.array(z.enum(SUPPORT_TOPICS)).min(1),
  caseStudy: z.strictObject({
    issue: z.number().int().positive(),
    number: z.number().int().positive(),
    title: text,
    sources: z.array(text).min(1),
  }),
  role: text,
  force: z.strictObject({
    name: text,
    grades: z.array(forceGradeSchema).min(1),
  }),
  subjects: z.array(subjectSchema).min(1),
  facts: z.array(factSchema).min(1),
  phases: z.array(phaseSchema).min(1),
  lines: z.array(lineSchema).min(1),
  checks: z.array(checkResultSchema),
  incidents: z.array(incidentSchema).optional(),
  units: z.array(unitSchema).optional(),
  queue: queueSchema.optional(),
  phrasings: phrasingsSchema.optional(),
});
export type ScenarioDefinition = z.infer<typeof scenarioSchema>;

/**
 * The facts a message passes on: it counts only if one of them had been learned when it was sent, so a
 * message naming what the trainee never heard earns nothing (and is flagged for the supervisor).
 */
const about = z.array(idSchema).min(1).optional();

/** One observable behaviour the answer key expects, for the NDM and escalation dimensions. */
const singleRequirements = [
  z.strictObject({ kind: z.literal('asked'), topic: z.enum(TOPICS) }),
  z.strictObject({ kind: z.literal('advised'), advice: z.enum(ADVICE) }),
  z.strictObject({ kind: z.literal('checked'), system: z.enum(CHECK_SYSTEMS), subject: idSchema }),
  /** The procedure for this code was opened; without a code, the procedure for the code the trainee chose. */
  z.strictObject({ kind: z.literal('sop-opened'), code: z.enum(OPENING_CODES).optional() }),
  z.strictObject({ kind: z.literal('thrive-before-grade') }),
  /**
   * Escalated to someone; with `saying`, only a message that says what it must carry counts (a flag to
   * dispatch must name the risk, not just hand the call on).
   */
  z.strictObject({
    kind: z.literal('escalated'),
    to: z.enum(ESCALATION_TARGETS),
    saying: z.lazy(() => matcherSchema).optional(),
    about,
  }),
  /** Contacted the agency; with `saying`, only a contact whose message matches counts (e.g. "urgent, suicidal"). */
  z.strictObject({
    kind: z.literal('contacted'),
    agency: z.enum(AGENCIES),
    saying: z.lazy(() => matcherSchema).optional(),
    about,
  }),
  /** Rang the caller back; with `saying`, only with a stated reason that matches (why it is worth the risk). */
  z.strictObject({
    kind: z.literal('called-back'),
    saying: z.lazy(() => matcherSchema).optional(),
    about,
  }),
  z.strictObject({ kind: z.literal('linked'), incident: idSchema }),
  /** Anything at all recorded on the incident log. */
  z.strictObject({ kind: z.literal('logged') }),
  z.strictObject({ kind: z.literal('coded'), code: z.enum(OPENING_CODES) }),
  /** Graded in the phase (to this grade, if one is named). */
  z.strictObject({ kind: z.literal('graded'), grade: z.enum(GRADES).optional() }),
  /** A THRIVE element or the risk level recorded in the phase: a (re-)assessment on this call. */
  z.strictObject({ kind: z.literal('assessed') }),
  /** A unit (this one, if named) assigned to the incident. */
  z.strictObject({ kind: z.literal('assigned'), unit: idSchema.optional() }),
  /** A radio message (matching `saying`, if given) sent to officers. */
  z.strictObject({
    kind: z.literal('radioed'),
    saying: z.lazy(() => matcherSchema).optional(),
    about,
  }),
  /** The line was said (or written on the log): the trainee stayed long enough, or did what unlocks it. */
  z.strictObject({ kind: z.literal('heard'), line: idSchema }),
  /** The trainee answered this question a colleague put on the log. */
  z.strictObject({ kind: z.literal('answered'), line: idSchema }),
  /** The call ended with nothing the caller was still going to say left unsaid. */
  z.strictObject({ kind: z.literal('not-cut-off') }),
  /** The caller never had to prompt the trainee with this line. */
  z.strictObject({ kind: z.literal('not-prompted'), line: idSchema }),
] as const;

export const requirementSchema = z.discriminatedUnion('kind', [
  ...singleRequirements,
  /**
   * Met by whichever of these is met first: two ways of doing the same thing (CPR instructions given by the
   * call handler, or by the ambulance service conferenced in). One level deep: the alternatives are single
   * requirements.
   */
  z.strictObject({
    kind: z.literal('any-of'),
    of: z.array(z.discriminatedUnion('kind', [...singleRequirements])).min(2),
  }),
]);
export type Requirement = z.infer<typeof requirementSchema>;

/** A requirement met (or not) in a phase: what makes a line or a search result apply. */
export const conditionSchema = z.strictObject({ phase: idSchema, requires: requirementSchema });
export type Condition = z.infer<typeof conditionSchema>;

export const expectationSchema = z.strictObject({
  id: idSchema,
  /** The phase it belongs to; times in `within` are on that phase's clock. */
  phase: idSchema,
  requires: requirementSchema,
  /** Seconds after the phase's call was answered; later than this counts as late. */
  within: z.number().positive().optional(),
  weight: z.number().positive(),
  /** How serious it is to miss it. */
  severity: z.enum(SEVERITIES).exclude(['good-practice']),
  /** Teaches what should have happened and why. */
  missed: text,
  /** Said as good practice when it was done. */
  met: text.optional(),
  source: sourceRefSchema,
});
export type Expectation = z.infer<typeof expectationSchema>;

export const ndmExpectationSchema = expectationSchema.extend({ element: z.enum(NDM_ELEMENTS) });
export type NdmExpectation = z.infer<typeof ndmExpectationSchema>;

/**
 * Advice wrong for this call: CPR when nobody is hurt, "go to the door" with the suspect outside. Giving
 * it is a finding with its reason, and costs its weight from the NDM mark.
 */
export const harmfulAdviceSchema = z.strictObject({
  id: idSchema,
  advice: z.enum(ADVICE),
  phase: idSchema,
  /** Not harmful once this was done earlier in the phase (e.g. preserving the scene after CPR has started). */
  unless: z.lazy(() => requirementSchema).optional(),
  weight: z.number().positive(),
  severity: z.enum(SEVERITIES).exclude(['good-practice']),
  /** Why it is wrong for this call, said to the trainee. */
  why: text,
  source: sourceRefSchema,
});
export type HarmfulAdvice = z.infer<typeof harmfulAdviceSchema>;

export const keyFactorSchema = z.strictObject({
  id: idSchema,
  label: text,
  matcher: matcherSchema,
  /**
   * The facts that reveal this factor. Naming it counts only once one of them was learned; naming it
   * before (a MARAC nobody searched for) earns nothing and is flagged for the supervisor. Leave it out for
   * judgements the trainee forms rather than learns ("serious injury if he gets in").
   */
  facts: z.array(idSchema).min(1).optional(),
});
export type KeyFactor = z.infer<typeof keyFactorSchema>;

export const loggedFactSchema = z.strictObject({
  fact: idSchema,
  weight: z.number().positive(),
  severity: z.enum(SEVERITIES).exclude(['good-practice']),
  matcher: matcherSchema,
  /** The caller's exact words the log must quote, where the key requires them. */
  quote: z.string().optional(),
  why: text,
  source: sourceRefSchema,
});
export type LoggedFact = z.infer<typeof loggedFactSchema>;

const thriveElementKeySchema = z.strictObject({ keyFactors: z.array(keyFactorSchema).min(1) });

export const answerKeySchema = z.strictObject({
  scenario: idSchema,
  /** Dimension weights for the total; those left out use the rubric's defaults. */
  weights: z.partialRecord(z.enum(SCORING_DIMENSIONS), z.number().nonnegative()).optional(),
  openingCode: z.strictObject({
    phase: idSchema,
    expected: z.enum(OPENING_CODES),
    acceptable: z.array(z.strictObject({ code: z.enum(OPENING_CODES), note: text })).optional(),
    /** The code the real staff chose, named in the finding when a trainee repeats it. */
    historical: z.enum(OPENING_CODES).optional(),
    why: text,
    source: sourceRefSchema,
  }),
  grading: z.strictObject({
    phase: idSchema,
    expected: z.enum(GRADES),
    /** Under-grading where there is danger to life is a critical finding. */
    dangerToLife: z.boolean(),
    /** Seconds after answering by which the grade should be set. */
    within: z.number().positive().optional(),
    why: text,
    source: sourceRefSchema,
  }),
  thrive: z.strictObject({
    phase: idSchema,
    riskLevel: z.enum(RISK_LEVELS),
    minimumWords: z.number().int().positive().optional(),
    elements: z.strictObject(
      Object.fromEntries(THRIVE_ELEMENTS.map((element) => [element, thriveElementKeySchema])) as Record<
        (typeof THRIVE_ELEMENTS)[number],
        typeof thriveElementKeySchema
      >,
    ),
    /** New information that should prompt a re-assessment if it arrives after the first THRIVE. */
    reassessAfter: z.array(idSchema).optional(),
    source: sourceRefSchema,
  }),
  ndm: z.strictObject({
    expectations: z.array(ndmExpectationSchema).min(1),
    harmful: z.array(harmfulAdviceSchema).optional(),
  }),
  logging: z.strictObject({
    phase: idSchema,
    facts: z.array(loggedFactSchema).min(1),
    /** A log this short (in words) that leaves disclosed risk out is flagged as a one-line log. */
    oneLineWords: z.number().int().positive().optional(),
    /** Wording that misleads whoever reads the log next ('no action required'), anywhere in the incident. */
    ambiguous: z
      .array(
        z.strictObject({
          id: idSchema,
          matcher: matcherSchema,
          severity: z.enum(SEVERITIES).exclude(['good-practice']),
          message: text,
          source: sourceRefSchema,
        }),
      )
      .optional(),
    source: sourceRefSchema,
  }),
  escalation: z.strictObject({ expectations: z.array(expectationSchema).min(1) }),
});
export type AnswerKey = z.infer<typeof answerKeySchema>;

/** scenarios/sops.json: the force procedure a call handler opens for an opening code. */
export const sopSchema = z.strictObject({
  title: text,
  steps: z.array(text).min(1),
  source: sourceRefSchema,
});
export const sopsSchema = z.partialRecord(z.enum(OPENING_CODES), sopSchema);
export type Sop = z.infer<typeof sopSchema>;
export type Sops = z.infer<typeof sopsSchema>;
