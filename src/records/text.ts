/** Control, line-separator and direction-override characters, which could forge or hide text. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A name as a bundle will accept it: one line, unsafe characters dropped, at most 120 characters. */
export function cleanName(name: string): string {
  return name.replace(UNSAFE_CHARACTERS_GLOBAL, ' ').replace(/\s+/g, ' ').trim().slice(0, 120).trim();
}

/** A name folded for matching: one person, however the name was typed. */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
