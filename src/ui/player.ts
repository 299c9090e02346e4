/*
 * Who plays on this device now, decided in one place for every screen that starts, lists or opens a
 * trainee's attempts: in an LMS course the learner the LMS signed in (known by their id there), on a
 * classroom device its signed-in user, elsewhere the name typed on the home screen.
 */
import { learnerAccount } from '../lms/lms.ts';
import type { Player } from '../records/records.ts';
import { joinedClassroom } from './classroom/classroom-mode.ts';
import { lmsSession } from './lms/lms-mode.ts';
import { loadTraineeName } from './preferences.ts';

export function currentPlayer(): Player {
  const lms = lmsSession()?.getSnapshot();
  if (lms?.learner) return lmsPlayer(lms.learner);
  // A package opened outside its LMS asks for a name; it is never a classroom device.
  const classroom = lms ? null : joinedClassroom();
  return { name: classroom?.user ?? loadTraineeName() };
}

/** The LMS's learner as a player: by their id where the LMS gave one. */
export function lmsPlayer(learner: { id: string; name: string }): Player {
  const account = learnerAccount(learner);
  return { name: learner.name || learner.id, ...(account ? { account } : {}) };
}
