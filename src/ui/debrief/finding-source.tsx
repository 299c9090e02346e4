import type { Severity } from '../../../machines/vocabulary.ts';
import type { Finding, FindingSource as Source } from '../../scoring/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import { renderFinding, sourceOf, type FindingContext } from '../../strings/findings.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity}`}>{strings.vocabulary.severities[severity]}</span>;
}

/**
 * What a finding rests on, labelled by its kind so it claims no more than its source says: an IOPC finding,
 * a key question the IOPC asks, the guidance, what the force changed afterwards, APP, force policy,
 * or trainer judgement. A quote is the source document's own words (checked by npm run validate).
 */
export function FindingSource({ source: from }: { source: Source }) {
  const source = sourceOf(from);
  return (
    <p className="source">
      <strong>{strings.ui.debrief.sourceLabel}</strong>{' '}
      <span
        className={`badge source-${source.kind}${source.kind === 'trainer-judgement' ? ' trainer-judgement' : ''}`}
      >
        {strings.vocabulary.sourceKinds[source.kind]}
      </span>{' '}
      {source.ref}
      {source.quote && (
        <>
          {' '}
          <q>{source.quote}</q>
        </>
      )}
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
