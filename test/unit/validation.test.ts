import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/validation/problems.ts';
import { validateScenario, type ScenarioFiles } from '../../src/validation/validate-scenario.ts';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');
const json = (path: string): Record<string, unknown> => JSON.parse(read(path)) as Record<string, unknown>;

/** The real ltl41-02 files, freshly read so each test can break its own copy. */
function realFiles(): ScenarioFiles {
  const audioFiles = readdirSync(`${root}audio/ltl41-02`);
  return {
    id: 'ltl41-02',
    scenario: json('scenarios/ltl41-02/scenario.json'),
    answerKey: json('scenarios/ltl41-02/answer-key.json'),
    briefing: read('scenarios/ltl41-02/briefing.mdx'),
    debrief: read('scenarios/ltl41-02/debrief.mdx'),
    attempts: {
      model: json('scenarios/ltl41-02/attempts/model.json'),
      historical: json('scenarios/ltl41-02/attempts/historical.json'),
    },
    voices: new Set(Object.keys(json('audio/recipe/voices.json'))),
    audio: {
      files: new Set(audioFiles),
      captions: new Map(
        audioFiles
          .filter((f) => f.endsWith('.vtt'))
          .map((f) => [f.slice(0, -4), read(`audio/ltl41-02/${f}`)]),
      ),
      manifest: json('audio/ltl41-02/manifest.json'),
    },
  };
}

/** Where a line sits in scenario.json, so each test breaks the line it means whatever the order. */
const lineAt = (id: string): number =>
  (realFiles().scenario as any).lines.findIndex((line: any) => line.id === id);
const opening = lineAt('opening');
const bangingStarts = lineAt('banging-starts');
const replyLocation = lineAt('reply-location');

async function problemsAfter(
  change: (files: ScenarioFiles & { scenario: any; answerKey: any }) => void,
): Promise<string[]> {
  const files = realFiles() as ScenarioFiles & { scenario: any; answerKey: any };
  change(files);
  return (await validateScenario(files)).map(formatProblem);
}

describe('scenario validation', () => {
  it('passes the real scenario', async () => {
    expect(await problemsAfter(() => {})).toEqual([]);
  });

  it.each<[string, (files: any) => void, string]>([
    [
      'a misspelt field',
      (f) => {
        f.scenario.lines[bangingStarts].dicloses = ['x'];
      },
      `scenarios/ltl41-02/scenario.json: lines[${bangingStarts}]: Unrecognized key: "dicloses"`,
    ],
    [
      'an officer speaking for a unit the scenario does not have',
      (f) => {
        f.scenario.lines[lineAt('alpha-21-volunteers')].unit = 'alpha-99';
      },
      `scenarios/ltl41-02/scenario.json: lines[${lineAt('alpha-21-volunteers')}].unit: no unit "alpha-99"`,
    ],
    [
      'a caller speaking for a unit',
      (f) => {
        f.scenario.lines[opening].unit = 'alpha-21';
      },
      `scenarios/ltl41-02/scenario.json: lines[${opening}].unit: only an officer speaks for a unit`,
    ],
    [
      'an unknown topic',
      (f) => {
        f.scenario.lines[replyLocation].trigger.topic = 'weather';
      },
      `scenarios/ltl41-02/scenario.json: lines[${replyLocation}].trigger.topic: Invalid option`,
    ],
    [
      'a fact that does not exist',
      (f) => {
        f.scenario.lines[opening].discloses = ['nothing-like-this'];
      },
      `scenarios/ltl41-02/scenario.json: lines[${opening}].discloses[0]: no fact "nothing-like-this"`,
    ],
    [
      'a check on a subject the system cannot hold',
      (f) => {
        f.scenario.checks[0].system = 'address-markers';
      },
      'scenarios/ltl41-02/scenario.json: checks[0].system: address-markers holds nothing on a person',
    ],
    [
      'a timed line after a missing line',
      (f) => {
        f.scenario.lines[opening].trigger.line = 'gone';
      },
      `scenarios/ltl41-02/scenario.json: lines[${opening}].trigger.line: no line "gone"`,
    ],
    [
      'two answers to one question',
      (f) => {
        f.scenario.lines[replyLocation].trigger = { on: 'ask', topic: 'what-is-happening' };
      },
      `scenarios/ltl41-02/scenario.json: lines[${replyLocation}].trigger: another line in this phase already answers this`,
    ],
    [
      'a search result that hides the next one',
      (f) => {
        delete f.scenario.checks.find((c: any) => c.id === 'history-caller-number-logged').onlyIf;
      },
      'scenarios/ltl41-02/scenario.json: checks[3]: a later result for the same search is never found',
    ],
    [
      'a bad id',
      (f) => {
        f.scenario.facts[0].id = 'Bad Id';
      },
      'scenarios/ltl41-02/scenario.json: facts[0].id: must be lower-case words',
    ],
    [
      'a matcher that misses its own example',
      (f) => {
        f.answerKey.logging.facts[0].matcher.examples.match.push('nothing relevant');
      },
      'scenarios/ltl41-02/answer-key.json: logging.facts[0].matcher.examples.match[2]: "nothing relevant" is not matched',
    ],
    [
      'a matcher without a negative example',
      (f) => {
        f.answerKey.logging.facts[0].matcher.examples.noMatch = [];
      },
      'scenarios/ltl41-02/answer-key.json: logging.facts[0].matcher.examples.noMatch: needs at least one text the matcher must reject',
    ],
    [
      'an invalid pattern',
      (f) => {
        f.answerKey.thrive.elements.harm.keyFactors[0].matcher.patterns = ['(unclosed'];
      },
      'scenarios/ltl41-02/answer-key.json: thrive.elements.harm.keyFactors[0].matcher.patterns[0]: Invalid regular expression',
    ],
    [
      'an expected grade the force does not use',
      (f) => {
        f.scenario.force.grades = f.scenario.force.grades.slice(1);
      },
      'scenarios/ltl41-02/answer-key.json: grading.expected: the force in scenario.json has no "immediate" grade',
    ],
    [
      'a line with no audio',
      (f) => {
        f.audio.files.delete('opening.ogg');
      },
      'audio/ltl41-02/opening.ogg: (file): missing audio for line "opening"',
    ],
    [
      'no list of the audio files for the app',
      (f) => {
        f.audio.files.delete('urls.ts');
      },
      'audio/ltl41-02/urls.ts: (file): missing: run npm run audio',
    ],
    [
      'a caption that says something else',
      (f) => {
        f.audio.captions.set('opening', 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nSomething else.\n');
      },
      'audio/ltl41-02/opening.vtt: (captions): says "Something else."',
    ],
    [
      'script text changed since the audio was made',
      (f) => {
        f.scenario.lines[opening].text = 'New words.';
        f.audio.captions.delete('opening');
      },
      'audio/ltl41-02/manifest.json: lines.opening.text: the audio was made from different text',
    ],
    [
      'a briefing without a content note',
      (f) => {
        f.briefing = '# Hello';
      },
      'scenarios/ltl41-02/briefing.mdx: ContentNote: must include <ContentNote />',
    ],
    [
      'a debrief that does not compile',
      (f) => {
        f.debrief = '<Signposting />\n\n{[';
      },
      'scenarios/ltl41-02/debrief.mdx: (mdx): ',
    ],
    [
      'a debrief that names its own signposting topics',
      (f) => {
        f.debrief = "<Signposting topics={['mental-health']} />";
      },
      'scenarios/ltl41-02/debrief.mdx: Signposting: write <Signposting /> and list its topics as supportTopics in scenario.json',
    ],
    [
      'a reference attempt that cannot be replayed',
      (f) => {
        (f.attempts.model as any).events.splice(1, 1);
      },
      'scenarios/ltl41-02/attempts/model.json: events: events[1] (trainee.',
    ],
    [
      'a reference attempt whose words do not say what it records',
      (f) => {
        const speak = (f.attempts.model as any).events.find((e: any) => e.type === 'trainee.speak');
        speak.text = 'what is the weather like there';
      },
      'scenarios/ltl41-02/attempts/model.json: events[',
    ],
    [
      'a historical event that does not say whether the sources report it',
      (f) => {
        const answered = (f.attempts.historical as any).events.find((e: any) => e.type === 'trainee.answer');
        delete answered.provenance;
      },
      'scenarios/ltl41-02/attempts/historical.json: events[1].provenance: trainee.answer must say whether the sources report it',
    ],
    [
      'a reference search that finds someone else',
      (f) => {
        const check = (f.attempts.model as any).events.find(
          (e: any) => e.type === 'trainee.check' && e.subject,
        );
        check.query = 'Nobody Atall';
      },
      'scenarios/ltl41-02/attempts/model.json: events[',
    ],
    [
      'a flag to dispatch that need not say anything',
      (f) => {
        const flag = f.answerKey.escalation.expectations.find((e: any) => e.requires.to === 'dispatcher');
        delete flag.requires.saying;
      },
      'scenarios/ltl41-02/answer-key.json: escalation.expectations[',
    ],
    [
      'an alternative way that names a line the scenario does not have',
      (f) => {
        f.answerKey.ndm.expectations[0].requires = {
          kind: 'any-of',
          of: [f.answerKey.ndm.expectations[0].requires, { kind: 'heard', line: 'no-such-line' }],
        };
      },
      'scenarios/ltl41-02/answer-key.json: ndm.expectations[0].requires.of[1].line: no line "no-such-line"',
    ],
    [
      'a flag to dispatch, as one of two ways, that need not say anything',
      (f) => {
        f.answerKey.ndm.expectations[0].requires = {
          kind: 'any-of',
          of: [f.answerKey.ndm.expectations[0].requires, { kind: 'escalated', to: 'dispatcher' }],
        };
      },
      'scenarios/ltl41-02/answer-key.json: ndm.expectations[0].requires.of[1].saying: a flag to dispatch must say',
    ],
    [
      'a subject nobody could learn to search for',
      (f) => {
        f.scenario.subjects.find((s: any) => s.id === 'ex-husband').identifiers = ['Zebedee Quartermain'];
      },
      'scenarios/ltl41-02/scenario.json: subjects[1].identifiers: nothing in the call or the systems gives "Zebedee Quartermain"',
    ],
    [
      'a line whose length is not its audio',
      (f) => {
        f.scenario.lines[opening].audio.seconds += 3;
      },
      'scenarios/ltl41-02/scenario.json: lines.opening.audio.seconds: is ',
    ],
    [
      'a phrasing that is not a template',
      (f) => {
        f.scenario.phrasings = { topics: { location: ['where (are you'] } };
      },
      'scenarios/ltl41-02/scenario.json: phrasings.topics.location[0]',
    ],
    [
      'a key factor revealed by a fact the scenario does not have',
      (f) => {
        f.answerKey.thrive.elements.threat.keyFactors[0].facts = ['no-such-fact'];
      },
      'scenarios/ltl41-02/answer-key.json: thrive.elements.threat.keyFactors[0].facts[0]: no fact "no-such-fact"',
    ],
    [
      'harmful advice in a call the scenario does not have',
      (f) => {
        f.answerKey.ndm.harmful = [
          {
            id: 'cpr',
            advice: 'start-cpr',
            phase: 'no-such-call',
            weight: 1,
            severity: 'major',
            why: 'Nobody is hurt.',
            source: { kind: 'trainer-judgement', ref: 'test' },
          },
        ];
      },
      'scenarios/ltl41-02/answer-key.json: ndm.harmful[0].phase: no phase "no-such-call"',
    ],
    [
      'a call with nothing said on answering',
      (f) => {
        f.scenario.lines = f.scenario.lines.filter((l: any) => l.trigger.on !== 'answer');
      },
      'scenarios/ltl41-02/scenario.json: phases: phase "call-999" has no line spoken on answering',
    ],
  ])('names the file and field for %s', async (_, change, expected) => {
    const problems = await problemsAfter(change);
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });
});
