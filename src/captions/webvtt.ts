/*
 * WebVTT captions for caller audio: made by the audio recipe, read by the app to show captions in time
 * with the sound, and checked by the validator against the script.
 */

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** Splits a line into sentence cues timed in proportion to their length across the audio. */
export function captionCues(text: string, seconds: number): Cue[] {
  const sentences = text
    .match(/[^.!?]+[.!?]+["')\]]*|[^.!?]+$/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const totalChars = sentences.reduce((sum, s) => sum + s.length, 0);
  let start = 0;
  return sentences.map((sentence) => {
    const end = start + (seconds * sentence.length) / totalChars;
    const cue = { start: round(start), end: round(end), text: sentence };
    start = end;
    return cue;
  });
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export function formatWebVtt(cues: readonly Cue[]): string {
  return `WEBVTT\n\n${cues.map((cue) => `${timestamp(cue.start)} --> ${timestamp(cue.end)}\n${cue.text}\n`).join('\n')}`;
}

function parseTimestamp(value: string): number | null {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(value.trim());
  if (!match) return null;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/** Reads the cues of a WebVTT file; throws with the line number when it is not WebVTT. */
export function parseWebVtt(source: string): Cue[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (!lines[0]?.startsWith('WEBVTT')) throw new Error('line 1: a WebVTT file starts with "WEBVTT"');
  const cues: Cue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('-->')) continue;
    const [from = '', to = ''] = line.split('-->');
    const start = parseTimestamp(from);
    const end = parseTimestamp(to.trim().split(/\s+/)[0] ?? '');
    if (start === null || end === null || end < start)
      throw new Error(`line ${i + 1}: bad cue timing "${line}"`);
    const text: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') text.push(lines[++i] ?? '');
    cues.push({ start, end, text: text.join(' ') });
  }
  return cues;
}
