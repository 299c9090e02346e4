/*
 * The composition root of a call: loads the scenario and the stored attempt, binds the machine's named
 * effects to the sound adapter and storage with `.provide()`, and starts a live session over the log.
 */
import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { findScenario } from '../../../scenarios/catalogue.ts';
import type { LiveAttempt } from './live-attempt.ts';
import { CallSession, systemClock } from '../../engine/session.ts';
import { loadAttemptToPlay, playLog, startAttempt } from '../../services/attempt-play.ts';
import { describeLoadFailure, describeStorageFailure } from '../../services/storage-failure.ts';
import { createHowlerSound } from '../../sound/howler-sound.ts';
import type { SoundAdapter } from '../../sound/sound.ts';
import { strings } from '../../strings/en-gb.ts';
import { CallConsole } from '../console/call-console.tsx';
import { spokenLine } from '../console/speaker-name.ts';
import { stopwatch } from '../console/time.ts';
import { MdxContent } from '../mdx-components.tsx';
import { navigate } from '../routes.ts';
import { attemptStore } from '../services.ts';
import { loadCourse } from '../preferences.ts';
import { currentPlayer } from '../player.ts';
import { joinedClassroom } from '../classroom/classroom-mode.ts';
import { ClosedView } from './closed-view.tsx';
import { holdAttempt, type Hold } from './one-tab.ts';
import { describeEvent, useSend } from './use-send.ts';
import { forgetDrafts, takeUnsavedClicks } from './drafts.ts';
import { NotReady, ScreenFailed } from '../screen-failed.tsx';
import { lmsSession } from '../lms/lms-mode.ts';
import { replay } from '../../engine/replay.ts';
import { nameKey } from '../../records/text.ts';
import type { AttemptRecord } from '../../records/tables.ts';
import type { AttemptStore } from '../../storage/attempt-store.ts';

const loadDebrief = () => import('../debrief/debrief-view.tsx');
const DebriefView = lazy(loadDebrief);

declare global {
  interface Window {
    /** The live sound adapter, so end-to-end tests can see what was played. */
    __controlRoomSound?: SoundAdapter;
  }
}

type Loading =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; live: LiveAttempt }
  /** Another tab is playing this call (`elsewhere`), or took it over from this one (`taken`). */
  | { state: 'elsewhere' }
  | { state: 'taken' };

/** Creates a new attempt at a scenario, then moves to it (replacing this address in the history). */
export function NewAttempt({ scenarioId }: { scenarioId: string }) {
  const lms = lmsSession()?.getSnapshot();
  const offered = !lms || lms.course.scenarios.includes(scenarioId);
  const entry = offered ? findScenario(scenarioId) : undefined;
  const [failed, setFailed] = useState('');
  const creating = useRef(false);
  useEffect(() => {
    if (!entry || creating.current) return;
    creating.current = true;
    // In an LMS course the attempt is the course's; in a classroom, the classroom's course.
    const classroom = lms ? null : joinedClassroom();
    const course = lms ? lms.course.id : (classroom?.course ?? loadCourse());
    attemptStore()
      .then((store) => startAttempt(store, entry, currentPlayer(), course))
      .then(
        (record) => navigate({ screen: 'attempt', attemptId: record.id }, { replace: true }),
        (error: unknown) => setFailed(describeStorageFailure(error)),
      );
  }, [entry, lms]);
  if (!offered) return <ScreenFailed message={strings.ui.lms.notInCourseScenario} />;
  if (!entry) return <ScreenFailed message={strings.ui.scenarioNotFound} />;
  if (failed) return <ScreenFailed message={failed} />;
  return <p role="status">{strings.ui.loading}</p>;
}

/**
 * Why the attempt is not the player's to open, if it is not. Where someone signed the player in, a device
 * plays only their attempts: another trainee's call (one who used this device before, or one a
 * supervisor's device holds) is theirs to carry on. In a classroom the user name tells; in an LMS, the
 * learner's account (two learners may share a name).
 */
async function notTheirs(store: AttemptStore, record: AttemptRecord): Promise<string | null> {
  const player = currentPlayer();
  if (player.account) {
    const theirs = await store.traineeWithAccount(player.account, player.name);
    return record.traineeId === theirs?.id ? null : strings.ui.lms.notYourAttempt(record.trainee);
  }
  const classroom = lmsSession() ? null : joinedClassroom();
  return classroom && nameKey(record.trainee) !== nameKey(classroom.user)
    ? strings.ui.classroom.notYourAttempt(record.trainee, classroom.user)
    : null;
}

/** A stored attempt, resumed exactly where its log left off. Keyed by attempt, so it starts fresh. */
export default function AttemptPage({ attemptId }: { attemptId: string }) {
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });
  /** How many times the trainee has taken the call into this tab from another. */
  const [takeOvers, setTakeOvers] = useState(0);

  useEffect(() => {
    let live: LiveAttempt | null = null;
    let hold: Hold | null = null;
    let cancelled = false;
    const stop = () => {
      live?.session.close();
      live?.sound.stopAll();
      hold?.release();
    };
    (async () => {
      hold = await holdAttempt(attemptId, takeOvers > 0, () => {
        stop();
        if (!cancelled) setLoading({ state: 'taken' });
      });
      if (cancelled) return hold?.release();
      if (!hold) return setLoading({ state: 'elsewhere' });
      const store = await attemptStore();
      const { record, entries, scenario, content, assisted } = await loadAttemptToPlay(store, attemptId);
      if (cancelled) return;
      const refused = await notTheirs(store, record);
      if (cancelled) return;
      if (refused) return setLoading({ state: 'error', message: refused });
      const sound = createHowlerSound(scenario.definition.id);
      const lines = new Map(scenario.definition.lines.map((line) => [line.id, line]));
      const machine = scenario.machine.provide({
        actions: {
          playCues: (_, { lines: ids }) =>
            sound.say(
              ids.flatMap((id) => {
                const line = lines.get(id);
                return line ? [spokenLine(line, scenario)] : [];
              }),
            ),
          stopCues: () => sound.stopAll(),
        },
      });
      // A course call's events and finish are passed on to the LMS as they are stored.
      const lms = lmsSession();
      const log =
        lms && record.course === lms.getSnapshot().course.id
          ? lms.watch(
              playLog(store, attemptId, scenario),
              record,
              scenario,
              entries,
              record.status === 'finished' ? replay(scenario.machine, entries) : null,
            )
          : playLog(store, attemptId, scenario);
      const session = new CallSession(machine, entries, log, systemClock, record.startedAt);
      window.__controlRoomSound = sound;
      const unsavedOnClose = takeUnsavedClicks(attemptId, entries).map((event) =>
        describeEvent(event, scenario.definition),
      );
      live = { record, assisted, scenario, content, session, sound, unsavedOnClose };
      setLoading({ state: 'ready', live });
      // The debrief's code is fetched now, while the network is there: a call that loses it on the way
      // still reaches its debrief. Should this fail, the debrief asks again when it is shown.
      loadDebrief().catch(() => undefined);
    })().catch((error: unknown) => {
      if (!cancelled) setLoading({ state: 'error', message: describeLoadFailure(error) });
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [attemptId, takeOvers]);

  if (loading.state === 'elsewhere' || loading.state === 'taken') {
    const a = strings.ui.otherTab;
    return (
      <>
        <h1>{a.heading}</h1>
        <div role="alert" className="notice">
          <p>{loading.state === 'elsewhere' ? a.openElsewhere : a.takenOver}</p>
          <button
            type="button"
            onClick={() => {
              setLoading({ state: 'loading' });
              setTakeOvers((count) => count + 1);
            }}
          >
            {a.takeOver}
          </button>
        </div>
      </>
    );
  }
  if (loading.state !== 'ready') return <NotReady loaded={loading} />;
  return <AttemptView live={loading.live} />;
}

/** A reload takes a few seconds; an absence longer than this is worth saying, since the caller waited. */
const NOTICEABLE_ABSENCE_SECONDS = 30;

function AttemptView({ live }: { live: LiveAttempt }) {
  const snapshot = useSyncExternalStore(live.session.subscribe, live.session.getSnapshot);
  const { problem, send } = useSend(live);
  const { definition } = live.scenario;
  const currentVersion = findScenario(definition.id)?.version ?? definition.version;
  const finished = snapshot.status === 'done';
  // Nothing typed during a finished call can be added to it any more.
  useEffect(() => {
    if (finished) forgetDrafts(live.record.id);
  }, [finished, live.record.id]);
  const unsavedNote =
    live.unsavedOnClose.length > 0 ? (
      <p role="alert" className="notice error">
        {strings.ui.notSaved.beforeClose([...live.unsavedOnClose])}
      </p>
    ) : null;
  const versionNote =
    currentVersion !== definition.version ? (
      <p role="note" className="notice">
        {strings.ui.versionChanged(definition.version, currentVersion)}
      </p>
    ) : null;

  if (snapshot.matches('briefing')) {
    return (
      <article className="briefing">
        {versionNote}
        {unsavedNote}
        <h1>{definition.title}</h1>
        <h2>{strings.ui.briefingHeading}</h2>
        <MdxContent Content={live.content.Briefing} />
        <button
          type="button"
          className="primary"
          onClick={() => void send({ type: 'trainee.start', ...(live.assisted ? { assisted: true } : {}) })}
        >
          {strings.ui.beginCall}
        </button>
        {problem && (
          <p role="alert" className="notice error">
            {problem}
          </p>
        )}
      </article>
    );
  }
  if (finished) {
    return (
      <Suspense fallback={<p role="status">{strings.ui.loading}</p>}>
        {versionNote}
        <DebriefView live={live} call={snapshot.context} />
      </Suspense>
    );
  }
  if (snapshot.matches({ call: 'closed' }))
    return (
      <>
        {unsavedNote}
        <ClosedView live={live} snapshot={snapshot} />
      </>
    );
  return (
    <>
      {unsavedNote}
      {live.session.secondsAway >= NOTICEABLE_ABSENCE_SECONDS && (
        <p role="note" className="notice">
          {strings.ui.timeAway(stopwatch(live.session.secondsAway))}
        </p>
      )}
      <CallConsole live={live} snapshot={snapshot} />
    </>
  );
}
