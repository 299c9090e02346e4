import { useId } from 'react';
import { strings } from '../../strings/en-gb.ts';
import type { Course } from '../../records/records.ts';

/** Which course new attempts on this device count towards; shown only once a trainer has made one. */
export function CourseChoice({
  courses,
  chosen,
  onChoose,
}: {
  courses: readonly Course[];
  chosen: string;
  onChoose: (course: string) => void;
}) {
  const id = useId();
  if (courses.length === 0) return null;
  return (
    <p className="field">
      <label htmlFor={id}>{strings.ui.supervise.courseForAttempts}</label>
      <select id={id} value={chosen} onChange={(event) => onChoose(event.target.value)}>
        <option value="">{strings.ui.supervise.noCourse}</option>
        {courses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </p>
  );
}
