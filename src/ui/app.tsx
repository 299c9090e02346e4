/*
 * The app shell: a skip link, the header with its navigation, the network's status line, and the current
 * screen. Everything past the home screen is loaded on demand so the first paint carries only React and
 * the scenario list.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { strings } from '../strings/en-gb.ts';
import { resumeClassroom, useSupervisorScreensOpen } from './classroom/classroom-mode.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { HomePage } from './home/home-page.tsx';
import { LmsBanner } from './lms/lms-banner.tsx';
import { useLms } from './lms/lms-mode.ts';
import { ConnectionStatus } from './offline/connection-status.tsx';
import { hrefFor, useRoute, type Route } from './routes.ts';
import { ScreenFailed } from './screen-failed.tsx';

const AttemptPage = lazy(() => import('./attempt/attempt-page.tsx'));
const NewAttempt = lazy(() =>
  import('./attempt/attempt-page.tsx').then((module) => ({ default: module.NewAttempt })),
);
const SupervisorPage = lazy(() => import('./supervise/supervisor-page.tsx'));
const CohortPage = lazy(() => import('./supervise/cohort-page.tsx'));
const ReviewPage = lazy(() => import('./review/review-page.tsx'));
const ReferenceReview = lazy(() =>
  import('./review/review-page.tsx').then((module) => ({ default: module.ReferenceReview })),
);
const CalibratePage = lazy(() => import('./review/calibrate-page.tsx'));
const ReportPage = lazy(() => import('./report/report-page.tsx'));

function Screen({ route }: { route: Route }): ReactNode {
  switch (route.screen) {
    case 'home':
      return <HomePage />;
    case 'attempt':
      return <AttemptPage key={route.attemptId} attemptId={route.attemptId} />;
    case 'new-attempt':
      return <NewAttempt key={route.scenarioId} scenarioId={route.scenarioId} />;
    case 'supervise':
      return <SupervisorPage />;
    case 'cohort':
      return <CohortPage />;
    case 'review':
      return <ReviewPage key={route.attemptId} attemptId={route.attemptId} position={route.position} />;
    case 'reference':
      return (
        <ReferenceReview
          key={`${route.scenarioId}/${route.kind}`}
          scenarioId={route.scenarioId}
          kind={route.kind}
          position={route.position}
        />
      );
    case 'calibrate':
      return <CalibratePage key={route.attemptId} attemptId={route.attemptId} />;
    case 'report':
      return <ReportPage key={route.traineeId} traineeId={route.traineeId} />;
  }
}

/** Screens for supervisors: model answers, other trainees' attempts, marks. None is part of an LMS course. */
const SUPERVISOR_SCREENS: readonly Route['screen'][] = [
  'supervise',
  'cohort',
  'review',
  'reference',
  'calibrate',
  'report',
];

export function App() {
  const route = useRoute();
  const inCourse = useLms() !== null;
  // A device that joined a classroom syncs whatever screen it opens on; an LMS package never does.
  useEffect(() => {
    if (!inCourse) resumeClassroom();
  }, [inCourse]);
  const supervising = SUPERVISOR_SCREENS.includes(route.screen);
  const supervisorOpen = useSupervisorScreensOpen() && !inCourse;
  return (
    <>
      <a className="skip-link" href="#main">
        {strings.ui.skipToContent}
      </a>
      <header className="app-header">
        <a className="app-name" href={hrefFor({ screen: 'home' })}>
          {strings.appName}
        </a>
        <nav aria-label={strings.ui.nav.label}>
          <a href={hrefFor({ screen: 'home' })} aria-current={route.screen === 'home' ? 'page' : undefined}>
            {strings.ui.nav.scenarios}
          </a>
          {supervisorOpen && (
            <a href={hrefFor({ screen: 'supervise' })} aria-current={supervising ? 'page' : undefined}>
              {strings.ui.nav.supervise}
            </a>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ConnectionStatus />
        <LmsBanner />
        <ErrorBoundary key={hrefFor(route)}>
          <Suspense fallback={<p role="status">{strings.ui.loading}</p>}>
            {supervising && inCourse ? (
              <ScreenFailed message={strings.ui.lms.notInCourse} />
            ) : supervising && !supervisorOpen ? (
              <ScreenFailed
                message={strings.ui.classroom.supervisorSignInNeeded}
                detail={strings.ui.classroom.supervisorSignInHow}
              />
            ) : (
              <Screen route={route} />
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
