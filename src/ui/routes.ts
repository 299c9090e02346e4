import { useEffect, useState } from 'react';

/** The app's screens, addressed by the URL hash so a reload lands on the same one. */
export type Route =
  | { screen: 'home' }
  | { screen: 'attempt'; attemptId: string }
  | { screen: 'new-attempt'; scenarioId: string };

export function parseRoute(hash: string): Route {
  const [, first, second] = hash.replace(/^#/, '').split('/');
  if (first === 'attempt' && second) return { screen: 'attempt', attemptId: decodeURIComponent(second) };
  if (first === 'scenario' && second)
    return { screen: 'new-attempt', scenarioId: decodeURIComponent(second) };
  return { screen: 'home' };
}

export function hrefFor(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'attempt':
      return `#/attempt/${encodeURIComponent(route.attemptId)}`;
    case 'new-attempt':
      return `#/scenario/${encodeURIComponent(route.scenarioId)}`;
  }
}

export function navigate(route: Route, { replace = false } = {}): void {
  if (replace) window.location.replace(hrefFor(route));
  else window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
