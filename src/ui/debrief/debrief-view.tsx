/*
 * The debrief: the score by dimension with its findings (each with its source, trainer judgement
 * labelled as such), a supervisor's moderation of it once there is one, the trainee's call beside the
 * real one and best practice, and what really happened.
 */
import type { CallContext } from '../../../machines/call-machine.ts';
import { SCORING_DIMENSIONS, THRIVE_ELEMENTS, type ScoringDimension } from '../../../machines/vocabulary.ts';
import { findScenario } from '../../../scenarios/catalogue.ts';
import { parseAttempt, type AttemptEntry } from '../../engine/attempt.ts';
import { replay } from '../../engine/replay.ts';
import { summariseCall, type CallSummary } from '../../scoring/call-summary.ts';
import { gradeName } from '../../strings/findings.ts';
import { scoreCall } from '../../scoring/score.ts';
import { strings } from '../../strings/en-gb.ts';
import type { LiveAttempt } from '../attempt/live-attempt.ts';
import { stopwatch } from '../console/time.ts';
import { MdxContent } from '../mdx-components.tsx';
import { navigate } from '../routes.ts';
import { describeEntry } from './describe-entry.ts';
import { FindingText, SeverityBadge } from './finding-source.tsx';
import { ProvenanceNote } from './provenance-note.tsx';
import { unassessedFor, type Unassessed } from '../../scoring/provenance.ts';
import { useLms } from '../lms/lms-mode.ts';
import { moderateReport } from '../../supervision/moderation.ts';
import { SupervisorModeration, useModerations } from './supervisor-moderation.tsx';

const d = strings.ui.debrief;

export default function DebriefView({ live, call }: { live: LiveAttempt; call: CallContext }) {
  const { definition, answerKey, machine, referenceAttempts } = live.scenario;
  const report = scoreCall(definition, answerKey, call);
  const moderations = useModerations(live.record.id);
  const moderated = moderations.state === 'ready' ? moderateReport(report, moderations.value) : null;
  const scoreHeading = moderated?.moderated ? d.machineScoreHeading : d.scoreHeading;
  const historical = parseAttempt(referenceAttempts.historical);
  const unreported = unassessedFor(historical, answerKey).dimensions;
  const model = parseAttempt(referenceAttempts.model);
  const phase = answerKey.grading.phase;
  const summaries = {
    you: summariseCall(call, phase),
    real: summariseCall(replay(machine, historical.events).context, phase),
    model: summariseCall(replay(machine, model.events).context, phase),
  };

  return (
    <article className="debrief">
      <h1>{d.heading(definition.title)}</h1>
      <p className="muted">
        {d.caseStudy(definition.caseStudy.issue, definition.caseStudy.number, definition.caseStudy.title)}
      </p>
      <CourseCount attempt={live.record} scenario={definition.id} />
      {call.assisted && (
        <p role="note" className="notice">
          {strings.ui.assistedMode}
        </p>
      )}

      <section aria-labelledby="score-heading">
        <h2 id="score-heading">{scoreHeading}</h2>
        <p className={`score band-${report.band}`}>
          <strong>{d.total(report.total)}</strong> · {strings.vocabulary.bands[report.band]}
        </p>
        {report.capped && <p>{d.capped[report.capped]}</p>}
        <table>
          <caption className="visually-hidden">{scoreHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{d.dimension}</th>
              <th scope="col">{d.score}</th>
              <th scope="col">{d.weight}</th>
            </tr>
          </thead>
          <tbody>
            {SCORING_DIMENSIONS.map((dimension) => (
              <tr key={dimension}>
                <th scope="row">{strings.vocabulary.dimensions[dimension]}</th>
                <td>{report.dimensions[dimension].score}</td>
                <td>{report.dimensions[dimension].weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {moderated?.moderated && (
        <SupervisorModeration report={moderated} context={{ scenario: definition, key: answerKey }} />
      )}
      {moderations.state === 'error' && (
        <p className="notice error">{d.moderationNotLoaded(moderations.message)}</p>
      )}

      <section aria-labelledby="findings-heading">
        <h2 id="findings-heading">{d.findingsHeading}</h2>
        {SCORING_DIMENSIONS.map((dimension) => {
          const findings = report.findings.filter((f) => f.dimension === dimension);
          if (findings.length === 0) return null;
          return (
            <div key={dimension}>
              <h3>{strings.vocabulary.dimensions[dimension]}</h3>
              <ul className="findings">
                {findings.map((finding) => (
                  <li key={finding.id} className={`finding severity-${finding.severity}`}>
                    <SeverityBadge severity={finding.severity} />{' '}
                    <FindingText finding={finding} context={{ scenario: definition, key: answerKey }} />
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      <section aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">{d.comparisonHeading}</h2>
        <Comparison
          summaries={summaries}
          unreported={unreported}
          gradeLabel={(g) => gradeName(definition, g)}
        />
        {Object.keys(unreported).length > 0 && (
          <>
            <h3>{d.unreportedHeading}</h3>
            <dl className="unreported">
              {SCORING_DIMENSIONS.filter((dimension) => unreported[dimension]).map((dimension) => (
                <div key={dimension}>
                  <dt>{strings.vocabulary.dimensions[dimension]}</dt>
                  <dd>{unreported[dimension]}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <details>
          <summary>{d.timelineHeading}</summary>
          <div className="timelines">
            <Timeline
              title={d.yourTimeline}
              entries={live.session.events}
              describe={(e) => describeEntry(e, definition)}
            />
            <Timeline
              title={d.realTimeline}
              entries={historical.events}
              describe={(e) => describeEntry(e, definition)}
              sourced
            />
          </div>
        </details>
      </section>

      <MdxContent
        Content={live.content.Debrief}
        supportTopics={findScenario(definition.id)?.supportTopics ?? []}
      />

      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() => navigate({ screen: 'new-attempt', scenarioId: definition.id })}
        >
          {d.tryAgain}
        </button>
        <button type="button" onClick={() => navigate({ screen: 'home' })}>
          {d.backHome}
        </button>
      </div>
    </article>
  );
}

/** In an LMS course: whether this attempt is the one the course counts, or practice. */
function CourseCount({ attempt, scenario }: { attempt: LiveAttempt['record']; scenario: string }) {
  const lms = useLms();
  if (!lms || attempt.course !== lms.course.id) return null;
  const l = strings.ui.lms;
  const counted = lms.counted[scenario]?.attempt === attempt.id;
  return (
    <p role="note" className="notice">
      {counted ? (lms.reporting ? l.countedAttempt : l.countedNotSent) : l.practiceAttempt}
    </p>
  );
}

function Comparison({
  summaries,
  unreported,
  gradeLabel,
}: {
  summaries: Record<'you' | 'real' | 'model', CallSummary>;
  /** What the sources do not report of the real call, by the dimension it is scored on. */
  unreported: Unassessed['dimensions'];
  gradeLabel: (grade: NonNullable<CallSummary['grade']>) => string;
}) {
  const none = d.none;
  const rows: [string, ScoringDimension, (s: CallSummary) => string][] = [
    [d.rows.code, 'openingCode', (s) => (s.code ? strings.vocabulary.openingCodes[s.code] : none)],
    [d.rows.grade, 'grading', (s) => (s.grade ? gradeLabel(s.grade) : none)],
    [d.rows.risk, 'thrive', (s) => (s.risk ? strings.vocabulary.riskLevels[s.risk] : none)],
    [d.rows.questions, 'ndm', (s) => String(s.questions)],
    [d.rows.checks, 'ndm', (s) => String(s.checks)],
    [d.rows.thrive, 'thrive', (s) => d.thriveElementsOf(s.thriveElements, THRIVE_ELEMENTS.length)],
    [d.rows.log, 'logging', (s) => String(s.logWords)],
    [
      d.rows.escalations,
      'escalation',
      (s) => s.escalations.map((to) => strings.vocabulary.escalationTargets[to]).join('; ') || none,
    ],
  ];
  return (
    <table className="comparison">
      <caption className="visually-hidden">{d.comparisonHeading}</caption>
      <thead>
        <tr>
          <th scope="col">{d.decision}</th>
          <th scope="col">{d.you}</th>
          <th scope="col">{d.realCall}</th>
          <th scope="col">{d.model}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, dimension, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(summaries.you)}</td>
            <td>{unreported[dimension] ? <em>{d.notReported}</em> : value(summaries.real)}</td>
            <td>{value(summaries.model)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Timeline({
  title,
  entries,
  describe,
  sourced = false,
}: {
  title: string;
  entries: readonly AttemptEntry[];
  describe: (entry: AttemptEntry) => string;
  /** Shows where each event comes from (the real call's). */
  sourced?: boolean;
}) {
  return (
    <div>
      <h3>{title}</h3>
      <ol className="timeline">
        {entries
          .filter((entry) => entry.type !== 'clock.tick')
          .map((entry, index) => (
            <li key={index}>
              <span className="time">{stopwatch(entry.at)}</span> {describe(entry)}
              {sourced && <ProvenanceNote provenance={entry.provenance} />}
            </li>
          ))}
      </ol>
    </div>
  );
}
