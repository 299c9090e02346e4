/*
 * cmi5's rules for an AU's statements (the spec's sections 7.1 and 9), checked over what an LRS holds, in
 * the order it received them. Each broken rule is one line naming the statement, so a test can assert
 * there are none. xAPI validity is the test LRS's job (@learninglocker/xapi-validation); this is the
 * cmi5 profile on top.
 */

export interface Cmi5Expectations {
  /** The AU's activity id from the launch. */
  activityId: string;
  registration: string;
  /** The AU's id in the course structure: the grouping activity the LMS put in the context template. */
  publisherId: string;
  /** LaunchData's masteryScore, or null. */
  masteryScore: number | null;
  launchMode: 'Normal' | 'Browse' | 'Review';
}

const ADL = 'http://adlnet.gov/expapi/verbs/';
const DEFINED = ['initialized', 'completed', 'passed', 'failed', 'terminated'].map((verb) => `${ADL}${verb}`);
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

interface Statement {
  id?: string;
  verb?: { id?: string };
  object?: { id?: string };
  timestamp?: string;
  result?: { score?: { scaled?: number }; success?: boolean; completion?: boolean; duration?: string };
  context?: {
    registration?: string;
    contextActivities?: Record<string, { id?: string }[] | undefined>;
    extensions?: Record<string, unknown>;
  };
}

const verbName = (statement: Statement) => (statement.verb?.id ?? '').replace(ADL, '');
const ids = (list: { id?: string }[] | undefined) => (list ?? []).map((activity) => activity.id);

export function cmi5Problems(all: readonly unknown[], expected: Cmi5Expectations): string[] {
  const problems: string[] = [];
  const statements = all as Statement[];
  const bySession = new Map<string, Statement[]>();
  statements.forEach((statement, index) => {
    const name = `#${index} ${verbName(statement)} ${statement.id ?? '(no id)'}`;
    const problem = (text: string) => problems.push(`${name}: ${text}`);
    if (!statement.id) problem('has no id');
    if (!statement.timestamp || !statement.timestamp.endsWith('Z')) problem('timestamp is not in UTC');
    const context = statement.context ?? {};
    if (context.registration !== expected.registration) problem('context.registration is not the launch’s');
    const session = context.extensions?.[SESSION];
    if (typeof session !== 'string') problem('has no session id');
    else bySession.set(session, [...(bySession.get(session) ?? []), statement]);
    if (!ids(context.contextActivities?.grouping).includes(expected.publisherId))
      problem('the publisher id is not in contextActivities.grouping');
    const categories = ids(context.contextActivities?.category);
    const defined = categories.includes(CMI5);
    const verb = statement.verb?.id ?? '';
    if (!defined) {
      if (categories.includes(MOVEON)) problem('the moveOn category is on a cmi5 allowed statement');
      return;
    }
    if (!DEFINED.includes(verb)) problem('the cmi5 category is on a verb cmi5 does not define');
    if (statement.object?.id !== expected.activityId)
      problem('a cmi5 defined statement’s object is not the AU');
    const result = statement.result ?? {};
    const judged = verb === `${ADL}passed` || verb === `${ADL}failed`;
    if (!judged && result.score !== undefined) problem('only passed and failed may carry a score');
    if (judged !== (result.success !== undefined)) problem('success belongs on passed and failed, only');
    if (verb === `${ADL}passed` && result.success !== true) problem('passed without success true');
    if (verb === `${ADL}failed` && result.success !== false) problem('failed without success false');
    const completed = verb === `${ADL}completed`;
    if (completed !== (result.completion !== undefined)) problem('completion belongs on completed, only');
    if (completed && result.completion !== true) problem('completed without completion true');
    const moveOn = result.success !== undefined || result.completion !== undefined;
    if (moveOn !== categories.includes(MOVEON))
      problem('the moveOn category goes with success or completion');
    if (['terminated', 'completed', 'passed', 'failed'].includes(verbName(statement)) && !result.duration)
      problem('has no duration');
    if (judged && expected.masteryScore !== null) {
      const scaled = result.score?.scaled;
      if (context.extensions?.[MASTERY] !== expected.masteryScore) problem('has no masteryScore extension');
      if (scaled !== undefined && verb === `${ADL}passed` && scaled < expected.masteryScore)
        problem(`passed with ${scaled}, below the masteryScore`);
      if (scaled !== undefined && verb === `${ADL}failed` && scaled >= expected.masteryScore)
        problem(`failed with ${scaled}, at or above the masteryScore`);
    }
    if (expected.launchMode !== 'Normal' && !['initialized', 'terminated'].includes(verbName(statement)))
      problem(`a ${expected.launchMode} launch may not send ${verbName(statement)}`);
  });

  for (const [session, list] of bySession) {
    const problem = (text: string) => problems.push(`session ${session}: ${text}`);
    const defined = list.filter((s) => ids(s.context?.contextActivities?.category).includes(CMI5));
    const verbs = defined.map(verbName);
    if (verbName(list[0] ?? {}) !== 'initialized') problem('the first statement is not initialized');
    const terminated = list.findIndex((s) => verbName(s) === 'terminated');
    if (terminated >= 0 && terminated !== list.length - 1) problem('statements follow terminated');
    for (const verb of new Set(verbs)) {
      if (verbs.filter((v) => v === verb).length > 1) problem(`${verb} is sent more than once`);
    }
    if (verbs.includes('passed') && verbs.includes('failed')) problem('both passed and failed');
    const times = list.map((s) => Date.parse(s.timestamp ?? ''));
    const first = times[0] ?? 0;
    if (times.some((time) => time < first)) problem('a statement is timed before initialized');
    if (terminated >= 0 && times.some((time) => time > (times[terminated] ?? 0)))
      problem('a statement is timed after terminated');
  }

  const registrationVerbs = statements
    .filter((s) => ids(s.context?.contextActivities?.category).includes(CMI5))
    .map(verbName);
  for (const verb of ['completed', 'passed']) {
    if (registrationVerbs.filter((v) => v === verb).length > 1)
      problems.push(`registration: ${verb} is sent more than once`);
  }
  const passedAt = registrationVerbs.indexOf('passed');
  if (passedAt >= 0 && registrationVerbs.indexOf('failed', passedAt) > passedAt)
    problems.push('registration: failed follows passed');
  return problems;
}
