/*
 * What goes when a trainee or a course is deleted, each in one transaction over the store's primitives.
 * A trainee's data is deleted on request: nothing about them may be left behind. A course is only a
 * grouping: the attempts made on it are results, and stay.
 */
import type { TableStore } from '../records/tables.ts';

/**
 * Deletes a trainee and everything about them: their attempts with their events, moderations and marks.
 * Resolves to the ids of the attempts deleted, so what the device keeps beside the store (an attempt's
 * drafts) can go too.
 */
export async function deleteTraineeData(store: TableStore, traineeId: string): Promise<string[]> {
  return store.transaction('write', async (tables) => {
    const attemptIds = (await tables.where('attempts', 'traineeId', [traineeId])).map((a) => a.id);
    await tables.remove('events', 'attemptId', attemptIds);
    await tables.remove('moderations', 'attempt', attemptIds);
    await tables.remove('calibrations', 'attempt', attemptIds);
    await tables.remove('attempts', 'id', attemptIds);
    const courses = (await tables.all('courses')).filter((course) => course.trainees.includes(traineeId));
    await tables.put(
      'courses',
      courses.map((course) => ({ ...course, trainees: course.trainees.filter((id) => id !== traineeId) })),
    );
    await tables.remove('trainees', 'id', [traineeId]);
    return attemptIds;
  });
}

/** Deletes a course; the attempts made on it are kept, no longer attached to any course. */
export async function deleteCourse(store: TableStore, courseId: string): Promise<void> {
  await store.transaction('write', async (tables) => {
    const attempts = await tables.where('attempts', 'course', [courseId]);
    await tables.put(
      'attempts',
      attempts.map(({ course, ...attempt }) => attempt),
    );
    await tables.remove('courses', 'id', [courseId]);
  });
}
