/*
 * Searches as a call handler makes them: what was typed (a name, an address or postcode, a phone number,
 * a registration) against the real identifiers of the scenario's subjects, the way police systems are
 * searched. Names forgive a misspelling and an initial; numbers, postcodes and plates forgive spacing and
 * case but not a wrong digit or letter; anything else is "no trace", as a real system would say. The
 * subject found is recorded with the search, so replay never searches again.
 */
import type { Subject } from './scenario-format.ts';
import { editDistance, editsAllowed } from './intents.ts';
import { SYSTEM_SUBJECT_KINDS, type CheckSystem } from './vocabulary.ts';

export type IdentifierForm = 'phone' | 'registration' | 'postcode' | 'address' | 'name';

const POSTCODE = /^[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}$/i;
const REGISTRATION = /^[a-z]{2}\d{2}\s*[a-z]{3}$/i;
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
/** Street types and their short forms: "Rd" is "Road". */
const STREET_TYPES: Record<string, string> = {
  road: 'road',
  rd: 'road',
  street: 'street',
  st: 'street',
  close: 'close',
  cl: 'close',
  lane: 'lane',
  ln: 'lane',
  avenue: 'avenue',
  ave: 'avenue',
  av: 'avenue',
  court: 'court',
  ct: 'court',
  grove: 'grove',
  gr: 'grove',
  drive: 'drive',
  dr: 'drive',
  place: 'place',
  pl: 'place',
  crescent: 'crescent',
  cres: 'crescent',
  way: 'way',
  walk: 'walk',
  square: 'square',
  sq: 'square',
  terrace: 'terrace',
  tce: 'terrace',
  gardens: 'gardens',
  gdns: 'gardens',
};
/** Words in an address that say what kind of place it is, not which one. */
const PLACE_WORDS = new Set([
  'flat',
  'apartment',
  'apt',
  'unit',
  'house',
  'the',
  'off',
  'near',
  'junction',
  'with',
  'of',
  'and',
]);

const digitsOf = (text: string) => text.replace(/\D/g, '').replace(/^44(?=\d{10}$)/, '0');
const compact = (text: string) => text.replace(/[^a-z0-9]/gi, '').toUpperCase();
const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]+(?:[-'][a-z]+)*|\d+[a-z]?/g) ?? [];

export function formOf(text: string): IdentifierForm {
  const trimmed = text.trim();
  if (/^\+?[\d\s()-]{7,}$/.test(trimmed) && digitsOf(trimmed).length >= 7) return 'phone';
  if (POSTCODE.test(trimmed)) return 'postcode';
  if (REGISTRATION.test(trimmed)) return 'registration';
  if (/\d/.test(trimmed) || wordsOf(trimmed).some((word) => word in STREET_TYPES)) return 'address';
  return 'name';
}

/** Near enough to be the same word mistyped: one edit (even in a short name like "Ash"), two in a long word. */
function alike(typed: string, known: string): boolean {
  if (typed === known) return true;
  const allowed = known.length >= 3 ? Math.max(1, editsAllowed(known.length)) : 0;
  return editDistance(typed, known, allowed) <= allowed;
}

/** A person's name: forename (or its initial) and surname, misspellings forgiven; middle names optional. */
function nameMatches(query: string, name: string): boolean {
  const typed = wordsOf(query).filter((word) => !TITLES.has(word));
  const known = wordsOf(name);
  const forename = known[0];
  const surname = known.at(-1);
  if (!forename || !surname || known.length < 2 || typed.length < 2) return false;
  const typedSurname = typed.at(-1) ?? '';
  const typedForename = typed[0] ?? '';
  const forenameOk =
    alike(typedForename, forename) || (typedForename.length === 1 && typedForename === forename[0]);
  const middles = typed.slice(1, -1);
  return (
    forenameOk &&
    alike(typedSurname, surname) &&
    middles.every((word) => known.slice(1, -1).some((middle) => alike(word, middle)))
  );
}

/**
 * An address: every number typed is one of its numbers, its building number is typed, and the words
 * that name the street or place are there (mistyped or not). "14 Alder Cl" finds "14 Alder Close";
 * "41 Alder Close" and "14 Alder Road" find nothing.
 */
function addressMatches(query: string, address: string): boolean {
  const typed = wordsOf(query).map((word) => STREET_TYPES[word] ?? word);
  const typedNumbers = typed.filter((word) => /^\d/.test(word));
  const typedWords = typed.filter((word) => !/^\d/.test(word));
  const parts = address.split(',').map((part) => wordsOf(part).map((word) => STREET_TYPES[word] ?? word));
  const numbers = parts.flat().filter((word) => /^\d/.test(word));
  if (typedNumbers.some((n) => !numbers.includes(n))) return false;
  // The part that names the place: the one with the most naming words.
  const naming = (part: string[]) => part.filter((word) => !/^\d/.test(word) && !PLACE_WORDS.has(word));
  const place = [...parts].sort((a, b) => naming(b).length - naming(a).length)[0] ?? [];
  const building = place.find((word) => /^\d/.test(word));
  if (building !== undefined && !typedNumbers.includes(building)) return false;
  const types = new Set(Object.values(STREET_TYPES));
  const placeWords = naming(place);
  if (placeWords.length === 0) return false;
  const typedType = typedWords.find((word) => types.has(word));
  const knownType = placeWords.find((word) => types.has(word));
  if (typedType && knownType && typedType !== knownType) return false;
  return placeWords
    .filter((word) => !types.has(word))
    .every((word) => typedWords.some((typedWord) => alike(typedWord, word)));
}

function identifierMatches(query: string, identifier: string): boolean {
  const form = formOf(identifier);
  switch (form) {
    case 'phone':
      return digitsOf(query).length >= 7 && digitsOf(query) === digitsOf(identifier);
    case 'registration':
    case 'postcode':
      return compact(query) === compact(identifier);
    case 'address':
      return formOf(query) !== 'phone' && addressMatches(query, identifier);
    case 'name':
      return formOf(query) === 'name' && nameMatches(query, identifier);
  }
}

/** The subject a search on this system finds from what was typed, or null for no trace. */
export function findSubject(subjects: readonly Subject[], system: CheckSystem, query: string): string | null {
  if (query.trim() === '') return null;
  const searchable = subjects.filter((subject) => SYSTEM_SUBJECT_KINDS[system].includes(subject.kind));
  const exact = searchable.find((subject) =>
    subject.identifiers.some((identifier) => compact(identifier) === compact(query)),
  );
  if (exact) return exact.id;
  return (
    searchable.find((subject) =>
      subject.identifiers.some((identifier) => identifierMatches(query, identifier)),
    )?.id ?? null
  );
}
