/*
 * A supervisor's moderation of the trainee's own attempt, in their debrief: the moderated marks beside the
 * machine's, and the findings a supervisor gave a verdict on, each with who, when and why. The machine's
 * score stays the debrief's score; this is laid beside it. In a classroom a moderation reaches the
 * trainee's device by sync, so it is read from the store after the debrief has painted and again whenever
 * the sync keeps something new, and it appears on a debrief already open.
 */
import type { Moderation } from '../../records/records.ts';
import { strings } from '../../strings/en-gb.ts';
import type { FindingContext } from '../../strings/findings.ts';
import type { ModeratedReport } from '../../supervision/moderation.ts';
import { useLms } from '../lms/lms-mode.ts';
import { MarksTable } from '../review/marks-table.tsx';
import { ModeratedFindingText } from '../review/moderated-finding.tsx';
import { attemptStore } from '../services.ts';
import { useStoreVersion } from '../store-changes.ts';
import { useAsync, type Async } from '../supervise/use-async.ts';

const d = strings.ui.debrief;

/**
 * The moderations of an attempt, kept current as the sync brings more. None in an LMS course: it has no
 * supervisor screens, and the LMS holds the machine's result.
 */
export function useModerations(attemptId: string): Async<Moderation[]> {
  const inCourse = useLms() !== null;
  const [moderations] = useAsync(
    async () => (inCourse ? [] : (await attemptStore()).moderationsOf(attemptId)),
    attemptId,
    useStoreVersion('results'),
  );
  return moderations;
}

/** Shown only for a report a supervisor changed something in (`report.moderated`). */
export function SupervisorModeration({
  report,
  context,
}: {
  report: ModeratedReport;
  context: FindingContext;
}) {
  const verdicts = report.findings.filter((item) => item.moderation);
  const marked = Object.values(report.dimensions).some((row) => row.moderated !== null);
  return (
    <section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{d.moderationHeading}</h2>
      <p>{d.moderationIntro}</p>
      <p className={`score band-${report.band}`}>
        <strong>{d.total(report.total)}</strong> · {strings.vocabulary.bands[report.band]}
      </p>
      {marked && <MarksTable report={report} caption={d.moderationHeading} />}
      {verdicts.length > 0 && (
        <>
          <h3>{d.moderatedFindingsHeading}</h3>
          <ul className="findings">
            {verdicts.map((item) => (
              <li key={item.finding.id} className={`finding severity-${item.severity}`}>
                <ModeratedFindingText item={item} context={context} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
