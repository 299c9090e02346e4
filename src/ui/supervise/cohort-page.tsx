/*
 * The cohort: trainees by scenarios with the band of each one's latest attempt, trends, and the
 * dimensions the cohort is weakest on, filtered by course, scenario, trainee and date. Reads the score
 * kept with each finished attempt, so it stays quick with 10,000 of them.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { BANDS } from '../../../machines/vocabulary.ts';
import { catalogue, findScenario } from '../../../scenarios/catalogue.ts';
import { strings } from '../../strings/en-gb.ts';
import type { Course } from '../../records/records.ts';
import { loadCohort } from '../../services/cohort-attempts.ts';
import { buildCohort, type CohortAttempt, type CohortFilter } from '../../supervision/cohort.ts';
import { attemptStore } from '../services.ts';
import { BarChart, Sparkline } from './charts.tsx';
import { useStoreVersion } from '../store-changes.ts';
import { useAsync } from './use-async.ts';

const c = strings.ui.cohort;
const scenarioOrder = catalogue.map((entry) => entry.id);

export default function CohortPage() {
  // Finished attempts only: pieces of attempts still being played do not make it load again.
  const [data] = useAsync(async () => loadCohort(await attemptStore()), 'cohort', useStoreVersion('results'));
  return (
    <div className="cohort">
      <h1>{c.heading}</h1>
      {data.state === 'loading' && <p role="status">{c.loading}</p>}
      {data.state === 'error' && <p role="alert">{data.message}</p>}
      {data.state === 'ready' && <CohortView attempts={data.value.attempts} courses={data.value.courses} />}
    </div>
  );
}

function CohortView({ attempts, courses }: { attempts: CohortAttempt[]; courses: Course[] }) {
  const [filter, setFilter] = useState<CohortFilter>({});
  const deferred = useDeferredValue(filter);
  const cohort = useMemo(
    () => buildCohort(attempts, deferred, scenarioOrder, strings.locale),
    [attempts, deferred],
  );
  const ids = { course: useId(), scenario: useId(), trainee: useId(), from: useId() };
  const set = (key: keyof CohortFilter, value: string) =>
    setFilter((current) => ({ ...current, [key]: value || undefined }));
  const titleOf = (id: string) => findScenario(id)?.title ?? id;
  return (
    <>
      <form className="filters" aria-label={c.filters} onSubmit={(event) => event.preventDefault()}>
        <p className="field">
          <label htmlFor={ids.course}>{c.course}</label>
          <select id={ids.course} value={filter.course ?? ''} onChange={(e) => set('course', e.target.value)}>
            <option value="">{c.all}</option>
            {courses.map((course) => (
              <option key={course.id} value={course.id}>
                {course.title}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={ids.scenario}>{c.scenario}</label>
          <select
            id={ids.scenario}
            value={filter.scenario ?? ''}
            onChange={(e) => set('scenario', e.target.value)}
          >
            <option value="">{c.all}</option>
            {catalogue.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.title}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={ids.trainee}>{c.trainee}</label>
          <input
            id={ids.trainee}
            value={filter.trainee ?? ''}
            onChange={(e) => set('trainee', e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor={ids.from}>{c.from}</label>
          <input
            id={ids.from}
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </p>
      </form>
      <p role="status" className="cohort-summary">
        {c.summary(cohort.attempts, cohort.rows.length)}
      </p>
      {cohort.attempts === 0 ? (
        <p>{c.empty}</p>
      ) : (
        <>
          <div className="charts">
            <section aria-labelledby="weakest-heading">
              <h2 id="weakest-heading">{c.weakestHeading}</h2>
              <BarChart
                caption={c.weakestCaption}
                max={100}
                bars={cohort.weakest.map(({ dimension, mean }) => ({
                  label: strings.vocabulary.dimensions[dimension],
                  value: mean,
                }))}
              />
            </section>
            <section aria-labelledby="bands-heading">
              <h2 id="bands-heading">{c.bandsHeading}</h2>
              <BarChart
                caption={c.bandsCaption}
                max={Math.max(...BANDS.map((band) => cohort.bands[band]))}
                bars={BANDS.map((band) => ({
                  label: strings.vocabulary.bands[band],
                  value: cohort.bands[band],
                  tone: `band-${band}`,
                }))}
              />
            </section>
          </div>
          <section aria-labelledby="grid-heading">
            <h2 id="grid-heading">{c.gridHeading}</h2>
            <div className="table-scroll cohort-grid">
              <table data-cohort-rows={cohort.rows.length}>
                <caption>{c.gridCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{strings.ui.supervise.trainee}</th>
                    {cohort.scenarios.map((id) => (
                      <th scope="col" key={id}>
                        {titleOf(id)}
                      </th>
                    ))}
                    <th scope="col">{c.mean}</th>
                    <th scope="col">{c.trend}</th>
                  </tr>
                </thead>
                <tbody>
                  {cohort.rows.map((row) => (
                    <tr key={row.trainee}>
                      <th scope="row">{row.name}</th>
                      {cohort.scenarios.map((id) => {
                        const cell = row.cells[id];
                        return cell ? (
                          <td key={id} className={`band-cell band-${cell.latest.band}`}>
                            {c.cell(
                              cell.latest.total,
                              strings.vocabulary.bands[cell.latest.band],
                              cell.attempts,
                            )}
                          </td>
                        ) : (
                          <td key={id} className="muted">
                            {c.notAttempted}
                          </td>
                        );
                      })}
                      <td>{row.mean}</td>
                      <td>
                        <Sparkline values={row.trend.slice(-20)} label={c.trendLabel(row.trend.slice(-20))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
