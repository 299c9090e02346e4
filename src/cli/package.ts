/*
 * npm run --silent package -- --format scorm12|scorm2004|cmi5[,…] --course "NAME" --scenarios ID,ID…
 *                             [--pass-mark 0-100] [--out DIR]
 * Builds the app (a production build with relative URLs, in a temporary folder) and writes one zip per
 * format into DIR (default packages/), named after the course: the app, its launch page carrying the
 * course, and the standard's manifest (see lms-package.ts). Prints one line per zip written. Anything refused gets one line on
 * stderr naming the option and why, and exit code 1; never a stack trace.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { catalogue } from '../../scenarios/catalogue.ts';
import { LMS_PACKAGE_MODE } from '../offline/worker-files.ts';
import { oneLine } from '../supervision/bundle.ts';
import {
  courseBuildFiles,
  FORMAT_NAMES,
  OptionError,
  packageEntries,
  packageFileName,
  parsePackageArguments,
} from './lms-package.ts';
import { zip } from './zip.ts';

const root = new URL('../../', import.meta.url).pathname;

/**
 * A production build of the app into `outDir`, with Vite's manifest; its caches kept beside it. Built in
 * the package's own mode, which leaves the offline worker out (src/offline/worker-files.ts says why).
 */
async function buildApp(outDir: string, cacheDir: string): Promise<void> {
  // A package is always a production build, whatever NODE_ENV the caller runs under (vitest sets "test").
  process.env.NODE_ENV = 'production';
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: LMS_PACKAGE_MODE,
    base: './',
    // Its own cache folder: the prerender step builds into the cache, and another build running at the
    // same time from the same node_modules must not share it.
    cacheDir,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

async function main(args: string[]): Promise<void> {
  const request = parsePackageArguments(args, catalogue);
  const out = resolve(process.cwd(), request.out);
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new OptionError(
      `--out: cannot make the folder ${request.out} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (!statSync(out).isDirectory()) throw new OptionError(`--out: ${request.out} is not a folder`);
  // The build's cache stays under node_modules: the prerender step runs what it builds there, and that
  // must find the project's packages (react) the way Node looks for them, from the file upwards.
  const caches = join(root, 'node_modules/.vite');
  mkdirSync(caches, { recursive: true });
  const work = mkdtempSync(join(caches, 'package-'));
  try {
    const dist = join(work, 'dist');
    await buildApp(dist, join(work, 'cache'));
    const files = courseBuildFiles(dist, request.course, catalogue);
    for (const format of request.formats) {
      const archive = zip(packageEntries(dist, files, request.course, format, catalogue));
      const path = join(out, packageFileName(request.course, format));
      writeFileSync(path, archive);
      const { scenarios, passMark } = request.course;
      const shown = relative(process.cwd(), path);
      process.stdout.write(
        `${shown.startsWith('..') ? path : shown}: ${FORMAT_NAMES[format]}, ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} (${scenarios.join(', ')}), pass mark ${passMark}, ${(archive.length / 1024 / 1024).toFixed(1)} MB\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${oneLine(error instanceof OptionError ? message : `package: ${message}`)}\n`);
  process.exitCode = 1;
});
