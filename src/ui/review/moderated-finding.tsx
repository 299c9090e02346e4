import { strings } from '../../strings/en-gb.ts';
import type { FindingContext } from '../../strings/findings.ts';
import type { ModeratedFinding } from '../../supervision/moderation.ts';
import { dateTime } from '../console/time.ts';
import { FindingText, SeverityBadge } from '../debrief/finding-source.tsx';

const r = strings.ui.review;

/**
 * A finding as moderated: the severity that counts, the supervisor's verdict, the finding in words with
 * its source, and who gave the verdict, when and why. The review and the trainee's debrief both show it.
 */
export function ModeratedFindingText({ item, context }: { item: ModeratedFinding; context: FindingContext }) {
  return (
    <>
      <SeverityBadge severity={item.severity} />{' '}
      {item.verdict && <span className="badge">{r.verdicts[item.verdict]}</span>}{' '}
      <FindingText finding={item.finding} context={context} />
      {item.moderation && (
        <p className="muted">
          {r.by(item.moderation.supervisor, dateTime(item.moderation.at), item.moderation.reason)}
        </p>
      )}
    </>
  );
}
