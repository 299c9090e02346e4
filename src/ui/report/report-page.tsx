/*
 * A trainee's assessment report, made to be printed (or saved as PDF from the print dialogue): each
 * finished attempt with the machine's and the moderated marks side by side, the findings with their
 * sources and any supervisor's verdicts, and the real outcome of every case attempted.
 */
import { loadReport, type ReportData } from '../../services/trainee-report.ts';
import { strings } from '../../strings/en-gb.ts';
import { dateTime } from '../console/time.ts';
import { FindingText, SeverityBadge } from '../debrief/finding-source.tsx';
import { MdxContent, Signposting } from '../mdx-components.tsx';
import { MarksTable } from '../review/marks-table.tsx';
import { attemptStore } from '../services.ts';
import { useStoreVersion } from '../store-changes.ts';
import { useAsync } from '../supervise/use-async.ts';
import { NotReady } from '../screen-failed.tsx';

const p = strings.ui.report;
const v = strings.vocabulary;

/** One row per finished attempt, oldest first, whether or not this build can replay it. */
function summaryRows(attempts: ReportData['attempts'], notReplayable: ReportData['notReplayable']) {
  return [
    ...attempts.map(({ record, title, report }) => ({
      record,
      title,
      machine: p.totalBand(report.machine.total, v.bands[report.machine.band]),
      moderated: report.moderated ? p.totalBand(report.total, v.bands[report.band]) : p.notModerated,
    })),
    ...notReplayable.map(({ record, title, why }) => ({
      record,
      title,
      machine: record.score ? p.scoredThen(record.score.total, v.bands[record.score.band]) : p.noScoreKept,
      moderated: why,
    })),
  ].sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
}

export default function ReportPage({ traineeId }: { traineeId: string }) {
  // Loaded again when a classroom's sync keeps what arrived from the server: moderations, attempts.
  const [loaded] = useAsync(
    async () => loadReport(await attemptStore(), traineeId),
    traineeId,
    useStoreVersion('results'),
  );
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  const { name, attempts, notReplayable, cases } = loaded.value;
  return (
    <article className="report">
      <h1>{p.heading(name)}</h1>
      <p className="muted">
        {p.generated(dateTime(new Date().toISOString()))} {p.whatIfsLeftOut}
      </p>
      <p className="no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {p.print}
        </button>
      </p>
      {attempts.length + notReplayable.length === 0 ? (
        <p>{p.noAttempts}</p>
      ) : (
        <>
          <section aria-labelledby="report-summary">
            <h2 id="report-summary">{p.summaryHeading}</h2>
            <table>
              <caption className="visually-hidden">{p.summaryHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{strings.ui.supervise.scenario}</th>
                  <th scope="col">{strings.ui.supervise.started}</th>
                  <th scope="col">{strings.ui.review.machine}</th>
                  <th scope="col">{strings.ui.review.moderated}</th>
                </tr>
              </thead>
              <tbody>
                {summaryRows(attempts, notReplayable).map(({ record, title, machine, moderated }) => (
                  <tr key={record.id}>
                    <th scope="row">{title}</th>
                    <td>{dateTime(record.startedAt)}</td>
                    <td>{machine}</td>
                    <td>{moderated}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {attempts.map(({ record, title, report, assisted, context }) => (
            <section key={record.id} className="report-attempt" aria-labelledby={`attempt-${record.id}`}>
              <h2 id={`attempt-${record.id}`}>{p.attemptHeading(title, dateTime(record.startedAt))}</h2>
              {assisted && <p className="notice">{strings.ui.assistedMode}</p>}
              <MarksTable report={report} caption={p.attemptHeading(title, dateTime(record.startedAt))} />
              <h3>{p.findings}</h3>
              <ul className="findings">
                {report.findings.map((item) => (
                  <li key={item.finding.id} className={`finding severity-${item.severity}`}>
                    <SeverityBadge severity={item.severity} />{' '}
                    <FindingText finding={item.finding} context={context} />
                    {item.moderation && item.verdict && (
                      <p>
                        {p.verdict(
                          strings.ui.review.verdicts[item.verdict],
                          item.moderation.supervisor,
                          item.moderation.reason,
                        )}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {cases.map(({ meta, content }) => (
            <section key={meta.id} className="report-case" aria-label={p.outcomeHeading(meta.title)}>
              <p className="case-title">
                <strong>{p.outcomeHeading(meta.title)}</strong>
              </p>
              <MdxContent Content={content.Debrief} />
            </section>
          ))}
          <Signposting topics={cases.flatMap(({ meta }) => meta.supportTopics)} intro={p.signpostingIntro} />
        </>
      )}
    </article>
  );
}
