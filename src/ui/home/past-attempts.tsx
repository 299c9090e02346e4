import { useEffect, useState } from 'react';
import { findScenario } from '../../../scenarios/catalogue.ts';
import type { AttemptRecord } from '../../storage/attempt-store.ts';
import { strings } from '../../strings/en-gb.ts';
import { hrefFor } from '../routes.ts';
import { attemptStore } from '../services.ts';

type Listing = { state: 'loading' } | { state: 'loaded'; attempts: AttemptRecord[] } | { state: 'error' };

/** Attempts stored in this browser, loaded after first paint (the storage library is not in the shell). */
export function PastAttempts() {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    attemptStore()
      .then((store) => store.list())
      .then(
        (attempts) => live && setListing({ state: 'loaded', attempts }),
        () => live && setListing({ state: 'error' }),
      );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">{strings.ui.pastAttemptsHeading}</h2>
      {listing.state === 'loading' && <p role="status">{strings.ui.loadingAttempts}</p>}
      {listing.state === 'error' && <p role="alert">{strings.ui.storageUnavailable}</p>}
      {listing.state === 'loaded' && listing.attempts.length === 0 && <p>{strings.ui.noAttempts}</p>}
      {listing.state === 'loaded' && listing.attempts.length > 0 && (
        <ul className="attempt-list">
          {listing.attempts.map((attempt) => (
            <li key={attempt.id}>
              <a href={hrefFor({ screen: 'attempt', attemptId: attempt.id })}>
                {findScenario(attempt.scenario)?.title ?? attempt.scenario}
              </a>{' '}
              <span className="muted">
                {strings.ui.attemptRow(attempt.trainee, new Date(attempt.startedAt).toLocaleString('en-GB'))}{' '}
                · {attempt.status === 'finished' ? strings.ui.statusFinished : strings.ui.statusInProgress}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
