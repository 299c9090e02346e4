import { describe, expect, it } from 'vitest';
import type { Subject } from '../../machines/scenario-format.ts';
import { findSubject, formOf } from '../../machines/search.ts';

const subjects: Subject[] = [
  { id: 'caller', kind: 'person', label: 'the caller', identifiers: ['Amanda Ash'] },
  { id: 'ex', kind: 'person', label: 'her ex-husband', identifiers: ['Carl Ash'] },
  { id: 'home', kind: 'address', label: 'her home', identifiers: ['Flat 4, 27 Moor Lane', 'WF1 2AB'] },
  { id: 'mobile', kind: 'phone', label: 'her mobile', identifiers: ['07700 900461'] },
  { id: 'car', kind: 'vehicle', label: 'his car', identifiers: ['BD61 XQT'] },
  {
    id: 'user',
    kind: 'person',
    label: 'whoever has the number',
    identifiers: ['Lee Brannigan', '07700 900582'],
  },
];

describe('searches by real identifiers', () => {
  it.each([
    ['local-intelligence', 'Carl Ash', 'ex'],
    ['local-intelligence', 'carl ash', 'ex'],
    ['local-intelligence', 'Karl Ash', 'ex'],
    ['local-intelligence', 'C Ash', 'ex'],
    ['local-intelligence', 'Mrs Amanda Ash', 'caller'],
    ['local-intelligence', 'Amanda Asch', 'caller'],
    ['address-markers', '27 Moor Lane, flat 4', 'home'],
    ['address-markers', '27 moor ln', 'home'],
    ['address-markers', 'wf12ab', 'home'],
    ['caller-history', '07700900461', 'mobile'],
    ['caller-history', '+44 7700 900461', 'mobile'],
    ['pnc', 'bd61xqt', 'car'],
    ['local-intelligence', '07700 900582', 'user'],
  ] as const)('a %s search for %j finds %s', (system, query, found) => {
    expect(findSubject(subjects, system, query)).toBe(found);
  });

  it.each([
    ['local-intelligence', 'Carl'],
    ['local-intelligence', 'Ash'],
    ['local-intelligence', 'Carl Smith'],
    ['address-markers', '72 Moor Lane'],
    ['address-markers', '27 Moor Road'],
    ['caller-history', '07700 900462'],
    ['pnc', 'BD61 XQZ'],
    ['pnc', '14 Moor Lane'],
    ['address-markers', 'Carl Ash'],
    ['caller-history', ''],
  ] as const)('a %s search for %j is no trace', (system, query) => {
    expect(findSubject(subjects, system, query)).toBeNull();
  });

  it('tells what kind of identifier was typed', () => {
    expect(['07700 900461', 'WF1 2AB', 'BD61 XQT', '14 Alder Close', 'Carl Ash'].map(formOf)).toEqual([
      'phone',
      'postcode',
      'registration',
      'address',
      'name',
    ]);
  });
});
