/*
 * The layers hold: `npm run lint` refuses an import across a boundary however its path is written, and
 * a circle of imports. Each case lints a probe file placed in a layer, through the project's own config.
 */
import { ESLint } from 'eslint';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function problemsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const probe = (from: string) => `import * as probe from '${from}';\nexport const used = probe;\n`;

describe('layer boundaries', () => {
  it.each([
    ['src/scoring/probe.ts', '../ui/routes.ts'],
    ['src/scoring/probe.ts', '../strings/en-gb.ts'],
    ['src/engine/probe.ts', '../sound/howler-sound.ts'],
    ['src/engine/probe.ts', '../scoring/score.ts'],
    ['src/storage/probe.ts', '../ui/routes.ts'],
    ['src/storage/probe.ts', '../supervision/bundle.ts'],
    ['src/supervision/probe.ts', '../storage/attempt-store.ts'],
    ['src/validation/probe.ts', '../storage/attempt-store.ts'],
    ['src/supervision/probe.ts', '../ui/services.ts'],
    ['src/strings/probe.ts', '../supervision/moderation.ts'],
    ['src/records/probe.ts', '../storage/attempt-store.ts'],
    ['src/records/probe.ts', '../supervision/bundle.ts'],
    ['src/cli/probe.ts', '../ui/routes.ts'],
    ['src/services/probe.ts', '../ui/services.ts'],
    ['src/cli/probe.ts', '../services/supervisor-desk.ts'],
    ['machines/probe.ts', '../src/engine/replay.ts'],
    ['src/lms/probe.ts', '../ui/routes.ts'],
    ['src/lms/probe.ts', '../storage/attempt-store.ts'],
    ['src/scoring/probe.ts', '../lms/session.ts'],
    ['scenarios/probe.ts', '../src/scoring/score.ts'],
    ['src/sync/probe.ts', '../classroom/server.ts'],
    ['src/records/probe.ts', '../sync/documents.ts'],
    ['src/ui/probe.ts', '../classroom/server.ts'],
    ['src/services/probe.ts', '../classroom/design.ts'],
    ['src/engine/probe.ts', '../classroom/server.ts'],
    ['src/classroom/probe.ts', '../storage/attempt-store.ts'],
    ['src/offline/probe.ts', '../ui/routes.ts'],
    ['src/offline/probe.ts', '../strings/en-gb.ts'],
    ['src/sync/probe.ts', '../services/classroom-sync.ts'],
    ['src/sync/probe.ts', '../storage/attempt-store.ts'],
    ['src/storage/probe.ts', '../sync/mirror.ts'],
  ])('%s may not import %s', async (file, from) => {
    expect(await problemsOf(file, probe(from))).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['src/scoring/probe.ts', '../../machines/call-record.ts'],
    ['src/strings/probe.ts', '../scoring/findings.ts'],
    ['src/supervision/probe.ts', '../strings/findings.ts'],
    ['src/ui/probe.ts', '../storage/attempt-store.ts'],
    ['src/ui/probe.ts', '../services/supervisor-desk.ts'],
    ['src/services/probe.ts', '../storage/attempt-store.ts'],
    ['src/storage/probe.ts', '../records/tables.ts'],
    ['src/supervision/probe.ts', '../records/records.ts'],
    ['scenarios/probe.ts', '../machines/vocabulary.ts'],
    ['src/lms/probe.ts', '../scoring/score.ts'],
    ['src/ui/probe.ts', '../lms/session.ts'],
    ['src/sync/probe.ts', '../records/records.ts'],
    ['src/classroom/probe.ts', '../sync/documents.ts'],
    ['src/cli/probe.ts', '../classroom/server.ts'],
    ['src/ui/probe.ts', '../offline/worker-files.ts'],
    ['src/cli/probe.ts', '../offline/worker-files.ts'],
    ['src/services/probe.ts', '../sync/mirror.ts'],
    ['src/ui/probe.ts', '../sync/documents.ts'],
  ])('%s may import %s', async (file, from) => {
    // An import of nothing would lint clean too: the probe must name a module that is there.
    expect(existsSync(resolve(root, dirname(file), from))).toBe(true);
    expect(await problemsOf(file, probe(from))).toEqual([]);
  });

  it('refuses UI libraries in the core and the services', async () => {
    expect(await problemsOf('src/scoring/probe.ts', probe('react'))).toContain('no-restricted-imports');
    expect(await problemsOf('machines/probe.ts', probe('dexie'))).toContain('no-restricted-imports');
    expect(await problemsOf('src/services/probe.ts', probe('react'))).toContain('no-restricted-imports');
  });

  it('keeps the offline worker’s build config out of the app', async () => {
    expect(await problemsOf('src/ui/probe.ts', probe('../offline/vite-plugin.ts'))).toContain(
      'no-restricted-imports',
    );
    expect(await problemsOf('src/main.tsx', probe('vite-plugin-pwa'))).toContain('no-restricted-imports');
  });

  it("keeps the sync documents free of Node and of the server's libraries", async () => {
    expect(await problemsOf('src/sync/probe.ts', probe('node:crypto'))).toContain('no-restricted-imports');
    expect(await problemsOf('src/sync/probe.ts', probe('pouchdb-core'))).toContain('no-restricted-imports');
    expect(await problemsOf('src/sync/probe.ts', probe('dexie'))).toContain('no-restricted-imports');
    expect(await problemsOf('src/classroom/probe.ts', probe('node:http'))).toEqual([]);
  });
});

it('refuses a circle of imports', async () => {
  // The machine imports the call record; a call record importing the machine back closes a circle.
  expect(await problemsOf('machines/call-record.ts', probe('./call-machine.ts'))).toContain(
    'import-x/no-cycle',
  );
});
