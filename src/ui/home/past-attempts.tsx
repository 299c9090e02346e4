import { useEffect, useState } from 'react';
import { findScenario } from '../../../scenarios/catalogue.ts';
import type { Player } from '../../records/records.ts';
import type { AttemptRecord } from '../../records/tables.ts';
import { strings } from '../../strings/en-gb.ts';
import { dateTime } from '../console/time.ts';
import { nameKey } from '../../records/text.ts';
import { hrefFor } from '../routes.ts';
import { attemptStore } from '../services.ts';
import { describeLoadFailure } from '../../services/storage-failure.ts';

type Listing =
  | { state: 'loading' }
  /** `accountTrainee`: the id of the player's account's trainee (undefined before they have played here). */
  | { state: 'loaded'; attempts: AttemptRecord[]; accountTrainee?: string }
  | { state: 'error'; message: string };

const SHOWN = 50;

/**
 * The trainee's own attempts stored in this browser, newest first, loaded after first paint (the storage
 * library is not in the shell). A device that holds a whole cohort's imported results shows only these;
 * in an LMS course, only those on the course, and only the learner's own by their account (another
 * learner of the same name on this computer is someone else).
 */
export function PastAttempts({ player, course }: { player: Player; course?: string }) {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const { account } = player;
  // Only an account's lookup needs the name (see traineeWithAccount): a typed name filters what is loaded,
  // and typing it must not load the list again at every key.
  const accountName = account ? player.name : '';
  useEffect(() => {
    let live = true;
    attemptStore()
      .then(async (store) => {
        const [attempts, trainee] = await Promise.all([
          store.list(),
          account ? store.traineeWithAccount(account, accountName) : undefined,
        ]);
        return { attempts, accountTrainee: trainee?.id };
      })
      .then(
        ({ attempts, accountTrainee }) => live && setListing({ state: 'loaded', attempts, accountTrainee }),
        (error: unknown) => live && setListing({ state: 'error', message: describeLoadFailure(error) }),
      );
    return () => {
      live = false;
    };
  }, [account, accountName]);

  const theirs =
    listing.state === 'loaded'
      ? listing.attempts.filter(
          (attempt) =>
            (account
              ? attempt.traineeId === listing.accountTrainee
              : nameKey(attempt.trainee) === nameKey(player.name)) &&
            (course === undefined || attempt.course === course),
        )
      : [];
  return (
    <section aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">{strings.ui.pastAttemptsHeading}</h2>
      {listing.state === 'loading' && <p role="status">{strings.ui.loadingAttempts}</p>}
      {listing.state === 'error' && <p role="alert">{listing.message}</p>}
      {listing.state === 'loaded' && theirs.length === 0 && <p>{strings.ui.noAttempts}</p>}
      {theirs.length > SHOWN && <p className="muted">{strings.ui.latestAttempts(SHOWN, theirs.length)}</p>}
      {theirs.length > 0 && (
        <ul className="attempt-list">
          {theirs.slice(0, SHOWN).map((attempt) => (
            <li key={attempt.id}>
              <a href={hrefFor({ screen: 'attempt', attemptId: attempt.id })}>
                {findScenario(attempt.scenario)?.title ?? attempt.scenario}
              </a>{' '}
              <span className="muted">
                {strings.ui.attemptRow(attempt.trainee, dateTime(attempt.startedAt))} ·{' '}
                {attempt.status === 'finished' ? strings.ui.statusFinished : strings.ui.statusInProgress}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
