/*
 * LMS packages of a course: the built app (relative URLs, every file inside) with a manifest in the form
 * each standard wants at the zip's root, and course.json beside index.html for the app to read at run
 * time. SCORM 1.2 and SCORM 2004 (4th edition): one SCO, launched at index.html. cmi5: one AU, the same
 * page. The course's pass mark is put where each standard keeps it:
 *
 * - SCORM 1.2: `adlcp:masteryscore` on the item (0–100), which the LMS hands the SCO as
 *   cmi.student_data.mastery_score; Moodle judges passed or failed by it.
 * - SCORM 2004: the item's primary objective is satisfied by measure, with `imsss:minNormalizedMeasure`
 *   the pass mark over 100 (0–1); the LMS hands it to the SCO as cmi.scaled_passing_score and judges
 *   success_status from cmi.score.scaled.
 * - cmi5: `masteryScore` on the AU (0–1), given to the AU in the LMS.LaunchData state document; the AU
 *   moves on when completed and passed.
 *
 * Only the sound of the course's own scenarios goes in: the other scenarios' sound and caption files are
 * left out (read from Vite's build manifest), so a package carries what its course plays.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScenarioMeta } from '../../scenarios/scenario-module.ts';
import { UNSAFE_CHARACTERS, UNSAFE_CHARACTERS_GLOBAL } from '../records/text.ts';
import { BAND_FLOORS } from '../scoring/score.ts';
import { WORKER_FILE } from '../offline/worker-files.ts';
import { COURSE_ELEMENT_ID, LMS_STANDARDS, type LmsStandard, type PackagedCourse } from '../lms/lms.ts';
import type { ZipEntry } from './zip.ts';

export const FORMATS = LMS_STANDARDS;
export type LmsFormat = LmsStandard;

export const FORMAT_NAMES: Record<LmsFormat, string> = {
  scorm12: 'SCORM 1.2',
  scorm2004: 'SCORM 2004 4th edition',
  cmi5: 'cmi5',
};

/** The default pass mark: the floor of the "compliant" band. */
export const DEFAULT_PASS_MARK = BAND_FLOORS.find(([band]) => band === 'compliant')?.[1] ?? 75;
export const DEFAULT_OUT = 'packages';
const MAX_TITLE = 200;

export const USAGE =
  'usage: npm run --silent package -- --format scorm12|scorm2004|cmi5[,…] --course "NAME" --scenarios ID,ID… [--pass-mark 0-100] [--out DIR]';

/** A refused option: one line that names it. */
export class OptionError extends Error {}

export interface Course {
  /** The course's name, as the trainer gave it (trimmed). */
  title: string;
  /** Scenario ids, in the order given. */
  scenarios: string[];
  /** 0–100, a whole number. */
  passMark: number;
}

export interface PackageRequest {
  formats: LmsFormat[];
  course: Course;
  out: string;
}

/** Besides controls and the characters that hide or reorder text: the two XML cannot hold at all. */
const NOT_XML = /[\ufffe\uffff]/;

/** Reads the command line; anything wrong is an OptionError naming the option. */
export function parsePackageArguments(
  args: readonly string[],
  catalogue: readonly Pick<ScenarioMeta, 'id'>[],
): PackageRequest {
  let values: Record<string, string | undefined>;
  try {
    const parsed = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        course: { type: 'string' },
        scenarios: { type: 'string' },
        'pass-mark': { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    values = parsed.values as Record<string, string | undefined>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(--?[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new OptionError(`${option}: not an option. ${USAGE}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new OptionError(`${option}: needs a value (one starting with "-" is written ${option}=VALUE)`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new OptionError(`${message.replace(/\. .*/, '')}. ${USAGE}`);
    throw new OptionError(message);
  }

  const format = values.format?.trim();
  if (!format) throw new OptionError(`--format: choose one of ${FORMATS.join(', ')}`);
  const formats: LmsFormat[] = [];
  for (const name of format.split(',').map((f) => f.trim().toLowerCase())) {
    if (!(FORMATS as readonly string[]).includes(name))
      throw new OptionError(`--format: "${printable(name)}" is not a package format: ${FORMATS.join(', ')}`);
    if (!formats.includes(name as LmsFormat)) formats.push(name as LmsFormat);
  }

  const title = values.course?.trim().replace(/\s+/g, ' ');
  if (!title) throw new OptionError('--course: the course needs a name');
  if (UNSAFE_CHARACTERS.test(title) || NOT_XML.test(title))
    throw new OptionError('--course: a name cannot hold control characters');
  if (title.length > MAX_TITLE) throw new OptionError(`--course: a name is at most ${MAX_TITLE} characters`);

  const ids = (values.scenarios ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0)
    throw new OptionError('--scenarios: name at least one scenario, e.g. ltl41-01,ltl41-04');
  const known = catalogue.map((entry) => entry.id);
  for (const [i, id] of ids.entries()) {
    if (!known.includes(id))
      throw new OptionError(`--scenarios: "${printable(id)}" is not a scenario: ${known.join(', ')}`);
    if (ids.indexOf(id) !== i) throw new OptionError(`--scenarios: ${id} is listed twice`);
  }

  const passMarkText = values['pass-mark']?.trim() ?? String(DEFAULT_PASS_MARK);
  const passMark = /^\d{1,3}$/.test(passMarkText) ? Number(passMarkText) : NaN;
  if (!(passMark >= 0 && passMark <= 100))
    throw new OptionError(`--pass-mark: "${printable(passMarkText)}" is not a whole number from 0 to 100`);

  const out = values.out ?? DEFAULT_OUT;
  if (out.trim() === '') throw new OptionError('--out: needs a folder');

  return { formats, course: { title, scenarios: ids, passMark }, out };
}

/** A value quoted back in a message: one short line, whatever was typed. */
function printable(value: string): string {
  const flat = value.replace(UNSAFE_CHARACTERS_GLOBAL, '?');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** Lower-case ASCII letters, digits and hyphens from the course's name, for file names and ids. */
export function courseSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'course';
}

/**
 * The course's identifier: its slug and a short hash of its exact name. Packages built again under the
 * same name keep it (an LMS can take them as a new version of the course); another name is another course.
 * Starts with a letter and has no colon, so it is also a valid XML ID (SCORM identifiers are xs:ID).
 */
export function courseId(title: string): string {
  const hash = createHash('sha256').update(title, 'utf8').digest('hex').slice(0, 8);
  return `crt-${courseSlug(title)}-${hash}`;
}

/** The cmi5 IRIs: a URN, since the app has no web address of its own to mint them under. */
export const cmi5CourseIri = (title: string) => `urn:control-room-trainer:course:${courseId(title)}`;
export const cmi5AuIri = (title: string) => `${cmi5CourseIri(title)}:au`;

export const packageFileName = (course: Course, format: LmsFormat) =>
  `${courseSlug(course.title)}-${format}.zip`;

export const LAUNCH_FILE = 'index.html';

/** The course as the app reads it at run time (src/lms/launch.ts), from the package's index.html. */
export function packagedCourse(course: Course, standard: LmsFormat): PackagedCourse {
  return {
    format: 'control-room-trainer/lms-course',
    formatVersion: 1,
    standard,
    id: courseId(course.title),
    title: course.title,
    scenarios: [...course.scenarios],
    passMark: course.passMark,
  };
}

/**
 * The launch page with the course written in, as JSON the app reads before it renders, and the
 * prerendered home (all ten scenarios, outside any LMS) hidden until the app has drawn the course's own.
 */
export function launchPageWithCourse(indexHtml: string, course: PackagedCourse): string {
  const head = '</head>';
  const html = '<html lang="en-GB">';
  if (!indexHtml.includes(head) || !indexHtml.includes(html))
    throw new Error(`the built ${LAUNCH_FILE} has no ${head} or ${html} to write the course into`);
  // "<" as \u003c: no title can close the script element early.
  const json = JSON.stringify(course).replace(/</g, '\\u003c');
  return indexHtml
    .replace(html, '<html lang="en-GB" class="not-home">')
    .replace(head, `<script type="application/json" id="${COURSE_ELEMENT_ID}">${json}</script>\n  ${head}`);
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** 0–100 as a decimal from 0 to 1 ("0.75", "1", "0"). */
const scaled = (passMark: number) => String(passMark / 100);

function description(course: Course, catalogue: readonly Pick<ScenarioMeta, 'id' | 'title'>[]): string {
  const titles = course.scenarios.map((id) => catalogue.find((entry) => entry.id === id)?.title ?? id);
  return `Control Room Trainer: ${titles.join('; ')}. Pass mark ${course.passMark}.`;
}

function fileElements(files: readonly string[]): string {
  return files.map((file) => `      <file href="${escapeXml(file)}"/>`).join('\n');
}

export function scorm12Manifest(course: Course, files: readonly string[]): string {
  const id = courseId(course.title);
  const title = escapeXml(course.title);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${course.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH_FILE}">
${fileElements(files)}
    </resource>
  </resources>
</manifest>
`;
}

export function scorm2004Manifest(course: Course, files: readonly string[]): string {
  const id = courseId(course.title);
  const title = escapeXml(course.title);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${id}-pass" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${scaled(course.passMark)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormType="sco" href="${LAUNCH_FILE}">
${fileElements(files)}
    </resource>
  </resources>
</manifest>
`;
}

export function cmi5CourseStructure(
  course: Course,
  catalogue: readonly Pick<ScenarioMeta, 'id' | 'title'>[],
): string {
  const title = escapeXml(course.title);
  const about = escapeXml(description(course, catalogue));
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${cmi5CourseIri(course.title)}">
    <title><langstring lang="en-GB">${title}</langstring></title>
    <description><langstring lang="en-GB">${about}</langstring></description>
  </course>
  <au id="${cmi5AuIri(course.title)}" moveOn="CompletedAndPassed" masteryScore="${scaled(course.passMark)}" launchMethod="AnyWindow">
    <title><langstring lang="en-GB">${title}</langstring></title>
    <description><langstring lang="en-GB">${about}</langstring></description>
    <url>${LAUNCH_FILE}</url>
  </au>
</courseStructure>
`;
}

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
}

const SOUND_AND_CAPTIONS = /\.(ogg|mp3|vtt)$/;

/** Every file of a folder, as '/'-separated paths relative to it, sorted. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * The built files a course's package carries: all of the build but Vite's manifest, the sound and
 * caption files only other scenarios use, and an offline worker (a package's own build has none; an
 * app build's, as the benchmark packs, would precache files the package leaves out). `build` is a
 * `vite build --manifest` output folder.
 */
export function courseBuildFiles(
  build: string,
  course: Course,
  catalogue: readonly Pick<ScenarioMeta, 'id'>[],
): string[] {
  const manifest = JSON.parse(readFileSync(join(build, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const scenarioIds = new Set(catalogue.map((entry) => entry.id));
  const othersOnly = new Set<string>();
  const used = new Set<string>();
  for (const [source, chunk] of Object.entries(manifest)) {
    // A scenario's sound and caption files, and its list of them (audio/<id>/urls.ts, whose JavaScript
    // stays: the app's code imports every scenario's list).
    const scenario = /^audio\/([^/]+)\//.exec(source)?.[1];
    const other = !!scenario && scenarioIds.has(scenario) && !course.scenarios.includes(scenario);
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])])
      (other && SOUND_AND_CAPTIONS.test(file) ? othersOnly : used).add(file);
  }
  return filesUnder(build).filter(
    (file) =>
      !file.startsWith('.vite/') && file !== WORKER_FILE && !(othersOnly.has(file) && !used.has(file)),
  );
}

/** The zip entries of one package: the build's files, the launch page with its course, and the manifest. */
export function packageEntries(
  build: string,
  files: readonly string[],
  course: Course,
  format: LmsFormat,
  catalogue: readonly Pick<ScenarioMeta, 'id' | 'title'>[],
): ZipEntry[] {
  const text = (name: string, content: string): ZipEntry => ({ name, data: Buffer.from(content, 'utf8') });
  const manifest =
    format === 'scorm12'
      ? text('imsmanifest.xml', scorm12Manifest(course, files))
      : format === 'scorm2004'
        ? text('imsmanifest.xml', scorm2004Manifest(course, files))
        : text('cmi5.xml', cmi5CourseStructure(course, catalogue));
  const folders = [...new Set(files.flatMap((file) => parentFolders(file)))].sort();
  const launchPage = launchPageWithCourse(
    readFileSync(join(build, LAUNCH_FILE), 'utf8'),
    packagedCourse(course, format),
  );
  return [
    manifest,
    ...folders.map((name) => ({ name, data: new Uint8Array() })),
    ...files.map((file) =>
      file === LAUNCH_FILE ? text(file, launchPage) : { name: file, data: readFileSync(join(build, file)) },
    ),
  ];
}

/** 'a/b/c.js' → ['a/', 'a/b/']. */
function parentFolders(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}
