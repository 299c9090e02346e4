/*
 * The xAPI statements a cmi5 session sends, built as plain data: no network, no storage, no clock (each
 * builder is handed its id and time). cmi5.ts decides when each is made; the outbox sends them.
 *
 * Two kinds (cmi5 section 7.1.3):
 * - "cmi5 defined": initialized, completed, passed, failed, terminated. Their object is the AU (the launch's
 *   activityId) and their context carries the cmi5 category (and the moveOn category when the result has
 *   success or completion). Only passed and failed carry a score.
 * - "cmi5 allowed": everything else (the trainee's decisions, an attempt's choices, findings and total).
 *   Their objects are activities under the AU's id, and they carry no cmi5 category.
 * Every statement's context starts from the LMS's contextTemplate (LMS.LaunchData), which is never
 * overwritten: our values are added beside it.
 *
 * Identity is data: objects, responses and extensions carry vocabulary ids, finding ids and the trainee's
 * own words, never a sentence rendered by the app.
 */
import {
  ADVICE,
  AGENCIES,
  ESCALATION_TARGETS,
  GRADES,
  OPENING_CODES,
  RISK_LEVELS,
  TOPICS,
} from '../../machines/vocabulary.ts';
import type { AttemptOutcome, Decision, ReportedFinding, ScoredChoice } from './lms.ts';

/** An xAPI Agent: the learner, as the LMS named them in the launch. */
export interface XapiAgent {
  objectType?: 'Agent';
  name?: string;
  account?: { homePage: string; name: string };
  mbox?: string;
}

export interface XapiActivityRef {
  objectType?: 'Activity';
  id: string;
  definition?: XapiDefinition;
}

export type InteractionType = 'choice' | 'fill-in' | 'long-fill-in' | 'other';

export interface XapiDefinition {
  type?: string;
  name?: Record<string, string>;
  interactionType?: InteractionType;
  correctResponsesPattern?: string[];
  choices?: { id: string }[];
}

export interface XapiContext {
  registration?: string;
  contextActivities?: {
    parent?: XapiActivityRef[];
    grouping?: XapiActivityRef[];
    category?: XapiActivityRef[];
    other?: XapiActivityRef[];
  };
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface XapiResult {
  score?: { scaled?: number; raw?: number; min?: number; max?: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: XapiActivityRef & { objectType: 'Activity' };
  result?: XapiResult;
  context: XapiContext;
  timestamp: string;
}

/** What every statement of a session shares: who, which AU, which registration, the LMS's template. */
export interface SessionFacts {
  actor: XapiAgent;
  /** The AU's activity id from the launch. */
  activityId: string;
  registration: string;
  /** LMS.LaunchData's contextTemplate, as the LMS wrote it. */
  contextTemplate: XapiContext;
  /** LMS.LaunchData's masteryScore (0–1), when it had one. */
  masteryScore: number | null;
}

const ADL = 'http://adlnet.gov/expapi/verbs/';
export const VERBS = {
  initialized: 'initialized',
  terminated: 'terminated',
  completed: 'completed',
  passed: 'passed',
  failed: 'failed',
  answered: 'answered',
  interacted: 'interacted',
  attempted: 'attempted',
  scored: 'scored',
} as const;
type Verb = keyof typeof VERBS;
const verb = (name: Verb) => ({ id: `${ADL}${VERBS[name]}`, display: { 'en-US': VERBS[name] } });

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION_ID_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

const ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  objective: 'http://adlnet.gov/expapi/activities/objective',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
} as const;

/** Our extensions: URNs, as the app has no web address of its own to mint IRIs under. */
const EXT = 'urn:control-room-trainer:xapi:';
export const EXTENSIONS = {
  scenarioVersion: `${EXT}scenario-version`,
  attempt: `${EXT}attempt`,
  eventIndex: `${EXT}event-index`,
  /** Seconds on the call's phase clock when the trainee acted. */
  phaseTime: `${EXT}phase-time`,
  /** When the trainee acted, if that was before this session began (the statement's timestamp is not). */
  decidedAt: `${EXT}decided-at`,
  assisted: `${EXT}assisted`,
  reason: `${EXT}reason`,
  message: `${EXT}message`,
  intents: `${EXT}intents`,
  checkSystem: `${EXT}check-system`,
  checkSubject: `${EXT}check-subject`,
  line: `${EXT}line`,
  unit: `${EXT}unit`,
  finding: `${EXT}finding`,
  severity: `${EXT}severity`,
  source: `${EXT}source`,
  dimension: `${EXT}dimension`,
  counted: `${EXT}counted`,
  band: `${EXT}band`,
} as const;

/** The activity of one scenario of the course, under the AU. */
export const scenarioActivityId = (facts: SessionFacts, scenario: string) =>
  `${facts.activityId}/scenarios/${encodeURIComponent(scenario)}`;

/**
 * A statement id made from what identifies the statement (e.g. registration, attempt, event index): the
 * SHA-256 of the parts, as a version 8 UUID (RFC 9562). The same decision queued twice (after a reload)
 * gets the same id, so the outbox and the LRS can tell it is the same statement.
 */
export async function statementId(...parts: string[]): Promise<string> {
  const text = ['control-room-trainer/xapi-statement', ...parts].join('\u0000');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An ISO 8601 duration to the hundredth of a second (xAPI keeps no more), e.g. PT1H2M3.5S. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${hours > 0 || minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

/** A time as xAPI wants it in cmi5: UTC, with milliseconds. */
export const utc = (time: number | string) => new Date(time).toISOString();

interface ContextExtras {
  parent?: string;
  categories?: string[];
}

/** The LMS's contextTemplate with our values added beside it; nothing in the template is overwritten. */
export function contextFor(facts: SessionFacts, extras: ContextExtras = {}): XapiContext {
  const template = structuredClone(facts.contextTemplate);
  const activities = { ...template.contextActivities };
  const add = (list: 'parent' | 'category', ids: string[]) => {
    const present = asList(activities[list]);
    const more = ids.filter((id) => !present.some((activity) => activity.id === id)).map((id) => ({ id }));
    if (present.length + more.length > 0) activities[list] = [...present, ...more];
  };
  add('parent', extras.parent ? [extras.parent] : []);
  add('category', extras.categories ?? []);
  for (const list of ['grouping', 'other'] as const) {
    if (activities[list] !== undefined) activities[list] = asList(activities[list]);
  }
  return {
    ...template,
    registration: template.registration ?? facts.registration,
    ...(Object.keys(activities).length > 0 ? { contextActivities: activities } : {}),
  };
}

/** xAPI lets a context activity list be a single object: the same thing as a list of one. */
function asList(value: XapiActivityRef[] | XapiActivityRef | undefined): XapiActivityRef[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const auObject = (facts: SessionFacts) => ({ objectType: 'Activity' as const, id: facts.activityId });

function cmi5Defined(
  facts: SessionFacts,
  id: string,
  name: Verb,
  timestamp: string,
  result?: XapiResult,
  extensions?: Record<string, unknown>,
): XapiStatement {
  const judged = result?.success !== undefined || result?.completion !== undefined;
  const context = contextFor(facts, {
    categories: judged ? [CMI5_CATEGORY, MOVEON_CATEGORY] : [CMI5_CATEGORY],
  });
  if (extensions) context.extensions = { ...extensions, ...context.extensions };
  return {
    id,
    actor: facts.actor,
    verb: verb(name),
    object: auObject(facts),
    ...(result ? { result } : {}),
    context,
    timestamp,
  };
}

export const initializedStatement = (facts: SessionFacts, id: string, timestamp: string) =>
  cmi5Defined(facts, id, 'initialized', timestamp);

export const terminatedStatement = (facts: SessionFacts, id: string, timestamp: string, durationMs: number) =>
  cmi5Defined(facts, id, 'terminated', timestamp, { duration: isoDuration(durationMs) });

export const completedStatement = (facts: SessionFacts, id: string, timestamp: string, durationMs: number) =>
  cmi5Defined(facts, id, 'completed', timestamp, { completion: true, duration: isoDuration(durationMs) });

/** passed or failed, with the course's scaled score; the mastery score the LMS gave, when it gave one. */
export function judgedStatement(
  facts: SessionFacts,
  id: string,
  passed: boolean,
  scaled: number,
  timestamp: string,
  durationMs: number,
): XapiStatement {
  return cmi5Defined(
    facts,
    id,
    passed ? 'passed' : 'failed',
    timestamp,
    { score: { scaled }, success: passed, duration: isoDuration(durationMs) },
    facts.masteryScore === null ? undefined : { [MASTERY_SCORE_EXTENSION]: facts.masteryScore },
  );
}

/** How a trainee's action is put to the LRS: the interaction it answers and what was chosen or said. */
interface DecisionShape {
  verb: Verb;
  /** The last part of the object's id, under the scenario's decisions. */
  activity: string;
  interactionType: InteractionType;
  choices?: readonly string[];
  response?: string;
  extensions?: Record<string, unknown>;
}

function decisionShape(entry: Decision['entry']): DecisionShape | null {
  const type = entry.type;
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  switch (entry.type) {
    case 'trainee.start':
    case 'clock.tick':
    case 'clock.skip':
      return null;
    case 'trainee.answer':
    case 'trainee.endCall':
    case 'trainee.closeLog':
    case 'trainee.continue':
      return { verb: 'interacted', activity: type, interactionType: 'other' };
    case 'trainee.speak':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'long-fill-in',
        response: entry.text,
        extensions: { [EXTENSIONS.intents]: entry.intents },
      };
    case 'trainee.ask':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'choice',
        choices: TOPICS,
        response: entry.topic,
      };
    case 'trainee.say':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'choice',
        choices: ADVICE,
        response: entry.advice,
      };
    case 'trainee.check':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'fill-in',
        ...(entry.query === undefined ? {} : { response: entry.query }),
        extensions: { [EXTENSIONS.checkSystem]: entry.system, [EXTENSIONS.checkSubject]: entry.subject },
      };
    case 'trainee.openSop':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'choice',
        choices: OPENING_CODES,
        response: entry.code,
      };
    case 'trainee.code':
      return {
        verb: 'answered',
        activity: type,
        interactionType: 'choice',
        choices: OPENING_CODES,
        response: entry.code,
        extensions: optional(EXTENSIONS.reason, entry.reason),
      };
    case 'trainee.thrive':
      // One question per THRIVE element: each is its own interaction, answered in the trainee's words.
      return {
        verb: 'answered',
        activity: `${type}/${entry.element}`,
        interactionType: 'long-fill-in',
        response: entry.rationale,
      };
    case 'trainee.risk':
      return {
        verb: 'answered',
        activity: type,
        interactionType: 'choice',
        choices: RISK_LEVELS,
        response: entry.level,
      };
    case 'trainee.grade':
      return {
        verb: 'answered',
        activity: type,
        interactionType: 'choice',
        choices: GRADES,
        response: entry.grade,
        extensions: optional(EXTENSIONS.reason, entry.reason),
      };
    case 'trainee.log':
      return { verb: 'interacted', activity: type, interactionType: 'long-fill-in', response: entry.text };
    case 'trainee.escalate':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'choice',
        choices: ESCALATION_TARGETS,
        response: entry.to,
        extensions: { [EXTENSIONS.reason]: entry.reason },
      };
    case 'trainee.contact':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'choice',
        choices: AGENCIES,
        response: entry.agency,
        extensions: optional(EXTENSIONS.message, entry.message),
      };
    case 'trainee.reply':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'long-fill-in',
        response: entry.text,
        extensions: { [EXTENSIONS.line]: entry.line },
      };
    case 'trainee.link':
      return { verb: 'interacted', activity: type, interactionType: 'fill-in', response: entry.incident };
    case 'trainee.callBack':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'other',
        extensions: optional(EXTENSIONS.reason, entry.reason),
      };
    case 'trainee.assign':
      return { verb: 'interacted', activity: type, interactionType: 'choice', response: entry.unit };
    case 'trainee.radio':
      return {
        verb: 'interacted',
        activity: type,
        interactionType: 'long-fill-in',
        response: entry.message,
        extensions: optional(EXTENSIONS.unit, entry.unit),
      };
    default:
      return assertNever(entry);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

/** What identifies an event of an attempt, and when it happened on the phase clock. */
const attemptExtensions = (decision: Decision) => ({
  [EXTENSIONS.scenarioVersion]: decision.scenarioVersion,
  [EXTENSIONS.attempt]: decision.attempt,
  [EXTENSIONS.eventIndex]: decision.index,
  [EXTENSIONS.phaseTime]: decision.entry.at,
});

/**
 * A trainee's action as a "cmi5 allowed" statement, or null for an event that is not one (the clock's).
 * `trainee.start` is sent as `attempted` on the scenario (it chooses nothing: it begins the attempt, and
 * says whether the question menu was on); the code, grade, risk level and THRIVE are `answered`; the rest
 * (what the trainee said, asked, checked, logged, …) `interacted`. `decidedAt` is set when the action's
 * own time is earlier than the timestamp the statement can carry (before this session began).
 */
export function decisionStatement(
  facts: SessionFacts,
  id: string,
  decision: Decision,
  timestamp: string,
  decidedAt?: string,
): XapiStatement | null {
  const scenario = scenarioActivityId(facts, decision.scenario);
  const when = decidedAt === undefined ? {} : { [EXTENSIONS.decidedAt]: decidedAt };
  if (decision.entry.type === 'trainee.start') {
    return {
      id,
      actor: facts.actor,
      verb: verb('attempted'),
      object: { objectType: 'Activity', id: scenario, definition: { type: ACTIVITY_TYPES.simulation } },
      result: {
        extensions: {
          ...attemptExtensions(decision),
          [EXTENSIONS.assisted]: decision.entry.assisted === true,
          ...when,
        },
      },
      context: contextFor(facts, { parent: facts.activityId }),
      timestamp,
    };
  }
  const shape = decisionShape(decision.entry);
  if (!shape) return null;
  return {
    id,
    actor: facts.actor,
    verb: verb(shape.verb),
    object: {
      objectType: 'Activity',
      id: `${scenario}/decisions/${shape.activity}`,
      definition: {
        type: ACTIVITY_TYPES.interaction,
        interactionType: shape.interactionType,
        ...(shape.choices ? { choices: shape.choices.map((choice) => ({ id: choice })) } : {}),
      },
    },
    result: {
      ...(shape.response === undefined ? {} : { response: shape.response }),
      extensions: { ...shape.extensions, ...attemptExtensions(decision), ...when },
    },
    context: contextFor(facts, { parent: scenario }),
    timestamp,
  };
}

const CHOICE_VOCABULARY: Record<ScoredChoice['kind'], readonly string[]> = {
  'opening-code': OPENING_CODES,
  grade: GRADES,
  'risk-level': RISK_LEVELS,
};

const outcomeExtensions = (outcome: AttemptOutcome) => ({
  [EXTENSIONS.scenarioVersion]: outcome.scenarioVersion,
  [EXTENSIONS.attempt]: outcome.attempt,
});

/** A scored choice of a finished attempt: what was chosen last, whether it was right, and what was. */
export function choiceStatement(
  facts: SessionFacts,
  id: string,
  outcome: AttemptOutcome,
  choice: ScoredChoice,
  timestamp: string,
): XapiStatement {
  const scenario = scenarioActivityId(facts, outcome.scenario);
  return {
    id,
    actor: facts.actor,
    verb: verb('answered'),
    object: {
      objectType: 'Activity',
      id: `${scenario}/choices/${choice.kind}`,
      definition: {
        type: ACTIVITY_TYPES.interaction,
        interactionType: 'choice',
        choices: CHOICE_VOCABULARY[choice.kind].map((option) => ({ id: option })),
        correctResponsesPattern: choice.correct,
      },
    },
    result: {
      success: choice.result === 'correct',
      ...(choice.chosen === null ? {} : { response: choice.chosen }),
      extensions: outcomeExtensions(outcome),
    },
    context: contextFor(facts, { parent: scenario }),
    timestamp,
  };
}

/** A finding of a finished attempt, as an objective met (good practice) or missed, keyed by its stable id. */
export function findingStatement(
  facts: SessionFacts,
  id: string,
  outcome: AttemptOutcome,
  finding: ReportedFinding,
  timestamp: string,
): XapiStatement {
  const scenario = scenarioActivityId(facts, outcome.scenario);
  return {
    id,
    actor: facts.actor,
    verb: verb('scored'),
    object: {
      objectType: 'Activity',
      id: `${scenario}/findings/${encodeURIComponent(finding.id)}`,
      definition: { type: ACTIVITY_TYPES.objective },
    },
    result: {
      success: finding.severity === 'good-practice',
      extensions: {
        [EXTENSIONS.finding]: finding.id,
        [EXTENSIONS.severity]: finding.severity,
        [EXTENSIONS.source]: finding.source,
        [EXTENSIONS.dimension]: finding.dimension,
        ...outcomeExtensions(outcome),
      },
    },
    context: contextFor(facts, { parent: scenario }),
    timestamp,
  };
}

/** A finished attempt's total (0–100) and band, and whether it is the one the course counts. */
export function totalStatement(
  facts: SessionFacts,
  id: string,
  outcome: AttemptOutcome,
  timestamp: string,
): XapiStatement {
  const raw = Math.min(100, Math.max(0, outcome.total));
  return {
    id,
    actor: facts.actor,
    verb: verb('scored'),
    object: {
      objectType: 'Activity',
      id: scenarioActivityId(facts, outcome.scenario),
      definition: { type: ACTIVITY_TYPES.simulation, name: { 'en-GB': outcome.title } },
    },
    result: {
      score: { raw, min: 0, max: 100, scaled: scaledScore(raw) },
      extensions: {
        [EXTENSIONS.counted]: outcome.counted,
        [EXTENSIONS.band]: outcome.band,
        ...outcomeExtensions(outcome),
      },
    },
    context: contextFor(facts, { parent: facts.activityId }),
    timestamp,
  };
}

/** A 0–100 score as xAPI's scaled score (0–1), to four places as cmi5's masteryScore is. */
export const scaledScore = (score: number) => Math.round(Math.min(100, Math.max(0, score)) * 100) / 10_000;
