/*
 * Blind marking for calibration: a supervisor marks each dimension from the call as played, without the
 * machine's marks or anyone else's in view; once they have submitted, the spread between all markers and
 * the machine is shown, dimension by dimension.
 */
import { useId, useState, type FormEvent } from 'react';
import { SCORING_DIMENSIONS, type ScoringDimension } from '../../../machines/vocabulary.ts';
import { replay } from '../../engine/replay.ts';
import { scoreCall } from '../../scoring/score.ts';
import { strings } from '../../strings/en-gb.ts';
import { cleanName } from '../../records/text.ts';
import { loadStoredAttempt } from '../../services/stored-attempt.ts';
import { calibrate } from '../../supervision/moderation.ts';
import type { Calibration } from '../../records/records.ts';
import { supervisorName } from '../classroom/classroom-mode.ts';
import { hrefFor } from '../routes.ts';
import { attemptStore } from '../services.ts';
import { useStorageAction } from '../supervise/storage-action.ts';
import { useAsync } from '../supervise/use-async.ts';
import { MomentView } from './moment-view.tsx';
import { dateTime } from '../console/time.ts';
import { NotReady } from '../screen-failed.tsx';

const k = strings.ui.calibrate;
const v = strings.vocabulary;

async function loadForMarking(attemptId: string) {
  const store = await attemptStore();
  const { module, record, entries } = await loadStoredAttempt(store, attemptId);
  return { store, module, record, snapshot: replay(module.machine, entries) };
}

export default function CalibratePage({ attemptId }: { attemptId: string }) {
  const [loaded] = useAsync(() => loadForMarking(attemptId), attemptId);
  const [calibrations, reload] = useAsync(
    async () => (await attemptStore()).calibrationsOf(attemptId),
    attemptId,
  );
  const [failure, run] = useStorageAction();
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  if (calibrations.state !== 'ready') return <NotReady loaded={calibrations} />;
  const { store, module, record, snapshot } = loaded.value;
  const supervisor = cleanName(supervisorName());
  const marked = supervisor !== '' && calibrations.value.some((c) => c.supervisor === supervisor);
  return (
    <article className="calibrate">
      <h1>{k.heading(module.definition.title)}</h1>
      <p className="muted">{strings.ui.review.meta(record.trainee, dateTime(record.startedAt))}</p>
      {!supervisor && (
        <p role="alert">
          {strings.ui.supervise.nameNeeded}{' '}
          <a href={hrefFor({ screen: 'supervise' })}>{strings.ui.supervise.heading}</a>
        </p>
      )}
      {marked ? (
        <Spread
          report={scoreCall(module.definition, module.answerKey, snapshot.context)}
          calibrations={calibrations.value}
        />
      ) : (
        <>
          <p>{k.intro}</p>
          <section aria-labelledby="played-heading">
            <h2 id="played-heading">{k.callHeading}</h2>
            <MomentView module={module} snapshot={snapshot} />
          </section>
          {supervisor && (
            <MarkingForm
              failure={failure}
              onSubmit={(marks, note) =>
                run(
                  () =>
                    store.addCalibration({
                      id: crypto.randomUUID(),
                      attempt: attemptId,
                      supervisor,
                      at: new Date().toISOString(),
                      marks,
                      ...(note ? { note } : {}),
                    }),
                  reload,
                )
              }
            />
          )}
        </>
      )}
    </article>
  );
}

/** The blind marking form; `failure` says why the marks last submitted were not stored. */
function MarkingForm({
  onSubmit,
  failure,
}: {
  onSubmit: (marks: Record<ScoringDimension, number>, note: string) => void;
  failure: string;
}) {
  const [values, setValues] = useState<Record<ScoringDimension, string>>(
    () => Object.fromEntries(SCORING_DIMENSIONS.map((d) => [d, ''])) as Record<ScoringDimension, string>,
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const baseId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const marks = Object.fromEntries(SCORING_DIMENSIONS.map((d) => [d, Number(values[d])])) as Record<
      ScoringDimension,
      number
    >;
    const bad = SCORING_DIMENSIONS.find(
      (d) => values[d].trim() === '' || !Number.isInteger(marks[d]) || marks[d] < 0 || marks[d] > 100,
    );
    if (bad) {
      setProblem(`${v.dimensions[bad]}: ${strings.ui.review.markRange}`);
      return;
    }
    setProblem('');
    onSubmit(marks, note.trim());
  };
  return (
    <form className="marking-form" aria-labelledby="marks-heading" onSubmit={submit}>
      <h2 id="marks-heading">{k.marksHeading}</h2>
      {SCORING_DIMENSIONS.map((d) => (
        <p className="field" key={d}>
          <label htmlFor={`${baseId}-${d}`}>{k.markLabel(v.dimensions[d])}</label>
          <input
            id={`${baseId}-${d}`}
            type="number"
            min={0}
            max={100}
            step={1}
            value={values[d]}
            onChange={(e) => setValues((current) => ({ ...current, [d]: e.target.value }))}
          />
        </p>
      ))}
      <p className="field">
        <label htmlFor={`${baseId}-note`}>{k.note}</label>
        <textarea
          id={`${baseId}-note`}
          rows={2}
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </p>
      <p role="alert">{problem || failure}</p>
      <button type="submit" className="primary">
        {k.submit}
      </button>
    </form>
  );
}

function Spread({
  report,
  calibrations,
}: {
  report: Parameters<typeof calibrate>[0];
  calibrations: Calibration[];
}) {
  const result = calibrate(report, calibrations);
  const supervisors = result.totals.map((t) => t.supervisor);
  return (
    <section aria-labelledby="spread-heading">
      <p role="status">{k.already}</p>
      <h2 id="spread-heading">{k.spreadHeading}</h2>
      <div className="table-scroll">
        <table>
          <caption>{k.spreadCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{strings.ui.review.dimension}</th>
              {supervisors.map((name, index) => (
                <th scope="col" key={index}>
                  {name}
                </th>
              ))}
              <th scope="col">{strings.ui.review.machine}</th>
              <th scope="col">{k.range}</th>
              <th scope="col">{k.meanVsMachine}</th>
            </tr>
          </thead>
          <tbody>
            {result.dimensions.map((row) => (
              <tr key={row.dimension} className={row.dimension === result.widest ? 'widest' : undefined}>
                <th scope="row">{v.dimensions[row.dimension]}</th>
                {row.marks.map((m, index) => (
                  <td key={index}>{m.mark}</td>
                ))}
                <td>{row.machine}</td>
                <td>{row.range}</td>
                <td>{row.meanVsMachine > 0 ? `+${row.meanVsMachine}` : row.meanVsMachine}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{k.total}</th>
              {result.totals.map((t, index) => (
                <td key={index}>{t.total}</td>
              ))}
              <td>{result.machineTotal}</td>
              <td>
                {result.totals.length === 0
                  ? 0
                  : Math.max(...result.totals.map((t) => t.total)) -
                    Math.min(...result.totals.map((t) => t.total))}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <p>{result.widest ? k.widest(v.dimensions[result.widest]) : k.agreed}</p>
    </section>
  );
}
