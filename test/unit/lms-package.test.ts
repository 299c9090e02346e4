/*
 * `npm run package`, run as a real process once for a 3-scenario course in all three formats, and the
 * zips it writes read back: the manifest at the root and well-formed, every file it names inside, its
 * identifiers unique, the launch page there carrying the course, the pass mark where each standard keeps it,
 * the course's sound inside and other scenarios' left out, and nothing in the app fetched from outside the
 * package. Bad options are refused with one line naming the option.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../scenarios/catalogue.ts';
import {
  cmi5AuIri,
  cmi5CourseIri,
  courseId,
  DEFAULT_PASS_MARK,
  FORMATS,
  launchPageWithCourse,
  OptionError,
  packagedCourse,
  parsePackageArguments,
  type LmsFormat,
} from '../../src/cli/lms-package.ts';
import { checkEntryName, unzip, type ZipEntry } from '../../src/cli/zip.ts';
import { readPackagedCourse } from '../../src/lms/launch.ts';
import { WORKER_FILE } from '../../src/offline/worker-files.ts';
import { COURSE_ELEMENT_ID } from '../../src/lms/lms.ts';
import { allElements, elementsNamed, parseXml } from './well-formed-xml.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'lms-package-'));
const COURSE = 'Intake 7 & CPD: "domestic abuse" <week 2>';
const SCENARIOS = ['ltl41-01', 'ltl41-04', 'ltl41-07'];
const PASS_MARK = 80;

async function packageCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/package.ts', ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const text = (entry: ZipEntry | undefined) => Buffer.from(entry?.data ?? []).toString('utf8');
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Places in built HTML, CSS or JavaScript that would fetch from outside the package: an absolute
 * (http:, https:, protocol-relative) or root-relative URL as a script, style, image or media source, in a
 * CSS url() or @import, as the argument of fetch()/import()/new Worker()/new Audio()/…, or as any
 * absolute URL naming a file of a kind a page loads. Links a reader follows (<a href>, text naming a
 * web site) and XML namespace URIs are not fetches.
 */
function outsideFetches(name: string, content: string): string[] {
  const found: string[] = [];
  const external = (url: string) => /^(https?:)?\/\//i.test(url) || /^\/(?!\/)/.test(url);
  const assetFile =
    /\.(m?js|css|json|wasm|ogg|opus|mp3|wav|m4a|mp4|webm|vtt|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|otf)([?#][^'"`\s]*)?$/i;
  if (/\.html?$/.test(name)) {
    for (const tag of content.matchAll(/<([a-z][\w-]*)\b([^>]*)>/gi)) {
      const [, element = '', attributes = ''] = tag;
      for (const [, attribute = '', value = ''] of attributes.matchAll(
        /\b(src|href|srcset|poster|data|action|formaction)\s*=\s*["']?([^"'\s>]+)/gi,
      )) {
        if (element.toLowerCase() === 'a' && attribute.toLowerCase() === 'href') continue;
        if (external(value)) found.push(`${name}: <${element} ${attribute}="${value}">`);
      }
    }
  }
  const styles = /\.css$/.test(name)
    ? [content]
    : [...content.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
  for (const style of styles) {
    for (const [, url = ''] of style.matchAll(/(?:url\(\s*|@import\s+)["']?([^"')\s;]+)/gi))
      if (external(url)) found.push(`${name}: url(${url})`);
  }
  const scripts = /\.m?js$/.test(name)
    ? [content]
    : [...content.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '');
  for (const script of scripts) {
    for (const match of script.matchAll(/["'`]((?:https?:)?\/\/[^"'`\s\\]+|\/[\w.-][^"'`\s\\]*)["'`]/g)) {
      const url = match[1] ?? '';
      const before = script.slice(Math.max(0, (match.index ?? 0) - 40), match.index);
      const loaded =
        /\b(fetch|import|importScripts|Worker|SharedWorker|Audio|Howl|EventSource|WebSocket|sendBeacon|open)\s*\(\s*(\{[^}]*\bsrc\s*:\s*\[?\s*)?$/.test(
          before,
        ) || /\b(src|href)\s*[:=]\s*\[?\s*$/.test(before);
      // A root-relative path is a fetch when loaded, or when it is in the build's own folder; other
      // strings that start with "/" are keys (Vite's import.meta.glob names files by their source path).
      const absolute = /^(https?:)?\/\//.test(url);
      if (
        (absolute && (loaded || assetFile.test(url))) ||
        (!absolute && (loaded || url.startsWith('/assets/')))
      )
        found.push(`${name}: ${url}`);
    }
  }
  return found;
}

describe('outsideFetches', () => {
  it('finds what a page would fetch from elsewhere, and leaves links and namespaces alone', () => {
    expect(
      outsideFetches('index.html', '<script type="module" src="https://cdn.example.com/app.js"></script>'),
    ).toHaveLength(1);
    expect(outsideFetches('index.html', '<link rel="stylesheet" href="/assets/app.css">')).toHaveLength(1);
    expect(outsideFetches('a.css', 'body{background:url(https://example.com/x.png)}')).toHaveLength(1);
    expect(outsideFetches('a.css', '@import "//fonts.example.com/f.css";')).toHaveLength(1);
    expect(outsideFetches('a.js', 'fetch(`https://api.example.com/data`)')).toHaveLength(1);
    expect(outsideFetches('a.js', 'new Howl({src:["https://example.com/line"]})')).toHaveLength(1);
    expect(outsideFetches('a.js', 'const u="/assets/opening-abc.ogg"')).toHaveLength(1);
    expect(outsideFetches('a.js', 'x="https://example.com/vendor.js"')).toHaveLength(1);
    expect(outsideFetches('index.html', '<script>fetch("/data/list.json")</script>')).toHaveLength(1);
    expect(outsideFetches('index.html', '<style>body{background:url(/img/x.png)}</style>')).toHaveLength(1);
    expect(
      outsideFetches(
        'index.html',
        '<a href="https://www.samaritans.org/">Samaritans</a><link rel="icon" href="data:,"><script src="./assets/a.js"></script>',
      ),
    ).toEqual([]);
    expect(
      outsideFetches(
        'a.js',
        'createElementNS("http://www.w3.org/2000/svg","svg");const help=`https://react.dev/errors/`;new URL(`a.ogg`,import.meta.url);const files={"/audio/shared/ringing.ogg":a}',
      ),
    ).toEqual([]);
  });
});

describe('parseXml', () => {
  it.each([
    ['unclosed', '<a><b></a>'],
    ['mismatched', '<a></b>'],
    ['two roots', '<a/><b/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['repeated attribute', '<a x="1" x="2"/>'],
    ['a raw ampersand', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a raw < in a value', '<a x="<"/>'],
    ['an undeclared prefix', '<a><adlcp:masteryscore>75</adlcp:masteryscore></a>'],
    ['a control character', '<a>\u0001</a>'],
    ['text after the root', '<a/>text'],
    ['a late declaration', ' <?xml version="1.0"?><a/>'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(/not well-formed XML/);
  });

  it('reads a well-formed document with namespaces and references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<m xmlns="urn:a" xmlns:p="urn:p"><p:t id="x">A &amp; B &#x263A;</p:t><!-- c --></m>\n',
    );
    expect(elementsNamed(root, 't', 'urn:p')).toEqual([
      { name: 'p:t', namespace: 'urn:p', attributes: { id: 'x' }, children: [], text: 'A & B ☺' },
    ]);
  });
});

describe('the course in the launch page', () => {
  const page = '<!doctype html>\n<html lang="en-GB">\n<head><title>x</title></head><body></body></html>';
  const courseIn = (html: string) =>
    new RegExp(`<script type="application/json" id="${COURSE_ELEMENT_ID}">(.*?)</script>`).exec(html)?.[1] ??
    null;

  it('survives a course name that would close the script, and reads back exactly', () => {
    const course = packagedCourse(
      { title: 'Week 2 </script><script>alert(1)</script>', scenarios: ['ltl41-04'], passMark: 70 },
      'scorm12',
    );
    const html = launchPageWithCourse(page, course);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(readPackagedCourse(courseIn(html))).toEqual(course);
  });

  it('refuses a page it cannot write into, and a damaged course names what is wrong', () => {
    expect(() =>
      launchPageWithCourse(
        '<html><body></body></html>',
        packagedCourse({ title: 'A', scenarios: ['ltl41-04'], passMark: 1 }, 'cmi5'),
      ),
    ).toThrow(/<\/head>/);
    expect(() => readPackagedCourse('{')).toThrow(/not JSON/);
    expect(() =>
      readPackagedCourse(
        JSON.stringify({
          format: 'control-room-trainer/lms-course',
          formatVersion: 1,
          standard: 'scorm12',
          id: 'x',
          title: 'x',
          scenarios: [],
          passMark: 50,
        }),
      ),
    ).toThrow(/scenarios/);
    expect(readPackagedCourse(null)).toBeNull();
  });
});

describe('option refusals', () => {
  const args = (overrides: Record<string, string | null>) =>
    Object.entries({ format: 'scorm12', course: 'Intake', scenarios: 'ltl41-01', ...overrides }).flatMap(
      ([option, value]) => (value === null ? [] : [`--${option}`, value]),
    );
  it.each([
    ['a missing format', { format: null }, '--format: choose one of scorm12, scorm2004, cmi5'],
    ['a bad format', { format: 'scorm3' }, '--format: "scorm3" is not a package format'],
    ['a missing course name', { course: null }, '--course: the course needs a name'],
    ['a blank course name', { course: '   ' }, '--course: the course needs a name'],
    ['a name with control characters', { course: 'a\u001b[31mb' }, '--course: a name cannot hold control'],
    ['a long name', { course: 'x'.repeat(201) }, '--course: a name is at most 200 characters'],
    ['no scenarios', { scenarios: null }, '--scenarios: name at least one scenario'],
    ['an unknown scenario', { scenarios: 'ltl41-01,ltl41-99' }, '--scenarios: "ltl41-99" is not a scenario'],
    ['a scenario twice', { scenarios: 'ltl41-01,ltl41-01' }, '--scenarios: ltl41-01 is listed twice'],
    [
      'a pass mark over 100',
      { 'pass-mark': '101' },
      '--pass-mark: "101" is not a whole number from 0 to 100',
    ],
    ['a pass mark that looks like an option', { 'pass-mark': '-5' }, '--pass-mark: needs a value'],
    ['a fractional pass mark', { 'pass-mark': '72.5' }, '--pass-mark: "72.5" is not a whole number'],
    ['a word for a pass mark', { 'pass-mark': 'high' }, '--pass-mark: "high" is not a whole number'],
    ['an empty out folder', { out: '' }, '--out: needs a folder'],
    ['an unknown option', { colour: 'blue' }, '--colour: not an option'],
  ])('refuses %s, naming the option', (_, overrides, reason) => {
    const attempt = () => parsePackageArguments(args(overrides), catalogue);
    expect(attempt).toThrow(OptionError);
    expect(attempt).toThrow(reason);
  });

  it('reads a value starting with "-" written with "=", and refuses a negative pass mark', () => {
    expect(() => parsePackageArguments([...args({}), '--pass-mark=-5'], catalogue)).toThrow(
      '--pass-mark: "-5" is not a whole number from 0 to 100',
    );
  });

  it('takes the "compliant" floor as the default pass mark, and several formats at once', () => {
    expect(DEFAULT_PASS_MARK).toBe(75);
    expect(parsePackageArguments(args({ format: 'cmi5,SCORM12,cmi5' }), catalogue)).toEqual({
      formats: ['cmi5', 'scorm12'],
      course: { title: 'Intake', scenarios: ['ltl41-01'], passMark: 75 },
      out: 'packages',
    });
  });

  it('says so in one line on stderr, exit 1, writing nothing', { timeout: 30_000 }, async () => {
    const refused = mkdtempSync(join(tmpdir(), 'lms-refused-'));
    const result = await packageCli(...args({ scenarios: 'ltl41-01,case-99', out: refused }));
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^--scenarios: "case-99" is not a scenario: ltl41-01, /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(refused)).toEqual([]);
    rmSync(refused, { recursive: true });
  });
});

describe('a 3-scenario course in every format', () => {
  const zips = new Map<LmsFormat, ZipEntry[]>();
  let printed = '';

  beforeAll(async () => {
    const result = await packageCli(
      '--format',
      FORMATS.join(','),
      '--course',
      COURSE,
      '--scenarios',
      SCENARIOS.join(','),
      '--pass-mark',
      String(PASS_MARK),
      '--out',
      out,
    );
    if (result.code !== 0) throw new Error(`npm run package failed: ${result.stderr}`);
    printed = result.stdout;
    for (const file of readdirSync(out)) {
      const format = FORMATS.find((f) => file.endsWith(`-${f}.zip`));
      if (format) zips.set(format, unzip(readFileSync(join(out, file))));
    }
  }, 180_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one zip per format, named after the course, and says so a line each', () => {
    expect([...zips.keys()].sort()).toEqual([...FORMATS].sort());
    const lines = printed.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /intake-7-cpd-domestic-abuse-week-2-scorm12\.zip: SCORM 1\.2, 3 scenarios \(ltl41-01, ltl41-04, ltl41-07\), pass mark 80, \d+\.\d MB$/,
    );
  });

  for (const format of FORMATS) {
    describe(format, () => {
      const entries = () => zips.get(format) ?? [];
      const files = () => entries().filter((entry) => !entry.name.endsWith('/'));
      const names = () => new Set(files().map((entry) => entry.name));
      const entry = (name: string) => entries().find((e) => e.name === name);
      const manifestName = format === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml';
      const manifest = () => parseXml(text(entry(manifestName)));

      it('has safe, unique entry names, and its manifest and launch page at the root', () => {
        for (const { name } of entries()) expect(() => checkEntryName(name)).not.toThrow();
        expect(new Set(entries().map((e) => e.name)).size).toBe(entries().length);
        for (const name of [manifestName, 'index.html']) expect(names()).toContain(name);
        expect(names()).not.toContain(format === 'cmi5' ? 'imsmanifest.xml' : 'cmi5.xml');
        expect([...names()].filter((name) => name.startsWith('.vite/'))).toEqual([]);
      });

      it('tells the app its course in the launch page, read as the app reads it, the prerendered home hidden', () => {
        const page = text(entry('index.html'));
        const json = new RegExp(
          `<script type="application/json" id="${COURSE_ELEMENT_ID}">(.*?)</script>`,
        ).exec(page)?.[1];
        expect(page).toContain('<html lang="en-GB" class="not-home">');
        expect(readPackagedCourse(json ?? null)).toEqual({
          format: 'control-room-trainer/lms-course',
          formatVersion: 1,
          standard: format,
          id: courseId(COURSE),
          title: COURSE,
          scenarios: SCENARIOS,
          passMark: PASS_MARK,
        });
      });

      if (format === 'cmi5') {
        it('has a well-formed cmi5.xml: one AU launching index.html, its mastery score the pass mark', () => {
          const ns = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';
          const root = manifest();
          expect(root).toMatchObject({ name: 'courseStructure', namespace: ns });
          const [course, ...moreCourses] = elementsNamed(root, 'course', ns);
          const [au, ...moreAus] = elementsNamed(root, 'au', ns);
          expect(moreCourses).toEqual([]);
          expect(moreAus).toEqual([]);
          expect(course?.attributes.id).toBe(cmi5CourseIri(COURSE));
          expect(au?.attributes).toEqual({
            id: cmi5AuIri(COURSE),
            moveOn: 'CompletedAndPassed',
            masteryScore: '0.8',
            launchMethod: 'AnyWindow',
          });
          const ids = allElements(root).flatMap((e) => (e.attributes.id ? [e.attributes.id] : []));
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9+.-]*:\S+$/);
          // title, description, url, in the order the schema wants them.
          expect(au?.children.map((c) => c.name)).toEqual(['title', 'description', 'url']);
          expect(elementsNamed(au ?? root, 'langstring', ns)[0]?.text).toBe(COURSE);
          const url = elementsNamed(au ?? root, 'url', ns)[0]?.text ?? '';
          expect(url).toBe('index.html');
          expect(names()).toContain(url);
        });
      } else {
        const ns =
          format === 'scorm12'
            ? {
                cp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
                adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
              }
            : {
                cp: 'http://www.imsglobal.org/xsd/imscp_v1p1',
                adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
              };

        it('has a well-formed imsmanifest.xml naming every file of the package, and only those', () => {
          const root = manifest();
          expect(root).toMatchObject({ name: 'manifest', namespace: ns.cp });
          expect(elementsNamed(root, 'schemaversion', ns.cp)[0]?.text).toBe(
            format === 'scorm12' ? '1.2' : '2004 4th Edition',
          );
          const listed = elementsNamed(root, 'file', ns.cp).map((file) => file.attributes.href ?? '');
          for (const href of listed) expect(names(), href).toContain(href);
          expect(new Set(listed).size).toBe(listed.length);
          expect(listed.sort()).toEqual([...names()].filter((name) => name !== 'imsmanifest.xml').sort());
        });

        it('has unique identifiers, every reference resolving, and one SCO launching index.html', () => {
          const root = manifest();
          const ids = allElements(root).flatMap((e) =>
            e.attributes.identifier ? [e.attributes.identifier] : [],
          );
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id).toMatch(/^[A-Za-z_][\w.-]*$/);
          const [organizations] = elementsNamed(root, 'organizations', ns.cp);
          const organizationIds = elementsNamed(root, 'organization', ns.cp).map(
            (o) => o.attributes.identifier,
          );
          expect(organizationIds).toContain(organizations?.attributes.default);
          const items = elementsNamed(root, 'item', ns.cp);
          const resources = elementsNamed(root, 'resource', ns.cp);
          expect(items).toHaveLength(1);
          expect(resources).toHaveLength(1);
          expect(resources.map((r) => r.attributes.identifier)).toContain(items[0]?.attributes.identifierref);
          const resource = resources[0];
          expect(resource?.attributes[format === 'scorm12' ? 'adlcp:scormtype' : 'adlcp:scormType']).toBe(
            'sco',
          );
          expect(resource?.attributes.href).toBe('index.html');
          expect(names()).toContain(resource?.attributes.href);
          expect(elementsNamed(root, 'title', ns.cp).map((t) => t.text)).toEqual([COURSE, COURSE]);
        });

        it('keeps the pass mark where the standard does', () => {
          const root = manifest();
          if (format === 'scorm12') {
            expect(elementsNamed(root, 'masteryscore', ns.adlcp).map((m) => m.text)).toEqual(['80']);
          } else {
            const imsss = 'http://www.imsglobal.org/xsd/imsss';
            const [objective, ...others] = elementsNamed(root, 'primaryObjective', imsss);
            expect(others).toEqual([]);
            expect(objective?.attributes.satisfiedByMeasure).toBe('true');
            expect(
              elementsNamed(objective ?? root, 'minNormalizedMeasure', imsss).map((m) => m.text),
            ).toEqual(['0.8']);
          }
        });
      }

      it('carries no offline worker: an LMS serves it under its own paths, where one would outlive the course', () => {
        expect(names()).not.toContain(WORKER_FILE);
        const workers = files().filter((e) => /\.js$/.test(e.name) && text(e).includes('precacheAndRoute'));
        expect(workers.map((e) => e.name)).toEqual([]);
      });

      it('fetches nothing from outside the package', () => {
        const web = files().filter((e) => /\.(html?|m?js|css)$/.test(e.name));
        expect(web.length).toBeGreaterThan(10);
        expect(web.flatMap((e) => outsideFetches(e.name, text(e)))).toEqual([]);
      });

      it('carries every sound and caption file of its scenarios, and not those only others use', () => {
        const packed = new Set(files().map((e) => sha256(e.data)));
        const soundOf = (folder: string) =>
          readdirSync(join(root, 'audio', folder))
            .filter((file) => /\.(ogg|mp3|vtt)$/.test(file))
            .map((file) => sha256(readFileSync(join(root, 'audio', folder, file))));
        const course = [...SCENARIOS, 'shared'].flatMap(soundOf);
        expect(course.filter((hash) => !packed.has(hash))).toEqual([]);
        const othersOnly = catalogue
          .filter((entry) => !SCENARIOS.includes(entry.id))
          .flatMap((entry) => soundOf(entry.id))
          .filter((hash) => !course.includes(hash));
        expect(othersOnly.length).toBeGreaterThan(100);
        expect(othersOnly.filter((hash) => packed.has(hash))).toEqual([]);
      });
    });
  }
});
