import { useId, useState } from 'react';
import { strings } from '../../strings/en-gb.ts';
import { loadCourse, saveCourse } from '../preferences.ts';
import { attemptStore } from '../services.ts';
import { useAsync } from '../supervise/use-async.ts';

/** Which course new attempts on this device count towards; shown only once a trainer has made one. */
export function CourseChoice() {
  const [courses] = useAsync(async () => (await attemptStore()).courses(), 'courses');
  const [course, setCourse] = useState(() => loadCourse() ?? '');
  const id = useId();
  if (courses.state !== 'ready' || courses.value.length === 0) return null;
  return (
    <p className="field">
      <label htmlFor={id}>{strings.ui.supervise.courseForAttempts}</label>
      <select
        id={id}
        value={course}
        onChange={(event) => {
          setCourse(event.target.value);
          saveCourse(event.target.value);
        }}
      >
        <option value="">{strings.ui.supervise.noCourse}</option>
        {courses.value.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </p>
  );
}
