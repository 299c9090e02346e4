import { useMemo, useSyncExternalStore } from 'react';

export type ReferenceKind = 'model' | 'historical';

/** The app's screens, addressed by the URL hash so a reload lands on the same one. */
export type Route =
  | { screen: 'home' }
  | { screen: 'attempt'; attemptId: string }
  | { screen: 'new-attempt'; scenarioId: string }
  | { screen: 'supervise' }
  | { screen: 'cohort' }
  | { screen: 'review'; attemptId: string; position?: number }
  | { screen: 'reference'; scenarioId: string; kind: ReferenceKind; position?: number }
  | { screen: 'calibrate'; attemptId: string }
  | { screen: 'report'; traineeId: string };

/** A replay's position in the address, so a reload or a shared link opens the same moment. */
const position = (part: string | undefined): { position?: number } =>
  part !== undefined && /^\d+$/.test(part) ? { position: Number(part) } : {};
const positionPart = (route: { position?: number }) =>
  route.position === undefined ? '' : `/${route.position}`;

export function parseRoute(hash: string): Route {
  const [, first, second, third, fourth] = hash
    .replace(/^#/, '')
    .split('/')
    .map((part) => decodeURIComponent(part));
  if (first === 'attempt' && second) return { screen: 'attempt', attemptId: second };
  if (first === 'scenario' && second) return { screen: 'new-attempt', scenarioId: second };
  if (first === 'supervise') return { screen: 'supervise' };
  if (first === 'cohort') return { screen: 'cohort' };
  if (first === 'review' && second) return { screen: 'review', attemptId: second, ...position(third) };
  if (first === 'reference' && second && (third === 'model' || third === 'historical'))
    return { screen: 'reference', scenarioId: second, kind: third, ...position(fourth) };
  if (first === 'calibrate' && second) return { screen: 'calibrate', attemptId: second };
  if (first === 'report' && second) return { screen: 'report', traineeId: second };
  return { screen: 'home' };
}

export function hrefFor(route: Route): string {
  const e = encodeURIComponent;
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'attempt':
      return `#/attempt/${e(route.attemptId)}`;
    case 'new-attempt':
      return `#/scenario/${e(route.scenarioId)}`;
    case 'supervise':
      return '#/supervise';
    case 'cohort':
      return '#/cohort';
    case 'review':
      return `#/review/${e(route.attemptId)}${positionPart(route)}`;
    case 'reference':
      return `#/reference/${e(route.scenarioId)}/${route.kind}${positionPart(route)}`;
    case 'calibrate':
      return `#/calibrate/${e(route.attemptId)}`;
    case 'report':
      return `#/report/${e(route.traineeId)}`;
  }
}

export function navigate(route: Route, { replace = false } = {}): void {
  if (replace) window.location.replace(hrefFor(route));
  else window.location.hash = hrefFor(route);
}

const subscribeToHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/**
 * The current route. The home screen is prerendered with no address at all (the server snapshot), and a
 * link followed while the page is still hydrating is caught, not missed.
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => '',
  );
  return useMemo(() => parseRoute(hash), [hash]);
}
