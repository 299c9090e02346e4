/*
 * The supervisor's screen: who they are, bundles in and out, trainees (with their reports and the
 * deletion of their data on request), courses, and every attempt on this device to review or mark.
 */
import { useId, useState, type FormEvent } from 'react';
import { useSentField } from '../use-sent-field.ts';
import { catalogue, findScenario } from '../../../scenarios/catalogue.ts';
import type { AttemptRecord } from '../../records/tables.ts';
import type { Notice } from '../../services/notice.ts';
import type { Persistence } from '../../services/persistence.ts';
import { describeStorageFailure } from '../../services/storage-failure.ts';
import {
  exportBundleFile,
  importBundleFile,
  loadSupervisorDesk,
  type SupervisorDesk,
} from '../../services/supervisor-desk.ts';
import type { AttemptStore } from '../../storage/attempt-store.ts';
import { strings } from '../../strings/en-gb.ts';
import { deleteCourse, deleteTraineeData } from '../../supervision/deletion.ts';
import { forgetDrafts } from '../attempt/drafts.ts';
import { dateTime } from '../console/time.ts';
import { loadSupervisorName, saveSupervisorName } from '../preferences.ts';
import { hrefFor } from '../routes.ts';
import { attemptStore, storagePersistence } from '../services.ts';
import { downloadJson } from './download.ts';
import { useStorageAction } from './storage-action.ts';
import { useStoreVersion } from '../store-changes.ts';
import { useAsync } from './use-async.ts';
import { joinedClassroom, useClassroom } from '../classroom/classroom-mode.ts';

const s = strings.ui.supervise;
/** Enough for a day's dip sampling; the cohort view covers the rest. */
const SHOWN_ATTEMPTS = 500;

interface Stored extends SupervisorDesk {
  store: AttemptStore;
  persistence: Persistence;
}

async function loadStored(): Promise<Stored> {
  const store = await attemptStore();
  return { store, persistence: await storagePersistence(), ...(await loadSupervisorDesk(store)) };
}

export default function SupervisorPage() {
  const [stored, reload] = useAsync(loadStored, 'supervise', useStoreVersion());
  const [supervisor, setSupervisor] = useState(loadSupervisorName);
  const nameId = useId();
  // Signed in to a classroom, a supervisor is who the server knows: the name is not theirs to type.
  useClassroom(); // so that joining or leaving shows here at once
  const place = joinedClassroom();
  const signedIn = place?.role === 'supervisor' ? place.user : null;
  return (
    <div className="supervise">
      <h1>{s.heading}</h1>
      <p className="lead">{s.intro}</p>
      {signedIn ? (
        <>
          <p>{s.signedInAs(signedIn)}</p>
          <p className="muted">{s.classroomLocalOnly}</p>
        </>
      ) : (
        <p className="field">
          <label htmlFor={nameId}>{s.yourName}</label>
          <input
            id={nameId}
            value={supervisor}
            autoComplete="name"
            maxLength={120}
            onChange={(event) => {
              setSupervisor(event.target.value);
              saveSupervisorName(event.target.value.trim());
            }}
          />
        </p>
      )}
      <p>
        <a className="button" href={hrefFor({ screen: 'cohort' })}>
          {s.cohortLink}
        </a>
      </p>
      {stored.state === 'loading' && <p role="status">{strings.ui.loading}</p>}
      {stored.state === 'error' && <p role="alert">{stored.message}</p>}
      {stored.state === 'ready' && (
        <>
          <Bundles store={stored.value.store} persistence={stored.value.persistence} onImported={reload} />
          <Trainees stored={stored.value} onChanged={reload} />
          <Courses stored={stored.value} onChanged={reload} />
          <Attempts attempts={stored.value.attempts} />
          <References />
        </>
      )}
    </div>
  );
}

/** Downloads a bundle of everything or of one trainee, and says what it holds and what was left out. */
async function downloadBundle(store: AttemptStore, only?: { trainee: string }): Promise<string> {
  const { bundle, fileName, summary } = await exportBundleFile(store, only);
  downloadJson(fileName, bundle);
  return summary;
}

function Bundles({
  store,
  persistence,
  onImported,
}: {
  store: AttemptStore;
  persistence: Persistence;
  onImported: () => void;
}) {
  const [message, setMessage] = useState<Notice | null>(null);
  const fileId = useId();
  const importFile = async (file: File) => {
    setMessage({ kind: 'status', text: s.importing });
    const notice = await importBundleFile(store, file);
    setMessage(notice);
    if (notice.kind === 'status') onImported();
  };
  return (
    <section aria-labelledby="bundles-heading">
      <h2 id="bundles-heading">{s.bundlesHeading}</h2>
      <p className={persistence === 'persistent' ? undefined : 'notice'}>{s.storageKept[persistence]}</p>
      <p className="field">
        <label htmlFor={fileId}>{s.importLabel}</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
            event.target.value = '';
          }}
        />
      </p>
      <p role={message?.kind ?? 'status'} className={message?.kind === 'alert' ? 'error' : undefined}>
        {message?.text}
      </p>
      <button
        type="button"
        onClick={() =>
          void downloadBundle(store).then(
            (text) => setMessage({ kind: 'status', text }),
            (error: unknown) => setMessage({ kind: 'alert', text: describeStorageFailure(error) }),
          )
        }
      >
        {s.exportAll}
      </button>
    </section>
  );
}

function Trainees({ stored, onChanged }: { stored: Stored; onChanged: () => void }) {
  const { store, trainees, attempts } = stored;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, run] = useStorageAction();
  const [name, setName, clearSent] = useSentField();
  const addId = useId();
  const counts = new Map<string, { all: number; finished: number }>();
  for (const attempt of attempts) {
    const count = counts.get(attempt.traineeId) ?? { all: 0, finished: 0 };
    count.all++;
    if (attempt.status === 'finished') count.finished++;
    counts.set(attempt.traineeId, count);
  }
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const sent = name;
    run(
      () => store.traineeNamed(sent),
      () => {
        // A roster is typed name after name: the next may be typed before this one is stored.
        clearSent(sent);
        onChanged();
      },
    );
  };
  return (
    <section aria-labelledby="trainees-heading">
      <h2 id="trainees-heading">{s.traineesHeading}</h2>
      <p role="status">{notice}</p>
      <p role="alert">{failure}</p>
      {trainees.length === 0 ? (
        <p>{s.noTrainees}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{s.traineesHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{s.trainee}</th>
                <th scope="col">{s.attemptsCount}</th>
                <th scope="col">{s.finishedCount}</th>
                <th scope="col">{s.actions}</th>
              </tr>
            </thead>
            <tbody>
              {trainees.map((trainee) => {
                const count = counts.get(trainee.id) ?? { all: 0, finished: 0 };
                return (
                  <tr key={trainee.id}>
                    <th scope="row">{trainee.name}</th>
                    <td>{count.all}</td>
                    <td>{count.finished}</td>
                    <td className="actions">
                      <a href={hrefFor({ screen: 'report', traineeId: trainee.id })}>
                        {s.report(trainee.name)}
                      </a>
                      <button
                        type="button"
                        onClick={() =>
                          run(() => downloadBundle(store, { trainee: trainee.id }).then(setNotice))
                        }
                      >
                        {s.exportTrainee(trainee.name)}
                      </button>
                      {confirming === trainee.id ? (
                        <>
                          <button
                            type="button"
                            className="danger"
                            onClick={() =>
                              run(
                                () =>
                                  deleteTraineeData(store, trainee.id).then((attemptIds) =>
                                    attemptIds.forEach(forgetDrafts),
                                  ),
                                () => {
                                  setConfirming(null);
                                  setNotice(s.deleted(trainee.name));
                                  onChanged();
                                },
                              )
                            }
                          >
                            {s.confirmDelete(trainee.name)}
                          </button>
                          <button type="button" onClick={() => setConfirming(null)}>
                            {s.cancel}
                          </button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setConfirming(trainee.id)}>
                          {s.deleteTrainee(trainee.name)}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor={addId}>{s.addTrainee}</label>
        <input id={addId} value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />
        <button type="submit">{s.add}</button>
      </form>
    </section>
  );
}

function Courses({ stored, onChanged }: { stored: Stored; onChanged: () => void }) {
  const { store, courses, trainees } = stored;
  const [title, setTitle] = useState('');
  const [scenarios, setScenarios] = useState<string[]>([]);
  const [members, setMembers] = useState<string[]>([]);
  const [assisted, setAssisted] = useState(false);
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [failure, run] = useStorageAction();
  const titleId = useId();
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || scenarios.length === 0) {
      setProblem(s.courseNeedsTitle);
      return;
    }
    const course = {
      id: crypto.randomUUID(),
      title: title.trim(),
      scenarios: catalogue.map((e) => e.id).filter((id) => scenarios.includes(id)),
      trainees: members,
      ...(assisted ? { assisted: true } : {}),
    };
    run(
      () => store.saveCourse(course),
      () => {
        setTitle('');
        setAssisted(false);
        setScenarios([]);
        setMembers([]);
        setProblem('');
        onChanged();
      },
    );
  };
  return (
    <section aria-labelledby="courses-heading">
      <h2 id="courses-heading">{s.coursesHeading}</h2>
      <p role="status">{notice}</p>
      <p role="alert">{failure}</p>
      {courses.length === 0 ? (
        <p>{s.noCourses}</p>
      ) : (
        <ul>
          {courses.map((course) => (
            <li key={course.id}>
              <strong>{course.title}</strong>{' '}
              <span className="muted">
                {s.courseRow(course.scenarios.length, course.trainees.length)}
                {course.assisted ? `, ${s.assistedCourse}` : ''}
              </span>{' '}
              <button
                type="button"
                onClick={() =>
                  run(
                    () => deleteCourse(store, course.id),
                    () => {
                      setNotice(s.courseDeleted(course.title));
                      onChanged();
                    },
                  )
                }
              >
                {s.deleteCourse(course.title)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{s.newCourse}</summary>
        <form onSubmit={create}>
          <p className="field">
            <label htmlFor={titleId}>{s.courseTitle}</label>
            <input
              id={titleId}
              value={title}
              maxLength={200}
              onChange={(event) => setTitle(event.target.value)}
            />
          </p>
          <fieldset>
            <legend>{s.courseScenarios}</legend>
            {catalogue.map((entry) => (
              <label key={entry.id} className="check">
                <input
                  type="checkbox"
                  checked={scenarios.includes(entry.id)}
                  onChange={() => setScenarios((list) => toggle(list, entry.id))}
                />{' '}
                {entry.title}
              </label>
            ))}
          </fieldset>
          {trainees.length > 0 && (
            <fieldset>
              <legend>{s.courseTrainees}</legend>
              {trainees.map((trainee) => (
                <label key={trainee.id} className="check">
                  <input
                    type="checkbox"
                    checked={members.includes(trainee.id)}
                    onChange={() => setMembers((list) => toggle(list, trainee.id))}
                  />{' '}
                  {trainee.name}
                </label>
              ))}
            </fieldset>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={assisted}
              onChange={(event) => setAssisted(event.target.checked)}
            />{' '}
            {s.courseAssisted}
          </label>
          <p role="alert">{problem}</p>
          <button type="submit">{s.createCourse}</button>
        </form>
      </details>
    </section>
  );
}

function Attempts({ attempts }: { attempts: AttemptRecord[] }) {
  return (
    <section aria-labelledby="all-attempts-heading">
      <h2 id="all-attempts-heading">{s.attemptsHeading}</h2>
      {attempts.length > SHOWN_ATTEMPTS && (
        <p className="muted">{s.latestAttempts(SHOWN_ATTEMPTS, attempts.length)}</p>
      )}
      {attempts.length === 0 ? (
        <p>{s.noAttemptsYet}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{s.attemptsHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{s.trainee}</th>
                <th scope="col">{s.scenario}</th>
                <th scope="col">{s.started}</th>
                <th scope="col">{s.status}</th>
                <th scope="col">{s.score}</th>
                <th scope="col">{s.actions}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.slice(0, SHOWN_ATTEMPTS).map((attempt) => {
                const title = findScenario(attempt.scenario)?.title ?? attempt.scenario;
                return (
                  <tr key={attempt.id}>
                    <td>{attempt.trainee}</td>
                    <td>
                      {title}
                      {attempt.forkedFrom && <span className="badge">{s.forkOf}</span>}
                    </td>
                    <td>{dateTime(attempt.startedAt)}</td>
                    <td>
                      {attempt.status === 'finished'
                        ? strings.ui.statusFinished
                        : strings.ui.statusInProgress}
                    </td>
                    <td>
                      {attempt.score
                        ? `${attempt.score.total} · ${strings.vocabulary.bands[attempt.score.band]}`
                        : s.unscored}
                    </td>
                    <td className="actions">
                      <a href={hrefFor({ screen: 'review', attemptId: attempt.id })}>
                        {s.review}
                        <span className="visually-hidden">
                          {' '}
                          {attempt.trainee}, {title}
                        </span>
                      </a>
                      {attempt.status === 'finished' && (
                        <a href={hrefFor({ screen: 'calibrate', attemptId: attempt.id })}>
                          {s.calibrate}
                          <span className="visually-hidden">
                            {' '}
                            {attempt.trainee}, {title}
                          </span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function References() {
  return (
    <section aria-labelledby="references-heading">
      <h2 id="references-heading">{s.referenceHeading}</h2>
      <p>{s.referenceIntro}</p>
      <ul className="reference-list">
        {catalogue.map((entry) => (
          <li key={entry.id}>
            <a href={hrefFor({ screen: 'reference', scenarioId: entry.id, kind: 'historical' })}>
              {s.reviewHistorical(entry.title)}
            </a>
            {' · '}
            <a href={hrefFor({ screen: 'reference', scenarioId: entry.id, kind: 'model' })}>
              {s.reviewModel(entry.title)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
