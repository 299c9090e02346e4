/*
 * What the offline worker is, by name, for everyone who needs to know without building it: the build
 * config (vite-plugin.ts), the app that registers it (src/ui/offline/), the LMS package that leaves it out
 * (src/cli/lms-package.ts) and the benchmark that weighs its precache (src/cli/bench.ts). No imports.
 */

/** The worker's file, beside index.html; registered as './sw.js', so its scope is the app's folder. */
export const WORKER_FILE = 'sw.js';

/**
 * The build mode `npm run package` builds an LMS package in. The package's build carries no worker: an
 * LMS serves the package under its own paths, where a worker would outlive the course (and intercept
 * the LMS's pages under its folder), and the app in an LMS needs the LMS's network to report anyway.
 */
export const LMS_PACKAGE_MODE = 'lms-package';

/**
 * What the worker precaches, as globs over the built folder: the app shell (the page, every JavaScript
 * chunk, the CSS; the app uses the system's fonts, so there are none) and every scenario's Ogg Opus sound
 * and WebVTT captions. The MP3 copies (for browsers without Opus) are cached as they are first played.
 */
export const PRECACHE_GLOBS = ['index.html', 'assets/**/*.{js,css,woff2,ogg,vtt}'];

/** MP3, the fallback for browsers that cannot play Opus: cached at run time, under this cache's name. */
export const RUNTIME_SOUND_CACHE = 'control-room-trainer-mp3';

/**
 * The URLs (relative to the worker) in a built worker's precache manifest, read from its source: Workbox
 * writes the manifest as a literal list of `{url:"…",revision:…}` objects.
 */
export function precacheUrls(workerSource: string): string[] {
  return [...workerSource.matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?\s*:/g)].map(
    (match) => match[1] ?? '',
  );
}
