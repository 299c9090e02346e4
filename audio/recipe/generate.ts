/*
 * npm run audio
 * Makes every scenario's caller speech and sound effects from the scripts: espeak-ng for the voices,
 * sox for the 999 line (8 kHz, 300-3400 Hz, companding, a mu-law round trip, hiss) and for the effects,
 * ffmpeg for Ogg Opus (16 kb/s) and an MP3 fallback. Writes audio/<scenario>/<line>.{ogg,mp3,vtt}, a
 * manifest recording the text, voice, engine and licence of each file, the module listing the files for
 * the app (audio/<scenario>/urls.ts), and the shared effects in audio/shared; each line's length goes
 * back into its scenario.json (`audio.seconds`), because the call takes as long as what is said. The
 * results are committed, so the app never needs these tools; rerun after editing a script (the validator
 * names lines whose audio was made from different text).
 *
 * Needs Debian's espeak-ng, sox and ffmpeg: apt-get install -y espeak-ng sox ffmpeg
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue } from '../../scenarios/catalogue.ts';
import { isVoice } from '../../machines/call-machine.ts';
import type { Line } from '../../machines/scenario-format.ts';

type LineAudio = NonNullable<Line['audio']>;
import { captionCues, formatWebVtt } from '../../src/captions/webvtt.ts';
import { AUDIO_MANIFEST_VERSION, type AudioManifest } from '../../src/captions/audio-manifest.ts';

/** A voice in voices.json: an espeak-ng voice and variant, its speed and pitch, heard over a phone line or not. */
interface Voice {
  espeak: string;
  wordsPerMinute: number;
  pitch: number;
  phoneLine: boolean;
  description: string;
}

const VOICES = JSON.parse(readFileSync(new URL('./voices.json', import.meta.url), 'utf8')) as Record<
  string,
  Voice
>;

const ENGINE_LICENCE =
  'Speech synthesised with espeak-ng (GPL-3.0-or-later); effects with sox. The generated audio carries no licence restriction.';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'crt-audio-'));

/** sox in repeatable mode (a fixed noise seed), so regenerating unchanged lines gives the same files. */
function run(command: string, args: string[]): string {
  const repeatable = command === 'sox' ? ['-R', ...args] : args;
  return execFileSync(command, repeatable, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function duration(file: string): number {
  return Number(run('soxi', ['-D', file]).trim());
}

/** Silence of the given length, at the speech sample rate. */
function silence(name: string, seconds: number, rate = 16000): string {
  const file = join(work, name);
  run('sox', ['-n', '-r', String(rate), '-c', '1', file, 'trim', '0', String(seconds)]);
  return file;
}

/** A few dull thuds on a front door. */
function doorBanging(out: string, knocks = 5): void {
  const thud = join(work, 'thud.wav');
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    thud,
    'synth',
    '0.14',
    'brownnoise',
    'lowpass',
    '1000',
    'fade',
    'q',
    '0.003',
    '0.14',
    '0.12',
    'gain',
    '12',
  ]);
  const gap = silence('gap.wav', 0.22);
  run('sox', [...Array.from({ length: knocks }, () => [thud, gap]).flat(), out]);
}

/** An entry-phone buzzer, twice. */
function doorBuzzer(out: string): void {
  const buzz = join(work, 'buzz.wav');
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    buzz,
    'synth',
    '0.7',
    'square',
    '180',
    'vol',
    '0.25',
    'lowpass',
    '1800',
    'fade',
    '0.01',
    '0.7',
    '0.02',
  ]);
  const gap = silence('buzzgap.wav', 0.3);
  run('sox', [buzz, gap, buzz, out]);
}

/**
 * Banging with a man's voice shouting through the door, muffled. He does not shout her name: in case 2 the
 * caller was not sure who was at the door, and the caption has her say she cannot make out what he shouts.
 */
function doorBangingShouting(out: string): void {
  const banging = join(work, 'banging.wav');
  doorBanging(banging, 7);
  const shout = join(work, 'shout.wav');
  run('espeak-ng', [
    '-v',
    'en-gb+m7',
    '-s',
    '150',
    '-p',
    '30',
    '-a',
    '200',
    '-w',
    join(work, 'shout-raw.wav'),
    'Open the door! Open this door!',
  ]);
  run('sox', [
    join(work, 'shout-raw.wav'),
    '-r',
    '16000',
    '-c',
    '1',
    shout,
    'lowpass',
    '700',
    'reverb',
    '30',
    'vol',
    '0.5',
    'pad',
    '0.4',
  ]);
  run('sox', ['-m', banging, shout, out]);
}

/** Water running into a bath, heard from the next room. */
function runningWater(out: string): void {
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    out,
    'synth',
    '2.5',
    'pinknoise',
    'highpass',
    '700',
    'lowpass',
    '4500',
    'tremolo',
    '9',
    '25',
    'vol',
    '0.35',
    'fade',
    '0.3',
    '2.5',
    '0.4',
  ]);
}

/** The murmur of a busy room (a hospital department, an office) behind the caller. */
function busyRoom(out: string): void {
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    out,
    'synth',
    '2.5',
    'brownnoise',
    'lowpass',
    '900',
    'tremolo',
    '3',
    '40',
    'vol',
    '0.3',
    'fade',
    '0.3',
    '2.5',
    '0.4',
  ]);
}

const EFFECTS: Record<string, (out: string) => void> = {
  'keypad-tones': (out) => keypad('28047', out),
  'keypad-55': (out) => keypad('55', out),
  cough,
  'open-line': openLine,
  'smoke-alarm': smokeAlarm,
  'running-water': runningWater,
  'busy-room': busyRoom,
  'door-banging': (out) => doorBanging(out),
  'door-buzzer': doorBuzzer,
  'door-banging-shouting': doorBangingShouting,
};

/** The sound of a mobile call into a 999 control room. */
function phoneLine(input: string, out: string): void {
  const narrow = join(work, 'narrow.wav');
  run('sox', [
    input,
    '-r',
    '8000',
    '-c',
    '1',
    narrow,
    'sinc',
    '300-3400',
    'compand',
    '0.02,0.20',
    '-60,-60,-30,-15,0,-6',
    '-3',
    '0',
    '0.1',
  ]);
  const mulaw = join(work, 'mulaw.wav');
  run('sox', [narrow, '-e', 'u-law', mulaw]);
  const clean = join(work, 'clean.wav');
  run('sox', [mulaw, '-e', 'signed-integer', '-b', '16', clean]);
  const hiss = join(work, 'hiss.wav');
  run('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    hiss,
    'synth',
    String(duration(clean)),
    'pinknoise',
    'vol',
    '0.012',
  ]);
  run('sox', ['-m', clean, hiss, out, 'gain', '-n', '-1']);
}

/** Ogg Opus at 16 kb/s for browsers, MP3 at 32 kb/s as the fallback. */
function encode(wav: string, base: string): void {
  const ffmpeg = (codec: string[], out: string) =>
    run('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-i',
      wav,
      '-ac',
      '1',
      ...codec,
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      out,
    ]);
  ffmpeg(['-c:a', 'libopus', '-b:a', '16k'], `${base}.ogg`);
  ffmpeg(['-ar', '16000', '-c:a', 'libmp3lame', '-b:a', '32k'], `${base}.mp3`);
}

/** What is said aloud: sound descriptions in square brackets are captions only. */
function spokenText(text: string): string {
  return text
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function makeLine(line: Line, audio: LineAudio, outDir: string): number {
  const voice = VOICES[audio.voice];
  if (!voice) throw new Error(`line ${line.id}: no voice "${audio.voice}" in audio/recipe/voices.json`);
  const words = audio.say ?? spokenText(line.text);
  let speech = join(work, 'speech.wav');
  if (words === '') {
    // A line that is only a sound ("[Smoke alarm sounding]"): the background is all there is.
    speech = silence('speech.wav', 0.3);
  } else {
    run('espeak-ng', [
      '-v',
      voice.espeak,
      '-s',
      String(voice.wordsPerMinute),
      '-p',
      String(voice.pitch),
      '-w',
      join(work, 'raw.wav'),
      words,
    ]);
    run('sox', [join(work, 'raw.wav'), '-r', '16000', '-c', '1', speech]);
  }
  if (audio.quality === 'loudspeaker') speech = overLoudspeaker(speech);
  if (audio.quality === 'radio') speech = overRadio(speech);
  let mixed = speech;
  if (audio.background) {
    const effect = EFFECTS[audio.background];
    if (!effect)
      throw new Error(`line ${line.id}: no effect "${audio.background}" in audio/recipe/generate.ts`);
    const background = join(work, 'background.wav');
    effect(background);
    // The effect is heard first, then the caller speaks over its tail.
    const delayed = join(work, 'delayed.wav');
    run('sox', [speech, delayed, 'pad', String(Math.min(duration(background), 1.2))]);
    mixed = join(work, 'mixed.wav');
    run('sox', ['-m', '-v', '0.8', background, '-v', '1', delayed, mixed]);
  }
  const final = join(work, 'final.wav');
  if (voice.phoneLine && audio.quality !== 'radio') phoneLine(mixed, final);
  else run('sox', [mixed, final]);
  encode(final, join(outDir, line.id));
  const seconds = duration(final);
  writeFileSync(join(outDir, `${line.id}.vtt`), formatWebVtt(captionCues(line.text, seconds)));
  return seconds;
}

/**
 * A phone on loudspeaker across a room: distant, boomy and quiet, under room noise. Meant to be hard but
 * possible to make out, as the caller in case 8 was.
 */
function overLoudspeaker(speech: string): string {
  const far = join(work, 'far.wav');
  run('sox', [
    speech,
    far,
    'lowpass',
    '1500',
    'reverb',
    '80',
    '60',
    '100',
    'gain',
    '-8',
    'pad',
    '0.3',
    '0.6',
  ]);
  const room = join(work, 'room.wav');
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    room,
    'synth',
    String(duration(far)),
    'brownnoise',
    'vol',
    '0.08',
  ]);
  const out = join(work, 'loudspeaker.wav');
  run('sox', ['-m', far, room, out]);
  return out;
}

/** An officer on the police radio: narrow, a little overdriven, with the squelch at each end. */
function overRadio(speech: string): string {
  const narrow = join(work, 'radio-voice.wav');
  run('sox', [speech, narrow, 'sinc', '400-2800', 'overdrive', '6', 'gain', '-4']);
  const squelch = join(work, 'squelch.wav');
  run('sox', ['-n', '-r', '16000', '-c', '1', squelch, 'synth', '0.12', 'whitenoise', 'vol', '0.25']);
  const out = join(work, 'radio.wav');
  run('sox', [squelch, narrow, squelch, out]);
  return out;
}

const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '0': [941, 1336],
};

/** Keypad tones for these digits, 150 ms each with short gaps, as a phone sends them. */
function keypad(digits: string, out: string): void {
  const parts = [...digits].flatMap((digit, i) => {
    const [low, high] = DTMF[digit] ?? [941, 1336];
    const tone = join(work, `dtmf-${i}.wav`);
    run('sox', [
      '-m',
      '-v',
      '0.5',
      `|sox -R -n -r 16000 -c 1 -p synth 0.15 sine ${low}`,
      '-v',
      '0.5',
      `|sox -R -n -r 16000 -c 1 -p synth 0.15 sine ${high}`,
      tone,
    ]);
    return [tone, silence(`dtmf-gap-${i}.wav`, 0.35 + (i % 3) * 0.2)];
  });
  run('sox', [...parts, out]);
}

/** Two stifled coughs close to the phone. */
function cough(out: string): void {
  const one = join(work, 'cough.wav');
  run('sox', [
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    one,
    'synth',
    '0.22',
    'pinknoise',
    'lowpass',
    '1800',
    'highpass',
    '200',
    'fade',
    'q',
    '0.01',
    '0.22',
    '0.15',
    'gain',
    '6',
  ]);
  run('sox', [one, silence('cough-gap.wav', 0.25), one, out]);
}

/** An open line: faint room noise and nothing else. */
function openLine(out: string): void {
  run('sox', ['-n', '-r', '16000', '-c', '1', out, 'synth', '3', 'brownnoise', 'vol', '0.05']);
}

/** A smoke alarm's beeping in the next room. */
function smokeAlarm(out: string): void {
  const beep = join(work, 'beep.wav');
  run('sox', ['-n', '-r', '16000', '-c', '1', beep, 'synth', '0.25', 'sine', '3100', 'vol', '0.4']);
  const gap = silence('beepgap.wav', 0.25);
  run('sox', [beep, gap, beep, gap, beep, gap, beep, gap, beep, gap, beep, out]);
}

/** UK ringing tone: 400 Hz + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off; two cycles. */
function makeRinging(outDir: string): void {
  const burst = join(work, 'burst.wav');
  run('sox', [
    '-m',
    '-v',
    '0.5',
    '|sox -n -r 8000 -c 1 -p synth 0.4 sine 400',
    '-v',
    '0.5',
    '|sox -n -r 8000 -c 1 -p synth 0.4 sine 450',
    burst,
  ]);
  const short = silence('short.wav', 0.2, 8000);
  const long = silence('long.wav', 2.0, 8000);
  const cycle = [burst, short, burst, long];
  const ringing = join(work, 'ringing.wav');
  run('sox', [...cycle, ...cycle, ringing, 'vol', '0.6']);
  encode(ringing, join(outDir, 'ringing'));
}

/**
 * audio/<scenario>/urls.ts: the built URL of each of a scenario's files, which the sound adapter loads for
 * that scenario's call only, so a call's chunk never carries another scenario's list. The files are
 * emitted, never inlined (a caption is a few hundred bytes, but inlined as base64 into every call's chunk
 * they made it hundreds of kilobytes), which keeps the chunk a short list of names.
 */
const URLS_MODULE = `// This scenario's sound and caption files by name, as built URLs: the sound adapter loads this for the
// scenario's call alone. Written by npm run audio (audio/recipe/generate.ts).
export default import.meta.glob<string>('./*.{ogg,mp3,vtt}', {
  eager: true,
  query: '?url&no-inline',
  import: 'default',
});
`;

function main(): void {
  // `npm run audio -- <scenario id>` remakes just that scenario; with no id, everything and the shared sounds.
  const only = process.argv[2];
  if (!only) {
    mkdirSync(join(root, 'audio/shared'), { recursive: true });
    makeRinging(join(root, 'audio/shared'));
  }
  for (const entry of catalogue) {
    if (only && entry.id !== only) continue;
    const scenarioFile = join(root, 'scenarios', entry.id, 'scenario.json');
    const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8')) as { lines: Line[] };
    const lengths = new Map<string, number>();
    const outDir = join(root, 'audio', entry.id);
    mkdirSync(outDir, { recursive: true });
    const manifestFile = join(outDir, 'manifest.json');
    const previous = existsSync(manifestFile)
      ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as AudioManifest)
      : null;
    const manifest: AudioManifest = { version: AUDIO_MANIFEST_VERSION, scenario: entry.id, lines: {} };
    for (const line of scenario.lines) {
      const audio = line.audio;
      if (!isVoice(line) || !audio) continue;
      const recorded = previous?.lines[line.id];
      if (recorded?.human && recorded.text === line.text) {
        manifest.lines[line.id] = recorded;
        lengths.set(line.id, recorded.seconds);
        process.stdout.write(`${entry.id}/${line.id}: human recording kept\n`);
        continue;
      }
      const seconds = makeLine(line, audio, outDir);
      const voice = VOICES[audio.voice];
      manifest.lines[line.id] = {
        text: line.text,
        voice: audio.voice,
        voiceDescription: voice?.description ?? '',
        engine: `espeak-ng ${voice?.espeak ?? ''}`.trim(),
        ...(audio.background ? { background: audio.background } : {}),
        ...(audio.say ? { said: audio.say } : {}),
        ...(audio.quality ? { quality: audio.quality } : {}),
        licence: ENGINE_LICENCE,
        seconds: Math.round(seconds * 100) / 100,
        human: false,
      };
      lengths.set(line.id, Math.round(seconds * 100) / 100);
      process.stdout.write(`${entry.id}/${line.id}: ${seconds.toFixed(2)} s\n`);
    }
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(outDir, 'urls.ts'), URLS_MODULE);
    for (const line of scenario.lines) {
      const seconds = lengths.get(line.id);
      if (line.audio && seconds !== undefined) line.audio.seconds = seconds;
    }
    writeFileSync(scenarioFile, `${JSON.stringify(scenario, null, 2)}\n`);
    run('node', [
      join(root, 'node_modules/prettier/bin/prettier.cjs'),
      '--write',
      scenarioFile,
      manifestFile,
    ]);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
