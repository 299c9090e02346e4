import { useId, useState } from 'react';
import { catalogue } from '../../../scenarios/catalogue.ts';
import { strings } from '../../strings/en-gb.ts';
import { hrefFor } from '../routes.ts';
import { loadCourse, loadTraineeName, saveCourse, saveTraineeName } from '../preferences.ts';
import { attemptStore } from '../services.ts';
import { useAsync } from '../supervise/use-async.ts';
import { useStoreVersion } from '../store-changes.ts';
import { CourseHome } from '../lms/course-home.tsx';
import { useLms } from '../lms/lms-mode.ts';
import { OfflineReadinessNote } from '../offline/connection-status.tsx';
import { ClassroomPanel } from '../classroom/classroom-panel.tsx';
import { useClassroom } from '../classroom/classroom-mode.ts';
import { CourseChoice } from './course-choice.tsx';
import { PastAttempts } from './past-attempts.tsx';

export function HomePage() {
  const lms = useLms();
  return lms ? <CourseHome lms={lms} /> : <AllScenarios />;
}

/** Outside an LMS: every scenario, the trainee's name, and the course a trainer made on this device. */
function AllScenarios() {
  const [typed, setTyped] = useState(loadTraineeName);
  const classroom = useClassroom();
  const joined = classroom.state === 'joined' ? classroom.place : null;
  // In a classroom, attempts are the classroom user's and count towards its course.
  const trainee = joined ? joined.user : typed;
  // A supervisor's course record arrives with the sync, after the screen has opened.
  const [courses] = useAsync(
    async () => (await attemptStore()).courses(),
    `courses ${joined?.course}`,
    useStoreVersion('any'),
  );
  const [chosen, setChosen] = useState(() => loadCourse() ?? '');
  const courseId = joined ? joined.course : chosen;
  const course = courses.state === 'ready' ? courses.value.find((c) => c.id === courseId) : undefined;
  const nameId = useId();
  return (
    <div className="home">
      <h1>{strings.appName}</h1>
      <p className="lead">{strings.ui.tagline}</p>
      <OfflineReadinessNote />
      {!joined && (
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
      <ClassroomPanel view={classroom} courseTitle={joined ? course?.title : undefined} />
      {!joined && (
        <CourseChoice
          courses={courses.state === 'ready' ? courses.value : []}
          chosen={course ? chosen : ''}
          onChoose={(id) => {
            setChosen(id);
            saveCourse(id);
          }}
        />
      )}
      <section aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">{strings.ui.scenariosHeading}</h2>
        <ul className="scenario-list">
          {catalogue.map((entry) => (
            <li key={entry.id} className="scenario-card">
              <h3>{entry.title}</h3>
              {course?.scenarios.includes(entry.id) && (
                <p className="badge">{strings.ui.onCourse(course.title)}</p>
              )}
              <p className="muted">{strings.ui.caseLabel(41, entry.caseNumber)}</p>
              <p>{entry.summary}</p>
              <p className="content-note-inline">
                <strong>{strings.ui.contentNoteLabel}</strong> {entry.contentNote}
              </p>
              <a className="button primary" href={hrefFor({ screen: 'new-attempt', scenarioId: entry.id })}>
                {strings.ui.startScenario(entry.title)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <PastAttempts player={{ name: trainee.trim() || strings.ui.defaultTrainee }} />
    </div>
  );
}
