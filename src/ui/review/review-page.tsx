/*
 * Reviewing an attempt (a trainee's, or a scenario's model or historical one): a scrubber over its
 * event log showing everything as it stood at that moment, what was said from there on (with captions),
 * each finding with a jump to where it arose, moderation beside the machine's marks, and a what-if
 * fork that starts a new attempt from any point.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { isVoice, type CallContext } from '../../../machines/call-machine.ts';
import { SCORING_DIMENSIONS } from '../../../machines/vocabulary.ts';
import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import { findScenario } from '../../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../../scenarios/scenario-module.ts';
import { parseAttempt, type AttemptEntry } from '../../engine/attempt.ts';
import { ReplayTimeline } from '../../engine/timeline.ts';
import { scoreCall } from '../../scoring/score.ts';
import { createHowlerSound } from '../../sound/howler-sound.ts';
import type { Caption, SoundAdapter } from '../../sound/sound.ts';
import type { AttemptRecord } from '../../records/tables.ts';
import { startWhatIf } from '../../services/attempt-play.ts';
import { describeStorageFailure } from '../../services/storage-failure.ts';
import { loadStoredAttempt, scenarioModule } from '../../services/stored-attempt.ts';
import type { AttemptStore } from '../../storage/attempt-store.ts';
import { strings } from '../../strings/en-gb.ts';
import { renderFinding, type FindingContext } from '../../strings/findings.ts';
import { locateFindings, type FindingMoment } from '../../supervision/finding-moments.ts';
import { moderateReport, type ModeratedFinding } from '../../supervision/moderation.ts';
import type { Moderation } from '../../records/records.ts';
import { spokenLine } from '../console/speaker-name.ts';
import { dateTime, stopwatch } from '../console/time.ts';
import { describeEntry } from '../debrief/describe-entry.ts';
import { ProvenanceNote } from '../debrief/provenance-note.tsx';
import { unassessedFor, type Unassessed } from '../../scoring/provenance.ts';
import { hrefFor, navigate, type ReferenceKind, type Route } from '../routes.ts';
import { attemptStore } from '../services.ts';
import { useStoreVersion } from '../store-changes.ts';
import { useAsync } from '../supervise/use-async.ts';
import { currentPlayer } from '../player.ts';
import { FindingModeration, ModerationPanel } from './moderation-panel.tsx';
import { ModeratedFindingText } from './moderated-finding.tsx';
import { MomentView } from './moment-view.tsx';
import { NotReady } from '../screen-failed.tsx';

const r = strings.ui.review;

interface Reviewed {
  store: AttemptStore;
  module: ScenarioModule;
  entries: readonly AttemptEntry[];
  /** The stored attempt; absent for a scenario's reference attempts, which cannot be moderated. */
  record?: AttemptRecord;
  reference?: ReferenceKind;
  /** A historical attempt's dimensions that are not assessed, where its sources are silent. */
  unassessed?: Unassessed;
}

export default function ReviewPage({ attemptId, position }: { attemptId: string; position?: number }) {
  const [loaded] = useAsync(async (): Promise<Reviewed> => {
    const store = await attemptStore();
    return { store, ...(await loadStoredAttempt(store, attemptId)) };
  }, attemptId);
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  return (
    <ReviewView
      reviewed={loaded.value}
      initialPosition={position}
      routeAt={(at) => ({ screen: 'review', attemptId, position: at })}
    />
  );
}

export function ReferenceReview({
  scenarioId,
  kind,
  position,
}: {
  scenarioId: string;
  kind: ReferenceKind;
  position?: number;
}) {
  const [loaded] = useAsync(async (): Promise<Reviewed> => {
    const module = await scenarioModule(scenarioId);
    const attempt = parseAttempt(module.referenceAttempts[kind]);
    return {
      store: await attemptStore(),
      module,
      entries: attempt.events,
      reference: kind,
      unassessed: unassessedFor(attempt, module.answerKey),
    };
  }, `${scenarioId}/${kind}`);
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  return (
    <ReviewView
      reviewed={loaded.value}
      initialPosition={position}
      routeAt={(at) => ({ screen: 'reference', scenarioId, kind, position: at })}
    />
  );
}

function ReviewView({
  reviewed,
  initialPosition,
  routeAt,
}: {
  reviewed: Reviewed;
  initialPosition: number | undefined;
  /** The address of this replay at a position. */
  routeAt: (position: number) => Route;
}) {
  const { module, entries, record, store, unassessed } = reviewed;
  const { definition, answerKey } = module;
  const timeline = useMemo(() => new ReplayTimeline(module.machine, entries), [module, entries]);
  const end = timeline.length - 1;
  const [position, setPosition] = useState(() => Math.min(end, initialPosition ?? end));
  useEffect(() => {
    // Kept in the address without a history entry per step, so a reload opens the same moment.
    window.history.replaceState(window.history.state, '', hrefFor(routeAt(position)));
  }, [position, routeAt]);
  const snapshot = useMemo(() => timeline.at(position), [timeline, position]);
  const findingsAt = useMemo(
    () => (call: CallContext) => scoreCall(definition, answerKey, call, unassessed).findings,
    [definition, answerKey, unassessed],
  );
  const running = useMemo(
    () => scoreCall(definition, answerKey, snapshot.context, unassessed),
    [definition, answerKey, snapshot, unassessed],
  );
  const finalReport = useMemo(
    () => scoreCall(definition, answerKey, timeline.at(end).context, unassessed),
    [definition, answerKey, timeline, end, unassessed],
  );
  const [moments, setMoments] = useState<Map<string, FindingMoment> | null>(null);
  useEffect(() => {
    // Scoring every position of a long attempt takes a while: a few milliseconds of it per frame, so
    // the replay stays responsive while the jumps are found.
    const steps = locateFindings(timeline, findingsAt);
    let timer: ReturnType<typeof setTimeout>;
    const work = () => {
      const until = performance.now() + 8;
      for (;;) {
        const step = steps.next();
        if (step.done) return setMoments(step.value);
        if (performance.now() > until) break;
      }
      timer = setTimeout(work, 0);
    };
    timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }, [timeline, findingsAt]);
  // Loaded again when a classroom's sync keeps what arrived from the server, a moderation among it.
  const [moderations, reloadModerations] = useAsync(
    () => (record ? store.moderationsOf(record.id) : Promise.resolve<Moderation[]>([])),
    record?.id ?? 'reference',
    useStoreVersion('results'),
  );
  const moderated = moderateReport(finalReport, moderations.state === 'ready' ? moderations.value : []);
  const scrubberRef = useRef<HTMLInputElement>(null);

  const title = record
    ? r.heading(definition.title)
    : `${r.heading(definition.title)}: ${reviewed.reference === 'model' ? r.referenceModel : r.referenceHistorical}`;
  const entry = position > 0 ? entries[position - 1] : undefined;
  const what = entry ? `${stopwatch(entry.at)} ${describeEntry(entry, definition)}` : '';
  const positionText = r.positionText(position, end, what);
  const jumpTo = (target: number) => {
    setPosition(target);
    scrubberRef.current?.focus();
  };

  return (
    <article className="review">
      <h1>{title}</h1>
      {record && (
        <p className="muted">
          {r.meta(record.trainee, dateTime(record.startedAt))}
          {record.forkedFrom && <> {r.forkedFrom(record.forkedFrom.event)}</>}
        </p>
      )}
      {record && <NewerVersion definition={definition} />}
      {entries.some((e) => e.type === 'trainee.start' && e.assisted === true) && (
        <p role="note" className="notice">
          {strings.ui.assistedMode}
        </p>
      )}
      {record && (
        <p className="button-row">
          <a href={hrefFor({ screen: 'report', traineeId: record.traineeId })}>
            {r.reportLink(record.trainee)}
          </a>
          {record.status === 'finished' && (
            <a href={hrefFor({ screen: 'calibrate', attemptId: record.id })}>{r.calibrateLink}</a>
          )}
        </p>
      )}

      <section aria-labelledby="scrubber-heading" className="scrubber">
        <h2 id="scrubber-heading">{r.scrubberHeading}</h2>
        <label htmlFor="replay-position">{r.position}</label>
        <input
          ref={scrubberRef}
          id="replay-position"
          type="range"
          min={0}
          max={end}
          step={1}
          value={position}
          aria-valuetext={positionText}
          onChange={(event) => setPosition(Number(event.target.value))}
        />
        <p className="position-text" aria-live="polite">
          {positionText}
          <ProvenanceNote provenance={entry?.provenance} />
        </p>
        <div className="button-row">
          <button type="button" onClick={() => setPosition(0)} disabled={position === 0}>
            {r.start}
          </button>
          <button
            type="button"
            onClick={() => setPosition((p) => Math.max(0, p - 1))}
            disabled={position === 0}
          >
            {r.previous}
          </button>
          <button
            type="button"
            onClick={() => setPosition((p) => Math.min(end, p + 1))}
            disabled={position === end}
          >
            {r.next}
          </button>
          <button type="button" onClick={() => setPosition(end)} disabled={position === end}>
            {r.end}
          </button>
        </div>
        <AudioFromHere
          module={module}
          heardSoFar={snapshot.context.transcript.length}
          finalCall={timeline.at(end).context}
        />
        <Fork reviewed={reviewed} position={position} finished={snapshot.status === 'done'} />
      </section>

      <section aria-labelledby="moment-heading">
        <h2 id="moment-heading">
          {snapshot.matches('briefing')
            ? r.beforeStart
            : r.atThisMoment(
                definition.phases[snapshot.context.phaseIndex]?.title ?? '',
                stopwatch(snapshot.context.now),
              )}
        </h2>
        <MomentView module={module} snapshot={snapshot} score={running} />
      </section>

      <section aria-labelledby="review-findings-heading">
        <h2 id="review-findings-heading">{r.findingsHeading}</h2>
        {!moments && <p role="status">{r.locating}</p>}
        {SCORING_DIMENSIONS.map((dimension) => {
          const items = moderated.findings.filter((item) => item.finding.dimension === dimension);
          const why = unassessed?.dimensions[dimension];
          if (why)
            return (
              <div key={dimension}>
                <h3>{strings.vocabulary.dimensions[dimension]}</h3>
                <p className="muted">{r.notAssessedWhy(why)}</p>
              </div>
            );
          if (items.length === 0) return null;
          return (
            <div key={dimension}>
              <h3>{strings.vocabulary.dimensions[dimension]}</h3>
              <ul className="findings">
                {items.map((item) => (
                  <ReviewFinding
                    context={{ scenario: definition, key: answerKey }}
                    key={item.finding.id}
                    item={item}
                    moment={moments?.get(item.finding.id)}
                    onJump={jumpTo}
                    moderation={record ? { store, attemptId: record.id, onSaved: reloadModerations } : null}
                  />
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      {record && (
        <ModerationPanel store={store} attemptId={record.id} report={moderated} onSaved={reloadModerations} />
      )}
    </article>
  );
}

function ReviewFinding({
  item,
  context,
  moment,
  onJump,
  moderation,
}: {
  item: ModeratedFinding;
  context: FindingContext;
  moment: FindingMoment | undefined;
  onJump: (position: number) => void;
  moderation: { store: AttemptStore; attemptId: string; onSaved: () => void } | null;
}) {
  const { finding } = item;
  return (
    <li className={`finding severity-${item.severity}`}>
      <ModeratedFindingText item={item} context={context} />
      {moment && (
        <button
          type="button"
          aria-label={`${r.jump}: ${renderFinding(finding, context)}`}
          onClick={() => onJump(moment.position)}
        >
          {r.jump}
        </button>
      )}{' '}
      {moment?.omission && <span className="muted">({r.omission})</span>}
      {moderation && <FindingModeration {...moderation} finding={item} />}
    </li>
  );
}

/** Plays, with captions, the voice lines heard after this point of the attempt. */
function AudioFromHere({
  module,
  heardSoFar,
  finalCall,
}: {
  module: ScenarioModule;
  heardSoFar: number;
  finalCall: CallContext;
}) {
  const sound = useRef<SoundAdapter | null>(null);
  const [caption, setCaption] = useState<Caption | null>(null);
  const [message, setMessage] = useState('');
  useEffect(
    () => () => {
      sound.current?.stopAll();
    },
    [],
  );
  const { definition } = module;
  const play = () => {
    const lines = new Map(definition.lines.map((line) => [line.id, line]));
    const toSay = finalCall.transcript.slice(heardSoFar).flatMap((spoken) => {
      const line = lines.get(spoken.line);
      return line && isVoice(line) ? [spokenLine(line, module)] : [];
    });
    if (toSay.length === 0) {
      setMessage(r.nothingToPlay);
      return;
    }
    setMessage('');
    if (!sound.current) {
      sound.current = createHowlerSound(definition.id);
      sound.current.onCaption(setCaption);
      window.__controlRoomSound = sound.current;
    }
    sound.current.stopAll();
    sound.current.say(toSay);
  };
  return (
    <div className="audio-from-here">
      <div className="button-row">
        <button type="button" onClick={play}>
          {r.playFromHere}
        </button>
        <button type="button" onClick={() => sound.current?.stopAll()}>
          {r.stopAudio}
        </button>
      </div>
      <div aria-live="polite">
        {caption && (
          <p className="caption">
            <span className="visually-hidden">{r.audioCaption}: </span>
            <strong>{caption.who}:</strong> {caption.text}
          </p>
        )}
        {!caption && message && <p>{message}</p>}
      </div>
    </div>
  );
}

function Fork({ reviewed, position, finished }: { reviewed: Reviewed; position: number; finished: boolean }) {
  const [failed, setFailed] = useState('');
  const fork = async () => {
    try {
      // A what-if is whoever forks it: on a classroom device, its signed-in user.
      const created = await startWhatIf(reviewed.store, reviewed, position, currentPlayer());
      navigate({ screen: 'attempt', attemptId: created.id });
    } catch (error) {
      setFailed(describeStorageFailure(error));
    }
  };
  return (
    <div className="fork">
      <button type="button" className="primary" disabled={finished} onClick={() => void fork()}>
        {r.fork}
      </button>{' '}
      <span className="muted">{finished ? r.forkDone : r.forkExplain}</span>
      {failed && <p role="alert">{failed}</p>}
    </div>
  );
}

/**
 * An attempt is replayed on the version it was played on; when the scenario has changed since, the review
 * says so and offers the current version to play.
 */
function NewerVersion({ definition }: { definition: ScenarioDefinition }) {
  const current = findScenario(definition.id);
  if (!current || current.version === definition.version) return null;
  return (
    <p role="note" className="notice">
      {r.newerVersion(definition.version, current.version)}{' '}
      <a href={hrefFor({ screen: 'new-attempt', scenarioId: definition.id })}>{r.playNewerVersion}</a>
    </p>
  );
}
