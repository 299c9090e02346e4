/*
 * What a trainee has typed or done but not yet stored, kept per attempt so a reload, a closed tab or a
 * crash gives it back: text typed into a field and not yet added (a draft), and clicks whose event was
 * still being written when the page went (in flight), so the trainee can be told which did not save.
 *
 * Kept in localStorage, not in the attempt's IndexedDB: it is written synchronously as each key is
 * typed, and it has its own quota, so the drafts outlive the full disk that refused the click.
 */
import { useCallback } from 'react';
import type { AttemptEvent } from '../../../machines/events.ts';
import type { AttemptEntry } from '../../engine/attempt.ts';
import { readLocal, removeLocal, writeLocal } from '../local-store.ts';
import { useSentField } from '../use-sent-field.ts';
import type { PanelProps } from './live-attempt.ts';

/** A click being stored: its event, and how many events the attempt had stored when it was made. */
export interface InFlight {
  event: AttemptEvent;
  storedBefore: number;
}

interface Kept {
  fields: Record<string, string>;
  inFlight: InFlight[];
}

const keyFor = (attemptId: string) => `drafts.${attemptId}`;

function load(attemptId: string): Kept {
  try {
    const kept = JSON.parse(readLocal(keyFor(attemptId)) ?? '') as Partial<Kept>;
    return { fields: kept.fields ?? {}, inFlight: kept.inFlight ?? [] };
  } catch {
    return { fields: {}, inFlight: [] };
  }
}

function change(attemptId: string, edit: (kept: Kept) => void): void {
  const kept = load(attemptId);
  edit(kept);
  if (Object.keys(kept.fields).length === 0 && kept.inFlight.length === 0) removeLocal(keyFor(attemptId));
  else writeLocal(keyFor(attemptId), JSON.stringify(kept));
}

/** The draft kept for a field of an attempt, if any. */
export const keptDraft = (attemptId: string, field: string): string | undefined =>
  load(attemptId).fields[field];

/** Keeps a field's draft; a draft that is the field's `initial` value is forgotten. */
export function keepDraft(attemptId: string, field: string, text: string, initial = ''): void {
  change(attemptId, (kept) => {
    const { [field]: _forgotten, ...others } = kept.fields;
    kept.fields = text === initial ? others : { ...others, [field]: text };
  });
}

/**
 * A text field's value, kept for the attempt as it is typed and given back when the page is opened
 * again. `field` names the field within the attempt (with the call it belongs to); `initial` is the value
 * when nothing was kept. The third member empties the field once what was sent from it is stored
 * (useSentField).
 */
export function useDraft(
  attemptId: string,
  field: string,
  initial = '',
): [string, (text: string) => void, (sent: string) => void] {
  const keep = useCallback(
    (text: string) => keepDraft(attemptId, field, text, initial),
    [attemptId, field, initial],
  );
  return useSentField(() => keptDraft(attemptId, field) ?? initial, keep);
}

/** Notes a click whose event is being stored; the returned function forgets it once storing settles. */
export function noteInFlight(attemptId: string, inFlight: InFlight): () => void {
  change(attemptId, (kept) => void kept.inFlight.push(inFlight));
  const same = JSON.stringify(inFlight);
  return () =>
    change(attemptId, (kept) => {
      const at = kept.inFlight.findIndex((other) => JSON.stringify(other) === same);
      if (at >= 0) kept.inFlight.splice(at, 1);
    });
}

/** An event as stored, without the times the session stamped on it. */
function eventOf(entry: AttemptEntry): string {
  const { at: _at, wall: _wall, ...event } = entry;
  return JSON.stringify(event);
}

/**
 * The clicks that were still being stored when the page went and are not in the stored log: each is
 * looked for among the events stored after the click was made.
 */
export function unsavedClicks(
  inFlight: readonly InFlight[],
  stored: readonly AttemptEntry[],
): AttemptEvent[] {
  return inFlight
    .filter(({ event, storedBefore }) => {
      const wanted = JSON.stringify(event);
      return !stored.slice(storedBefore).some((entry) => eventOf(entry) === wanted);
    })
    .map(({ event }) => event);
}

/** Takes the attempt's in-flight clicks that did not save before the page went (and forgets them all). */
export function takeUnsavedClicks(attemptId: string, stored: readonly AttemptEntry[]): AttemptEvent[] {
  const { inFlight } = load(attemptId);
  if (inFlight.length === 0) return [];
  change(attemptId, (kept) => void (kept.inFlight = []));
  return unsavedClicks(inFlight, stored);
}

/** Forgets everything kept for an attempt: its debrief is reached, or it is deleted. */
export function forgetDrafts(attemptId: string): void {
  removeLocal(keyFor(attemptId));
}

/** A draft of one of a call's fields, kept per call too: the next call of the attempt starts its own. */
export function useCallDraft(
  { live, phase }: Pick<PanelProps, 'live' | 'phase'>,
  name: string,
  initial = '',
): [string, (text: string) => void, (sent: string) => void] {
  return useDraft(live.record.id, `${phase}.${name}`, initial);
}
