/*
 * The home screen of an LMS course: the course's scenarios only, each with the result the course
 * counts, the course as it stands, and how attempts are counted. The trainee is who the LMS says; only
 * a package opened outside its LMS asks for a name.
 */
import { useId, useState } from 'react';
import { findScenario } from '../../../scenarios/catalogue.ts';
import type { LmsState } from '../../lms/session.ts';
import { strings } from '../../strings/en-gb.ts';
import { PastAttempts } from '../home/past-attempts.tsx';
import { loadTraineeName, saveTraineeName } from '../preferences.ts';
import { hrefFor } from '../routes.ts';
import { lmsPlayer } from '../player.ts';

const l = strings.ui.lms;

function CourseStanding({ status }: { status: LmsState['status'] }) {
  const { score, passMark } = status;
  return (
    <p>
      {l.progress(status.finished, status.of)}{' '}
      {score !== null &&
        (status.completed
          ? status.passed
            ? l.passed(score, passMark)
            : l.failed(score, passMark)
          : l.courseScore(score, passMark))}
    </p>
  );
}

export function CourseHome({ lms }: { lms: LmsState }) {
  const [typed, setTyped] = useState(loadTraineeName);
  const nameId = useId();
  const player = lms.learner ? lmsPlayer(lms.learner) : { name: typed.trim() || strings.ui.defaultTrainee };
  return (
    <div className="home">
      <h1>{l.courseHeading(lms.course.title)}</h1>
      <p className="lead">{strings.ui.tagline}</p>
      {!lms.learner && (
        <p className="field">
          <label htmlFor={nameId}>{strings.ui.traineeName}</label>
          <input
            id={nameId}
            value={typed}
            autoComplete="name"
            maxLength={120}
            onChange={(event) => {
              setTyped(event.target.value);
              saveTraineeName(event.target.value.trim() || strings.ui.defaultTrainee);
            }}
          />
        </p>
      )}
      <CourseStanding status={lms.status} />
      <p>{l.counting}</p>
      <section aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">{strings.ui.scenariosHeading}</h2>
        <ul className="scenario-list">
          {lms.course.scenarios.flatMap((id) => {
            const entry = findScenario(id);
            if (!entry) return [];
            const counted = lms.counted[id];
            return [
              <li key={id} className="scenario-card">
                <h3>{entry.title}</h3>
                <p className="badge">
                  {counted ? l.counted(counted.total, strings.vocabulary.bands[counted.band]) : l.notYet}
                </p>
                <p className="muted">{strings.ui.caseLabel(41, entry.caseNumber)}</p>
                <p>{entry.summary}</p>
                <p className="content-note-inline">
                  <strong>{strings.ui.contentNoteLabel}</strong> {entry.contentNote}
                </p>
                <a className="button primary" href={hrefFor({ screen: 'new-attempt', scenarioId: id })}>
                  {strings.ui.startScenario(entry.title)}
                </a>
              </li>,
            ];
          })}
        </ul>
      </section>
      <PastAttempts player={player} course={lms.course.id} />
    </div>
  );
}
