/*
 * What the app needs from sound: ring, say the caller's lines one after another with timed captions,
 * stop. The howler implementation lives in howler-sound.ts; nothing else imports howler.
 */
export interface SpokenLine {
  id: string;
  /** Who is speaking, as the caption shows it: "Caller", "Taxi firm". */
  who: string;
  text: string;
  /** No recording says these words (a line of a kept earlier version): heard as timed captions only. */
  captionsOnly?: boolean;
}

export interface Caption {
  line: string;
  who: string;
  text: string;
}

/** A sound that started, kept so supervisors' tools and tests can see what was heard. */
export interface PlayRecord {
  cue: string;
  /** The Web Audio context's state when it started ('running' means it was audible). */
  audioState: string;
  /** When it started, on the page's performance clock (bench measures questions to answers with it). */
  atMs: number;
}

export interface SoundAdapter {
  startRinging(): void;
  stopRinging(): void;
  /** Queues lines to be heard in order after anything still playing. */
  say(lines: readonly SpokenLine[]): void;
  /**
   * Loads these lines (audio and captions) ahead of time, so an answer starts the moment it is due
   * rather than after a download; lines prepared earlier and not listed now are let go.
   */
  prepare(lineIds: readonly string[]): void;
  stopAll(): void;
  onCaption(listener: (caption: Caption | null) => void): () => void;
  readonly played: readonly PlayRecord[];
}
