/*
 * npm run --silent bench [-- --json]
 * Measures the performance budgets: the JavaScript the first screen needs, the largest scenario chunk,
 * largest contentful paint of the built app in headless Chromium at 4x CPU throttling (median of 5),
 * replay time per 1,000 events and scoring time per attempt (medians, warm, in Node).
 * Builds the app first. Budgets are checked here, not by timing assertions in tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/setup/chromium.ts';
import type { AttemptEvent } from '../../machines/events.ts';
import { ADVICE, THRIVE_ELEMENTS, TOPICS } from '../../machines/vocabulary.ts';
import { catalogue } from '../../scenarios/catalogue.ts';
import { parseAttempt, type AttemptEntry } from '../engine/attempt.ts';
import { replay } from '../engine/replay.ts';
import { scoreAttempt } from '../scoring/score-attempt.ts';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist');

export const BUDGETS = { shellJsGzipKB: 130, lcpMs: 1500, replayMsPer1000Events: 50 } as const;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const gzipKB = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

/** The entry chunk and everything it imports statically: what loads before anything is chosen. */
function bundleSizes(): { shellJsGzipKB: number; scenarioChunkGzipKB: number; largestScenarioChunk: string } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the build manifest has no entry chunk');
  const shell = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || shell.has(chunk.file)) return;
    shell.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(entry[0]);
  const scenarioChunks = Object.entries(manifest)
    .filter(([key]) => /^scenarios\/[^/]+\/(index|content)\.ts$/.test(key))
    .map(([key, chunk]) => ({ key, size: gzipKB(chunk.file) }))
    .sort((a, b) => b.size - a.size);
  return {
    shellJsGzipKB: round(
      [...shell].filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + gzipKB(file), 0),
    ),
    scenarioChunkGzipKB: round(scenarioChunks[0]?.size ?? 0),
    largestScenarioChunk: scenarioChunks[0]?.key ?? '',
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Largest contentful paint of the home screen, fresh profile each run, CPU slowed 4x. */
async function largestContentfulPaint(runs = 5): Promise<number> {
  const port = await freePort();
  const server = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  try {
    for (let tries = 0; ; tries++) {
      try {
        await fetch(url);
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const browser = await chromium.launch(chromiumLaunchOptions);
    const times: number[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(url, { waitUntil: 'load' });
        const lcp = await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const entries = list.getEntries();
                resolve(entries[entries.length - 1]?.startTime ?? 0);
              }).observe({ type: 'largest-contentful-paint', buffered: true });
            }),
        );
        times.push(lcp);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return round(median(times), 0);
  } finally {
    server.kill();
  }
}

/** A long attempt on a real scenario: a call answered, then questions, advice, checks, THRIVE and log. */
function longAttempt(subjects: { system: string; subject: string }[], count: number): AttemptEntry[] {
  const entries: AttemptEntry[] = [
    { type: 'trainee.start', at: 0 },
    { type: 'trainee.answer', at: 1 },
  ];
  for (let i = 0; entries.length < count; i++) {
    const at = 2 + i;
    const kind = i % 5;
    let event: AttemptEvent;
    if (kind === 0) event = { type: 'trainee.ask', topic: TOPICS[i % TOPICS.length] ?? 'location' };
    else if (kind === 1) event = { type: 'trainee.say', advice: ADVICE[i % ADVICE.length] ?? 'stay-on-line' };
    else if (kind === 2)
      event = { type: 'trainee.log', text: `Log entry ${i}: caller still on the line, banging continues.` };
    else if (kind === 3) {
      const check = subjects[i % subjects.length];
      event = check
        ? ({ type: 'trainee.check', system: check.system, subject: check.subject } as AttemptEvent)
        : { type: 'trainee.risk', level: 'high' };
    } else {
      event = {
        type: 'trainee.thrive',
        element: THRIVE_ELEMENTS[i % THRIVE_ELEMENTS.length] ?? 'threat',
        rationale: `Rationale ${i} naming the ex-husband at the door now.`,
      };
    }
    entries.push({ ...event, at });
  }
  return entries;
}

async function nodeTimings(): Promise<{ replayMsPer1000Events: number; scoreMs: number }> {
  const entry = catalogue[0];
  if (!entry) throw new Error('no scenarios');
  const scenario = await entry.load();
  const events = longAttempt(
    scenario.definition.checks.map((c) => ({ system: c.system, subject: c.subject })),
    1000,
  );
  const timeIt = (work: () => void, runs: number) => {
    for (let i = 0; i < 5; i++) work();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      work();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };
  const replayMs = timeIt(() => replay(scenario.machine, events), 21);
  const attempts = catalogue.length;
  const references = await Promise.all(
    catalogue.map(async (e) => {
      const module = await e.load();
      return [
        module,
        parseAttempt(module.referenceAttempts.model),
        parseAttempt(module.referenceAttempts.historical),
      ] as const;
    }),
  );
  const scoreMs =
    timeIt(() => {
      for (const [module, model, historical] of references) {
        scoreAttempt(module, model);
        scoreAttempt(module, historical);
      }
    }, 51) /
    (attempts * 2);
  return { replayMsPer1000Events: round(replayMs * (1000 / events.length), 2), scoreMs: round(scoreMs, 2) };
}

async function main(): Promise<void> {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--manifest', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  const sizes = bundleSizes();
  const lcpMs = await largestContentfulPaint();
  const timings = await nodeTimings();
  const result = { ...sizes, lcpMs, ...timings };
  const overBudget = (Object.keys(BUDGETS) as (keyof typeof BUDGETS)[]).filter(
    (key) => result[key] > BUDGETS[key],
  );
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...result, budgets: BUDGETS, overBudget })}\n`);
  } else {
    for (const [key, value] of Object.entries(result)) {
      const budget = BUDGETS[key as keyof typeof BUDGETS];
      process.stdout.write(`${key}: ${value}${budget === undefined ? '' : ` (budget ${budget})`}\n`);
    }
  }
  if (overBudget.length > 0) {
    process.stderr.write(`over budget: ${overBudget.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
