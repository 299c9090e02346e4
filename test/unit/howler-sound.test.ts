/*
 * The howler adapter against a stand-in for howler that keeps the parts of howler 2.2.4's behaviour the
 * adapter depends on: events are emitted a turn later; while the audio context is suspended a start is
 * held until it resumes and a stop is queued behind it; a held start run after unload fails the way
 * howler's does (it reaches for an audio node unload deleted). A CI run failed on exactly that sequence.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const howler = vi.hoisted(() => {
  type Listener = () => void;
  const context = { suspended: false, heldStarts: [] as (() => void)[] };

  class FakeHowl {
    static all: FakeHowl[] = [];
    static loadMs = 0;
    private loaded = false;
    private unloaded = false;
    private hasNode = true;
    private playing = false;
    private queued: (() => void)[] = [];
    private listeners = new Map<string, { listener: Listener; once: boolean }[]>();
    readonly calls: string[] = [];

    constructor(readonly options: { src: string[] }) {
      FakeHowl.all.push(this);
      setTimeout(() => {
        this.loaded = true;
        this.emit('load');
      }, FakeHowl.loadMs);
    }
    state() {
      return this.unloaded ? 'unloaded' : this.loaded ? 'loaded' : 'loading';
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: false }]);
    }
    once(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: true }]);
    }
    play() {
      this.calls.push('play');
      const start = () => {
        if (!this.hasNode) throw new TypeError("Cannot set properties of undefined (setting 'bufferSource')");
        this.playing = true;
        setTimeout(() => {
          this.emit('play');
          this.queued.splice(0).forEach((action) => action());
        }, 0);
      };
      if (context.suspended) context.heldStarts.push(start);
      else start();
    }
    stop() {
      if (context.suspended && !this.playing && this.calls.includes('play')) {
        this.queued.push(() => this.stop());
        return;
      }
      this.calls.push('stop');
      this.playing = false;
      setTimeout(() => this.emit('stop'), 0);
    }
    unload() {
      this.calls.push('unload');
      this.unloaded = true;
      this.hasNode = false;
    }
    seek() {
      return 0;
    }
    /** The sound plays to its end, as howler reports it. */
    end() {
      this.playing = false;
      this.emit('end');
    }
    private emit(event: string) {
      const listeners = this.listeners.get(event) ?? [];
      this.listeners.set(
        event,
        listeners.filter((l) => !l.once),
      );
      listeners.forEach(({ listener }) => listener());
    }
  }

  return {
    FakeHowl,
    context,
    resume() {
      context.suspended = false;
      const held = context.heldStarts.splice(0);
      held.forEach((start) => setTimeout(start, 0));
    },
  };
});

vi.mock('howler', () => ({ Howl: howler.FakeHowl, Howler: { ctx: { state: 'running' } } }));

const { createHowlerSound } = await import('../../src/sound/howler-sound.ts');

const line = { id: 'ack-do-not-open-door', who: 'Caller', text: 'Okay, I will not open the door.' };

/** The adapter for case 2, once it has loaded the list of that scenario's files. */
async function case2Sound() {
  const sound = createHowlerSound('ltl41-02');
  await vi.dynamicImportSettled();
  return sound;
}

describe('the howler sound adapter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('WEBVTT\n\n00:00.000 --> 00:02.000\nOkay, I will not open the door.\n')),
    );
    howler.FakeHowl.all = [];
    howler.FakeHowl.loadMs = 0;
    howler.context.suspended = false;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('plays a line, captions it and records it as heard', async () => {
    const sound = await case2Sound();
    const captions: (string | null)[] = [];
    sound.onCaption((caption) => captions.push(caption?.text ?? null));
    sound.say([line]);
    await vi.advanceTimersByTimeAsync(50);
    expect(howler.FakeHowl.all[0]?.calls).toEqual(['play']);
    expect(sound.played.map((p) => p.cue)).toEqual([line.id]);
    expect(captions).toContain(line.text);
  });

  it('shows a line no recording says (a kept earlier version’s) as its own words, without playing a sound', async () => {
    const sound = await case2Sound();
    const captions: (string | null)[] = [];
    sound.onCaption((caption) => captions.push(caption?.text ?? null));
    const saidThen = { ...line, text: 'Right, I won’t open it.', captionsOnly: true };
    sound.say([saidThen, line]);
    await vi.advanceTimersByTimeAsync(50);
    expect(howler.FakeHowl.all).toHaveLength(0);
    expect(captions).toContain(saidThen.text);
    expect(captions).not.toContain(line.text);
    // Its captions run on their own timing, then the next line is heard from its recording.
    await vi.advanceTimersByTimeAsync(3000);
    expect(howler.FakeHowl.all[0]?.calls).toEqual(['play']);
    expect(sound.played.map((p) => p.cue)).toEqual([line.id]);
    expect(captions).toContain(line.text);
  });

  it('holds a line said before the scenario’s file list has loaded, then plays it from that list', async () => {
    const sound = createHowlerSound('ltl41-02');
    sound.say([line]);
    expect(howler.FakeHowl.all).toHaveLength(0);
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(50);
    expect(howler.FakeHowl.all[0]?.options.src[0]).toMatch(/\/ltl41-02\/ack-do-not-open-door\.ogg/);
    expect(sound.played.map((p) => p.cue)).toEqual([line.id]);
  });

  it('lets go of a line whose start howler is holding without running that start on an unloaded sound', async () => {
    const sound = await case2Sound();
    howler.context.suspended = true;
    sound.say([line]);
    await vi.advanceTimersByTimeAsync(50);
    const howl = howler.FakeHowl.all[0];
    expect(howl?.calls).toEqual(['play']);

    sound.stopAll();
    await vi.advanceTimersByTimeAsync(50);
    expect(howl?.calls).toEqual(['play']);

    howler.resume();
    await vi.advanceTimersByTimeAsync(50);
    expect(howl?.calls).toEqual(['play', 'stop', 'unload']);
    expect(sound.played).toEqual([]);
  });

  it('unloads a line let go before it loaded, without starting it', async () => {
    howler.FakeHowl.loadMs = 20;
    const sound = await case2Sound();
    sound.say([line]);
    await vi.advanceTimersByTimeAsync(5);
    expect(howler.FakeHowl.all[0]?.state()).toBe('loading');
    sound.stopAll();
    await vi.advanceTimersByTimeAsync(50);
    expect(howler.FakeHowl.all[0]?.calls).toEqual(['unload']);
    expect(sound.played).toEqual([]);
  });

  it('plays a prepared line with the sound already loaded, loads it again for next time, and lets go of lines no longer wanted', async () => {
    howler.FakeHowl.loadMs = 20;
    const sound = await case2Sound();
    sound.prepare([line.id, 'ack-lock-doors']);
    await vi.advanceTimersByTimeAsync(50);
    expect(howler.FakeHowl.all.map((h) => h.state())).toEqual(['loaded', 'loaded']);
    const [prepared, other] = howler.FakeHowl.all;

    sound.say([line]);
    await vi.advanceTimersByTimeAsync(1);
    expect(prepared?.calls).toEqual(['play']);
    expect(howler.FakeHowl.all).toHaveLength(3);

    sound.prepare([line.id]);
    expect(other?.calls).toEqual(['unload']);
  });

  it('keeps a line said while another is playing, and plays it when that one ends', async () => {
    const sound = await case2Sound();
    const next = { id: 'ack-lock-doors', who: 'Caller', text: 'It is locked.' };
    sound.say([line]);
    await vi.advanceTimersByTimeAsync(50);
    sound.say([next]);
    await vi.advanceTimersByTimeAsync(50);
    expect(sound.played.map((p) => p.cue)).toEqual([line.id]);
    howler.FakeHowl.all[0]?.end();
    await vi.advanceTimersByTimeAsync(50);
    expect(sound.played.map((p) => p.cue)).toEqual([line.id, next.id]);
  });
});
