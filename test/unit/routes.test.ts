import { expect, it } from 'vitest';
import { hrefFor, parseRoute, type Route } from '../../src/ui/routes.ts';

it.each<Route>([
  { screen: 'home' },
  { screen: 'attempt', attemptId: 'a/b c' },
  { screen: 'new-attempt', scenarioId: 'ltl41-02' },
  { screen: 'supervise' },
  { screen: 'cohort' },
  { screen: 'review', attemptId: 'x-1' },
  { screen: 'review', attemptId: 'x-1', position: 0 },
  { screen: 'review', attemptId: 'x-1', position: 37 },
  { screen: 'reference', scenarioId: 'ltl41-02', kind: 'historical', position: 12 },
  { screen: 'reference', scenarioId: 'ltl41-02', kind: 'model' },
  { screen: 'calibrate', attemptId: 'x-1' },
  { screen: 'report', traineeId: 't-1' },
])('the address of %j leads back to it', (route) => {
  expect(parseRoute(hrefFor(route))).toEqual(route);
});

it('ignores a position that is not a whole number, and unknown addresses', () => {
  expect(parseRoute('#/review/x-1/-3')).toEqual({ screen: 'review', attemptId: 'x-1' });
  expect(parseRoute('#/reference/ltl41-02/imagined/4')).toEqual({ screen: 'home' });
  expect(parseRoute('#/nowhere')).toEqual({ screen: 'home' });
});
