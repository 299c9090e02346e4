/*
 * The app shell: a skip link, the header, and the current screen. Everything past the home screen is
 * loaded on demand so the first paint carries only React and the scenario list.
 */
import { lazy, Suspense } from 'react';
import { strings } from '../strings/en-gb.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { HomePage } from './home/home-page.tsx';
import { hrefFor, useRoute } from './routes.ts';

const AttemptPage = lazy(() => import('./attempt/attempt-page.tsx'));
const NewAttempt = lazy(() =>
  import('./attempt/attempt-page.tsx').then((module) => ({ default: module.NewAttempt })),
);

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main">
        {strings.ui.skipToContent}
      </a>
      <header className="app-header">
        <a className="app-name" href={hrefFor({ screen: 'home' })}>
          {strings.appName}
        </a>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={hrefFor(route)}>
          {route.screen === 'home' ? (
            <HomePage />
          ) : (
            <Suspense fallback={<p role="status">{strings.ui.loading}</p>}>
              {route.screen === 'attempt' ? (
                <AttemptPage key={route.attemptId} attemptId={route.attemptId} />
              ) : (
                <NewAttempt key={route.scenarioId} scenarioId={route.scenarioId} />
              )}
            </Suspense>
          )}
        </ErrorBoundary>
      </main>
    </>
  );
}
