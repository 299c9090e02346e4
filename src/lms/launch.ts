/*
 * Finding the LMS at start. A package's index.html carries its course (npm run package writes it in);
 * without one, this is the app outside any LMS and nothing here runs. With one, the LMS is whichever the
 * launch shows: cmi5 launch parameters in the address, or a SCORM API object in a window above this one
 * (the parents, then the opener and its parents, as ADL's API discovery does).
 *
 * A launch that goes wrong (parameters missing or malformed, an API that refuses to start) never stops
 * play: the session opens without a connection and says why results are not reported.
 */
import * as z from 'zod';
import { LmsError, LMS_STANDARDS, type LmsConnection, type PackagedCourse } from './lms.ts';

export { COURSE_ELEMENT_ID } from './lms.ts';
import { openScorm, type FoundScormApi } from './scorm.ts';
import { LmsSession } from './session.ts';

const packagedCourseSchema = z.strictObject({
  format: z.literal('control-room-trainer/lms-course'),
  formatVersion: z.literal(1),
  standard: z.enum(LMS_STANDARDS),
  id: z.string().min(1),
  title: z.string().min(1),
  scenarios: z.array(z.string().min(1)).min(1),
  passMark: z.number().min(0).max(100),
});

/** The course in a package's index.html, or null outside a package. A damaged one is an LmsError. */
export function readPackagedCourse(json: string | null): PackagedCourse | null {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new LmsError(
      'This package’s course description is damaged (it is not JSON); build the package again.',
    );
  }
  const result = packagedCourseSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LmsError(
      `This package’s course description is damaged (${issue?.path.join('.') || 'course'}: ${issue?.message}); build the package again.`,
    );
  }
  return result.data;
}

/** The parts of a window API discovery looks at. */
export interface WindowLike {
  parent?: WindowLike | null;
  opener?: WindowLike | null;
  [name: string]: unknown;
}

/** ADL's discovery gives up after this many parents, so a loop of frames cannot hang the start. */
const MOST_PARENTS = 10;

/** The SCORM API of the first window up the chain that has one: 2004 where a window offers both. */
export function findScormApi(start: WindowLike): FoundScormApi | null {
  const look = (win: WindowLike): FoundScormApi | null => {
    try {
      if (isApi(win.API_1484_11, ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate']))
        return { version: '2004', api: win.API_1484_11 as FoundScormApi['api'] } as FoundScormApi;
      if (isApi(win.API, ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish']))
        return { version: '1.2', api: win.API as FoundScormApi['api'] } as FoundScormApi;
    } catch {
      // A window of another origin cannot be looked into; the search goes on past it.
    }
    return null;
  };
  const climb = (from: WindowLike | null | undefined): FoundScormApi | null => {
    let win = from;
    for (let step = 0; win && step <= MOST_PARENTS; step++) {
      const found = look(win);
      if (found) return found;
      let parent: WindowLike | null | undefined;
      try {
        parent = win.parent;
      } catch {
        return null;
      }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  };
  let opener: WindowLike | null | undefined;
  try {
    opener = start.opener;
  } catch {
    opener = null;
  }
  return climb(start) ?? climb(opener);
}

function isApi(candidate: unknown, functions: string[]): boolean {
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    functions.every((name) => typeof (candidate as Record<string, unknown>)[name] === 'function')
  );
}

/** The cmi5 launch parameters: their presence says the LMS launched the package as a cmi5 AU. */
export const CMI5_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;

/** How the LMS was reached: the standard's connection opener for each kind of launch. */
export interface LaunchWays {
  scorm: (found: FoundScormApi) => LmsConnection;
  cmi5: (parameters: URLSearchParams) => Promise<LmsConnection>;
}

/**
 * The LMS session of a package's page: connected if the launch is sound, otherwise not reporting with
 * the reason in its notice.
 */
export async function startLmsSession(
  course: PackagedCourse,
  page: { window: WindowLike; search: string },
  ways: Partial<LaunchWays> = {},
): Promise<LmsSession> {
  const parameters = new URLSearchParams(page.search);
  const notReported = ' Results are not reported in this session; your calls are kept in this browser.';
  const viaCmi5 = CMI5_PARAMETERS.some((name) => parameters.has(name));
  try {
    if (viaCmi5) {
      if (!ways.cmi5) throw new LmsError('This package cannot report to a cmi5 LMS.');
      return await LmsSession.open(course, await ways.cmi5(parameters));
    }
    const found = findScormApi(page.window);
    if (found) return await LmsSession.open(course, (ways.scorm ?? openScorm)(found));
  } catch (error) {
    const why =
      error instanceof LmsError ? error.message : `Your LMS could not be reached (${String(error)}).`;
    return LmsSession.open(course, null, why + notReported);
  }
  return LmsSession.open(
    course,
    null,
    `This course was opened outside its LMS (no SCORM API and no cmi5 launch was found).${notReported}`,
  );
}
