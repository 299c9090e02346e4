import type { Severity } from '../../../machines/vocabulary.ts';
import type { Finding, FindingSource as Source } from '../../scoring/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import { renderFinding, sourceOf, type FindingContext } from '../../strings/findings.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity}`}>{strings.vocabulary.severities[severity]}</span>;
}

/** What a finding rests on; trainer judgement is labelled as such. */
export function FindingSource({ source: from }: { source: Source }) {
  const source = sourceOf(from);
  return (
    <p className="source">
      <strong>{strings.ui.debrief.sourceLabel}</strong>{' '}
      <span className={source.kind === 'trainer-judgement' ? 'badge trainer-judgement' : 'badge'}>
        {strings.vocabulary.sourceKinds[source.kind]}
      </span>{' '}
      {source.ref}
      {source.quote && <q>{source.quote}</q>}
    </p>
  );
}

/** A finding in words: its rendered text, then what it rests on. */
export function FindingText({ finding, context }: { finding: Finding; context: FindingContext }) {
  return (
    <>
      {renderFinding(finding, context)}
      <FindingSource source={finding.source} />
    </>
  );
}
