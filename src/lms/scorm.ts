/*
 * The SCORM connection: SCORM 1.2 and SCORM 2004 (4th edition) spoken over the API object the LMS puts
 * in a window above the package's (found by launch.ts). The two versions say the same things in
 * different words; `WORDS` holds them, and everything else is written once.
 *
 * What goes where (the README's table for trainers says the same):
 * - score: cmi.core.score.raw / cmi.score.raw (0–100, with min and max; 2004 also scaled 0–1): the
 *   course score, the mean of the counted attempts so far.
 * - status: 1.2 lesson_status incomplete until every scenario has a counted attempt, then passed or
 *   failed; 2004 completion_status and success_status likewise.
 * - interactions, appended for every finished attempt: its opening code, grade and risk level (choice,
 *   with the correct response) and each finding (its stable id; severity and source in the response).
 *   A practice attempt's interactions have weighting 0.
 * - suspend_data: the progress (progress.ts); exit is "suspend" so the LMS hands it back next time.
 * - session time, on leaving.
 */
import type { Learner, LmsConnection, ScoredChoice } from './lms.ts';
import { LmsError } from './lms.ts';

/** SCORM 1.2's API object (window.API). Every function answers with a string. */
export interface Scorm12Api {
  LMSInitialize(empty: ''): string;
  LMSFinish(empty: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(empty: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** SCORM 2004's API object (window.API_1484_11). */
export interface Scorm2004Api {
  Initialize(empty: ''): string;
  Terminate(empty: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(empty: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

export type FoundScormApi = { version: '1.2'; api: Scorm12Api } | { version: '2004'; api: Scorm2004Api };

/** Each version's calls, as one shape. */
interface Calls {
  initialize(): string;
  terminate(): string;
  get(element: string): string;
  set(element: string, value: string): string;
  commit(): string;
  lastError(): string;
  errorText(code: string): string;
}

function callsOf(found: FoundScormApi): Calls {
  if (found.version === '1.2') {
    const { api } = found;
    return {
      initialize: () => api.LMSInitialize(''),
      terminate: () => api.LMSFinish(''),
      get: (element) => api.LMSGetValue(element),
      set: (element, value) => api.LMSSetValue(element, value),
      commit: () => api.LMSCommit(''),
      lastError: () => api.LMSGetLastError(),
      errorText: (code) => api.LMSGetErrorString(code),
    };
  }
  const { api } = found;
  return {
    initialize: () => api.Initialize(''),
    terminate: () => api.Terminate(''),
    get: (element) => api.GetValue(element),
    set: (element, value) => api.SetValue(element, value),
    commit: () => api.Commit(''),
    lastError: () => api.GetLastError(),
    errorText: (code) => api.GetErrorString(code),
  };
}

const WORDS = {
  '1.2': {
    standard: 'scorm12',
    learnerId: 'cmi.core.student_id',
    learnerName: 'cmi.core.student_name',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    suspendLimit: 4096,
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    scoreRaw: 'cmi.core.score.raw',
    scoreMin: 'cmi.core.score.min',
    scoreMax: 'cmi.core.score.max',
    response: 'student_response',
    when: 'time',
  },
  '2004': {
    standard: 'scorm2004',
    learnerId: 'cmi.learner_id',
    learnerName: 'cmi.learner_name',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    suspendLimit: 64000,
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    scoreRaw: 'cmi.score.raw',
    scoreMin: 'cmi.score.min',
    scoreMax: 'cmi.score.max',
    response: 'learner_response',
    when: 'timestamp',
  },
} as const;

/** SCORM 1.2's CMITimespan, HHHH:MM:SS.SS. */
export function scorm12Timespan(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.min(9999, Math.floor(whole / 3600)), 4)}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
}

/** SCORM 2004's timeinterval (ISO 8601 duration), e.g. PT1H2M3S. */
export function isoDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor(whole / 60) % 60;
  const s = whole % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`;
}

/** 1.2's CMITime (HH:MM:SS) or 2004's time(second,10,0) for an ISO time. */
const stamp = (version: FoundScormApi['version'], iso: string) =>
  version === '1.2' ? iso.slice(11, 19) : iso.slice(0, 19);

/**
 * Opens the session with the LMS (LMSInitialize / Initialize) and reads who the learner is. An LMS that
 * refuses, or does not say who the learner is, is an LmsError whose message says so with its error.
 */
export function openScorm(found: FoundScormApi, now: () => number = Date.now): LmsConnection {
  const calls = callsOf(found);
  const words = WORDS[found.version];
  const name = found.version === '1.2' ? 'SCORM 1.2' : 'SCORM 2004';

  const failure = (what: string) => {
    let code = '';
    let text = '';
    try {
      code = calls.lastError();
      text = code && code !== '0' ? calls.errorText(code) : '';
    } catch {
      // An API that throws on being asked its error has nothing more to say.
    }
    const detail = code && code !== '0' ? ` (error ${code}${text ? `: ${text}` : ''})` : '';
    return new LmsError(`Your LMS (${name}) refused ${what}${detail}.`);
  };
  const ok = (answer: unknown) => answer === 'true' || answer === true;
  const run = (what: string, call: () => string) => {
    let answer: string;
    try {
      answer = call();
    } catch (error) {
      throw new LmsError(
        `Your LMS (${name}) failed ${what}: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    if (!ok(answer)) throw failure(what);
  };
  const set = (element: string, value: string) => run(`to keep ${element}`, () => calls.set(element, value));
  const get = (element: string) => {
    try {
      return String(calls.get(element) ?? '');
    } catch {
      return '';
    }
  };

  run('to start this session', () => calls.initialize());
  const startedMs = now();
  const learner: Learner = {
    id: get(words.learnerId).trim(),
    name: readableName(get(words.learnerName)),
  };
  if (!learner.id && !learner.name) {
    try {
      calls.terminate();
    } catch {
      // Nothing more can be done with an LMS that did not say who the learner is.
    }
    throw new LmsError(`Your LMS (${name}) did not say who you are, so results cannot be reported.`);
  }
  if (!learner.id) learner.id = learner.name;
  if (!learner.name) learner.name = learner.id;

  const status = found.version === '1.2' ? get('cmi.core.lesson_status') : get('cmi.completion_status');
  if (['', 'not attempted', 'unknown'].includes(status)) {
    if (found.version === '1.2') set('cmi.core.lesson_status', 'incomplete');
    else set('cmi.completion_status', 'incomplete');
  }
  set(words.exit, 'suspend');
  const interactionCount = () => Number(get('cmi.interactions._count')) || 0;
  let ended = false;
  // After LMSFinish / Terminate the LMS takes nothing more. A page shown again after it was left (the
  // browser's back/forward cache keeps it, its session ended) must say so, not drop results unseen.
  const endedError = () =>
    new LmsError(
      `Your LMS (${name}) session ended when this page was left, so it takes no more results; open the course again from your LMS.`,
    );

  const appendInteraction = (fields: {
    id: string;
    type: 'choice' | 'performance' | 'other';
    response: string;
    result: 'correct' | 'wrong';
    weighting: number;
    at: string;
    correct?: string[];
    description: string;
  }) => {
    const n = interactionCount();
    const at = `cmi.interactions.${n}`;
    set(`${at}.id`, fields.id);
    set(`${at}.type`, fields.type);
    if (fields.correct?.length) set(`${at}.correct_responses.0.pattern`, fields.correct[0] ?? '');
    set(`${at}.${words.response}`, fields.response);
    // 1.2 says "wrong" where 2004 says "incorrect".
    set(`${at}.result`, fields.result === 'wrong' && found.version === '2004' ? 'incorrect' : fields.result);
    set(`${at}.weighting`, String(fields.weighting));
    set(`${at}.${words.when}`, stamp(found.version, fields.at));
    if (found.version === '2004') set(`${at}.description`, fields.description.slice(0, 250));
  };

  return {
    standard: words.standard,
    learner,
    judged: true,
    endsWithPage: true,
    progressLimit: words.suspendLimit,
    passMark: passMarkOf(found, get),

    async loadProgress() {
      return get(words.suspendData) || null;
    },

    async saveProgress(text) {
      if (ended) throw endedError();
      set(words.suspendData, text);
      run('to save your progress', () => calls.commit());
    },

    async decided() {
      // SCORM has no record of single actions; the attempt's choices and findings go in when it finishes.
    },

    async finished(outcome, course) {
      if (ended) throw endedError();
      const weighting = outcome.counted ? 1 : 0;
      for (const choice of outcome.choices) {
        appendInteraction({
          id: `${outcome.scenario}.${choice.kind}`,
          type: 'choice',
          response: choice.chosen ?? 'none',
          result: choice.result,
          weighting,
          at: outcome.finishedAt,
          correct: choice.correct.slice(0, 1),
          description: describeChoice(outcome.title, choice),
        });
      }
      for (const finding of outcome.findings) {
        appendInteraction({
          id: `${outcome.scenario}.finding.${finding.id}`,
          type: found.version === '1.2' ? 'performance' : 'other',
          response: `${finding.severity} ${finding.source}`,
          result: finding.severity === 'good-practice' ? 'correct' : 'wrong',
          weighting,
          at: outcome.finishedAt,
          description: `${outcome.title}: ${finding.severity} finding (${finding.source}) on ${finding.dimension}`,
        });
      }
      if (course.score !== null) {
        set(words.scoreMin, '0');
        set(words.scoreMax, '100');
        set(words.scoreRaw, String(course.score));
        if (found.version === '2004') set('cmi.score.scaled', String(course.score / 100));
      }
      if (found.version === '1.2') {
        set(
          'cmi.core.lesson_status',
          course.completed ? (course.passed ? 'passed' : 'failed') : 'incomplete',
        );
      } else {
        set('cmi.completion_status', course.completed ? 'completed' : 'incomplete');
        set('cmi.success_status', course.completed ? (course.passed ? 'passed' : 'failed') : 'unknown');
      }
      run('to save your result', () => calls.commit());
    },

    end() {
      if (ended) return;
      ended = true;
      const seconds = (now() - startedMs) / 1000;
      set(words.sessionTime, found.version === '1.2' ? scorm12Timespan(seconds) : isoDuration(seconds));
      run('to end this session', () => calls.terminate());
    },
  };
}

/** 1.2 names are "Last, First" by convention: shown as "First Last". */
function readableName(lmsName: string): string {
  const name = lmsName.trim().replace(/\s+/g, ' ');
  const parts = /^([^,]+),\s*([^,]+)$/.exec(name);
  return parts ? `${parts[2]} ${parts[1]}` : name;
}

/** The LMS's own pass mark, where it gives one (an administrator may change the manifest's). */
function passMarkOf(found: FoundScormApi, get: (element: string) => string): number | null {
  if (found.version === '1.2') {
    const mastery = Number.parseFloat(get('cmi.student_data.mastery_score'));
    return Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery : null;
  }
  const scaled = Number.parseFloat(get('cmi.scaled_passing_score'));
  return Number.isFinite(scaled) && scaled >= -1 && scaled <= 1 ? Math.max(0, scaled * 100) : null;
}

function describeChoice(title: string, choice: ScoredChoice): string {
  return `${title}: ${choice.kind} ${choice.chosen ?? 'none'} (wanted ${choice.correct.join(' or ')})`;
}
