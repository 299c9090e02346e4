import { describe, expect, it } from 'vitest';
import { captionCues, formatWebVtt, parseWebVtt } from '../../src/captions/webvtt.ts';
import { containsQuote, matches, wordCount } from '../../machines/text.ts';
import { fakeMatcher } from '../fixtures/builders.ts';

describe('reading what trainees type', () => {
  it.each([
    ['Caller said “a bit of a domestic violence case last year”.', true],
    ['a  bit of a Domestic Violence case, last year', true],
    ['a bit of domestic violence last year', false],
  ])('finds the exact words in %j: %s', (text, found) => {
    expect(containsQuote(text, 'a bit of a domestic violence case last year')).toBe(found);
  });

  it('matches case-insensitively, across curly quotes', () => {
    const matcher = fakeMatcher(["he'd kill"]);
    expect(matches(matcher, 'HE’D KILL her')).toBe(true);
    expect(matches(matcher, 'he would harm')).toBe(false);
  });

  it.each([
    ['', 0],
    ['one', 1],
    ['Ex-husband at the door, banging!', 5],
  ])('counts words in %j', (text, count) => {
    expect(wordCount(text)).toBe(count);
  });
});

describe('WebVTT captions', () => {
  it('splits a line into sentence cues that cover the audio and read back the same', () => {
    const cues = captionCues("[Banging] He's still going. He's shouting my name.", 4);
    expect(cues.map((c) => c.text)).toEqual(["[Banging] He's still going.", "He's shouting my name."]);
    expect(cues[0]?.start).toBe(0);
    expect(cues.at(-1)?.end).toBe(4);
    expect(parseWebVtt(formatWebVtt(cues))).toEqual(cues);
  });

  it('refuses a file that is not WebVTT, naming the line', () => {
    expect(() => parseWebVtt('hello')).toThrow(/line 1/);
    expect(() => parseWebVtt('WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nBackwards')).toThrow(
      /line 3: bad cue timing/,
    );
  });
});
