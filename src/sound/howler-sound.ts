/*
 * The sound adapter over howler. Caller lines are Ogg Opus with an MP3 fallback; captions come from each
 * line's WebVTT file, shown in time with the playing sound. If a sound cannot play (blocked, missing,
 * unsupported), its captions still run on their own timing so the trainee loses nothing. A call loads the
 * list of its own scenario's files only (audio/<id>/urls.ts, a chunk per scenario), so what a call needs
 * before its first line stays the same size however many scenarios there are.
 */
import { Howl, Howler } from 'howler';
import { parseWebVtt, type Cue } from '../captions/webvtt.ts';
import type { Caption, PlayRecord, SoundAdapter, SpokenLine } from './sound.ts';

/** A scenario's files by name ('./opening.ogg'), resolved to their built URLs. */
type FileUrls = Readonly<Record<string, string>>;

// Each scenario's list, a chunk of its own, loaded when a call of that scenario creates its sound.
const scenarioFiles = import.meta.glob<FileUrls>('/audio/*/urls.ts', { import: 'default' });
// The ringing every call shares: two names, known from the start.
const sharedFiles = import.meta.glob<string>('/audio/shared/*.{ogg,mp3}', {
  eager: true,
  query: '?url&no-inline',
  import: 'default',
});

const CAPTION_POLL_MS = 100;

const present = (urls: (string | undefined)[]) => urls.filter((url): url is string => !!url);

/**
 * Plays a sound once it has loaded and returns how to let it go. Howler cannot be stopped or unloaded
 * safely while it is still loading (its deferred start would then run on an unloaded sound), so a sound
 * let go early is unloaded when it has loaded, without ever starting. A started one is stopped and only
 * unloaded once howler reports it stopped: after 30 s of silence howler suspends the audio context and
 * holds the next start until the context resumes, queueing any stop behind that start, and unloading in
 * between would leave the held start to run on a sound with no audio node.
 */
function playWhenLoaded(howl: Howl): () => void {
  let released = false;
  const start = () => {
    if (released) howl.unload();
    else howl.play();
  };
  if (howl.state() === 'loaded') start();
  else howl.once('load', start);
  return () => {
    if (released) return;
    released = true;
    if (howl.state() !== 'loaded') return;
    // Unloading waits a turn as well: this may run inside howler's own 'end' handling.
    howl.once('stop', () => setTimeout(() => howl.unload(), 0));
    howl.stop();
  };
}

export function createHowlerSound(scenarioId: string): SoundAdapter {
  /** The scenario's files; null until the list has loaded, and lines said or prepared before then wait. */
  let files: FileUrls | null = null;
  const played: PlayRecord[] = [];
  const listeners = new Set<(caption: Caption | null) => void>();
  const queue: SpokenLine[] = [];
  interface Playing {
    /** Lets the line's sound go; null once it has none (finished, or fell back to timed captions). */
    release: (() => void) | null;
    poll: ReturnType<typeof setInterval> | null;
  }
  let current: Playing | null = null;
  let releaseRinging: (() => void) | null = null;
  /** Lines loaded ahead (see prepare), each used once and then loaded afresh while still wanted. */
  interface Ready {
    howl: Howl | null;
    cues: Promise<Cue[] | null>;
    failed: boolean;
  }
  const ready = new Map<string, Ready>();
  let wanted = new Set<string>();

  const emit = (caption: Caption | null) => listeners.forEach((listener) => listener(caption));
  const record = (cue: string) =>
    played.push({ cue, audioState: Howler.ctx?.state ?? 'unavailable', atMs: performance.now() });

  /** A line's timed captions, or null if they cannot be had (its text is then shown for a while). */
  async function cuesFor(id: string): Promise<Cue[] | null> {
    const url = files?.[`./${id}.vtt`];
    try {
      if (!url) throw new Error('no captions');
      const response = await fetch(url);
      return parseWebVtt(await response.text());
    } catch {
      return null;
    }
  }

  function load(id: string): Ready {
    const sources = present([files?.[`./${id}.ogg`], files?.[`./${id}.mp3`]]);
    const entry: Ready = {
      howl: sources.length > 0 ? new Howl({ src: sources, format: ['ogg', 'mp3'], preload: true }) : null,
      cues: cuesFor(id),
      failed: false,
    };
    entry.howl?.once('loaderror', () => (entry.failed = true));
    return entry;
  }

  /** A prepared line for playing now (loading it afresh for next time), or one loaded on the spot. */
  function take(line: SpokenLine): Ready {
    const entry = ready.get(line.id);
    ready.delete(line.id);
    if (wanted.has(line.id)) ready.set(line.id, load(line.id));
    // A line that failed to load ahead gets a second chance now, as it would have without preloading.
    return entry && !entry.failed ? entry : load(line.id);
  }

  const unrecorded: Ready = { howl: null, cues: Promise.resolve(null), failed: false };

  /** Lets go of a prepared line that was never played: unloaded once loaded, never mid-load. */
  function discard(entry: Ready): void {
    const howl = entry.howl;
    if (!howl) return;
    if (howl.state() === 'loaded') howl.unload();
    else howl.once('load', () => howl.unload());
  }

  function stopCurrent(): void {
    if (current?.poll) clearInterval(current.poll);
    current?.release?.();
    current = null;
  }

  function finish(): void {
    stopCurrent();
    emit(null);
    void playNext();
  }

  function loadWanted(): void {
    if (files) for (const id of wanted) if (!ready.has(id)) ready.set(id, load(id));
  }

  async function playNext(): Promise<void> {
    // A line said while another is still playing, or before the file list has loaded, waits in the queue.
    if (current || !files) return;
    const line = queue.shift();
    if (!line) return;
    const slot: Playing = { release: null, poll: null };
    current = slot;
    const prepared = line.captionsOnly ? unrecorded : take(line);
    const cues = (await prepared.cues) ?? [
      { start: 0, end: Math.max(2, line.text.length / 14), text: line.text },
    ];
    if ((current as Playing | null) !== slot) return;
    const startedMs = performance.now();
    let position = () => (performance.now() - startedMs) / 1000;
    const showCaption = () => {
      const at = position();
      const cue =
        cues.find((c) => at >= c.start && at < c.end) ?? (at < (cues[0]?.start ?? 0) ? null : cues.at(-1));
      emit(cue ? { line: line.id, who: line.who, text: cue.text } : null);
      if (!slot.release && at >= (cues.at(-1)?.end ?? 0)) finish();
    };
    const howl = prepared.failed ? null : prepared.howl;
    if (howl) {
      howl.on('play', () => {
        // A start howler held back may run after the line was let go; that is not the line being heard.
        if (current !== slot) return;
        record(line.id);
        position = () => Number(howl.seek()) || 0;
      });
      howl.on('end', finish);
      const fallBackToTimedCaptions = () => {
        slot.release?.();
        slot.release = null;
      };
      howl.on('loaderror', fallBackToTimedCaptions);
      howl.on('playerror', fallBackToTimedCaptions);
      slot.release = playWhenLoaded(howl);
    }
    slot.poll = setInterval(showCaption, CAPTION_POLL_MS);
    showCaption();
  }

  // Without a list (no audio made yet, or its chunk failed to load) every line is heard as timed captions.
  const listed = scenarioFiles[`/audio/${scenarioId}/urls.ts`]?.() ?? Promise.resolve({});
  listed
    .catch((): FileUrls => ({}))
    .then((loaded) => {
      files = loaded;
      loadWanted();
      return playNext();
    });

  return {
    played,
    startRinging() {
      if (releaseRinging) return;
      const sources = present([
        sharedFiles['/audio/shared/ringing.ogg'],
        sharedFiles['/audio/shared/ringing.mp3'],
      ]);
      if (sources.length === 0) return;
      const ringing = new Howl({ src: sources, format: ['ogg', 'mp3'], loop: true });
      const release = playWhenLoaded(ringing);
      ringing.on('play', () => {
        if (releaseRinging === release) record('ringing');
      });
      releaseRinging = release;
    },
    stopRinging() {
      releaseRinging?.();
      releaseRinging = null;
    },
    say(lines) {
      queue.push(...lines);
      void playNext();
    },
    prepare(lineIds) {
      wanted = new Set(lineIds);
      for (const [id, entry] of ready) {
        if (wanted.has(id)) continue;
        ready.delete(id);
        discard(entry);
      }
      loadWanted();
    },
    stopAll() {
      queue.length = 0;
      this.stopRinging();
      stopCurrent();
      emit(null);
    },
    onCaption(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
