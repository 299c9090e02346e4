/*
 * Reading what trainees type: matchers for facts and risk factors, exact-words quotes, word counts.
 * Typing is forgiving (case, curly quotes, spacing); meaning is not.
 */
import type { Matcher } from './scenario-format.ts';

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const compiled = new WeakMap<Matcher, RegExp[]>();

function patternsOf(matcher: Matcher): RegExp[] {
  let patterns = compiled.get(matcher);
  if (!patterns) {
    patterns = matcher.patterns.map((pattern) => new RegExp(pattern, 'i'));
    compiled.set(matcher, patterns);
  }
  return patterns;
}

export function matches(matcher: Matcher, text: string): boolean {
  const normalised = normalise(text);
  return patternsOf(matcher).some((pattern) => pattern.test(normalised));
}

/** Words only (hyphenated words stay whole), so punctuation and quotation marks do not matter. */
function words(text: string): string {
  return normalise(text)
    .replace(/[^a-z0-9'\- ]+|(?<![a-z0-9])-|-(?![a-z0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function containsQuote(text: string, quote: string): boolean {
  return ` ${words(text)} `.includes(` ${words(quote)} `);
}

export function wordCount(text: string): number {
  const trimmed = words(text);
  return trimmed === '' ? 0 : trimmed.split(' ').length;
}
