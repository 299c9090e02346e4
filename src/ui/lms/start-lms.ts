/*
 * Starting a package's page: its course read from index.html, the LMS found and the session opened
 * (src/lms/launch.ts), the session ended when the page goes, and, at a fresh launch, the call the LMS
 * says was in progress opened where it left off. Loaded only in a package.
 */
import { findScenario } from '../../../scenarios/catalogue.ts';
import { readPackagedCourse, startLmsSession, type WindowLike } from '../../lms/launch.ts';
import type { LmsSession } from '../../lms/session.ts';
import { resumeCall } from '../../services/lms-resume.ts';
import { whyNotStored } from '../../services/storage-failure.ts';
import { strings } from '../../strings/en-gb.ts';
import { loadTraineeName } from '../preferences.ts';
import { lmsPlayer } from '../player.ts';
import { navigate } from '../routes.ts';
import { attemptStore } from '../services.ts';
import { setLmsSession } from './lms-mode.ts';

/** Opens the session; a damaged course description throws an LmsError saying so. */
export async function startLms(courseJson: string | null): Promise<LmsSession> {
  const course = readPackagedCourse(courseJson);
  if (!course) throw new Error('startLms is for a package, whose index.html carries its course');
  const session = await startLmsSession(
    { ...course, scenarios: course.scenarios.filter((id) => findScenario(id)) },
    { window: window as unknown as WindowLike, search: location.search },
    { cmi5: openCmi5Launch },
  );
  setLmsSession(session);
  window.addEventListener('pagehide', () => session.pageClosing());
  // Launched afresh (no screen in the address): straight back into the call left in progress.
  const call = session.callToResume();
  if (call && location.hash === '')
    await resume(session, call).catch((error: unknown) =>
      session.tell(strings.ui.lms.resumeFailed(whyNotStored(error))),
    );
  return session;
}

/** A cmi5 launch, its module loaded only then, over the page's own fetch, sessionStorage and IndexedDB. */
async function openCmi5Launch(parameters: URLSearchParams) {
  const { openCmi5, parseCmi5Launch } = await import('../../lms/cmi5.ts');
  return openCmi5(parseCmi5Launch(parameters), {
    fetch: window.fetch.bind(window),
    sessionStorage: window.sessionStorage,
    indexedDB: window.indexedDB,
    IDBKeyRange: window.IDBKeyRange,
  });
}

async function resume(session: LmsSession, call: NonNullable<ReturnType<LmsSession['callToResume']>>) {
  const state = session.getSnapshot();
  const store = await attemptStore();
  const player = state.learner ? lmsPlayer(state.learner) : { name: loadTraineeName() };
  const where = await resumeCall(store, call, player, state.course.id);
  if (where === 'lost') session.tell(strings.ui.lms.resumedElsewhere);
  else navigate({ screen: 'attempt', attemptId: call.attempt }, { replace: true });
}
