/**
 * audio/<scenario>/manifest.json: what each audio file says and how it was made, so generated speech
 * can be told from human recordings (which the recipe never overwrites) and stale files are caught.
 */
export const AUDIO_MANIFEST_VERSION = 1;

export interface AudioManifestLine {
  /** The script text the audio was made from (the caption). */
  text: string;
  /** What was actually said, where it differs from the caption. */
  said?: string;
  quality?: string;
  voice: string;
  voiceDescription: string;
  engine: string;
  background?: string;
  licence: string;
  seconds: number;
  /** A human recording placed by hand; the recipe leaves it alone. */
  human: boolean;
}

export interface AudioManifest {
  version: typeof AUDIO_MANIFEST_VERSION;
  scenario: string;
  lines: Record<string, AudioManifestLine>;
}
