import type { SourceRef } from '../../../machines/scenario-format.ts';
import type { Severity } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity}`}>{strings.vocabulary.severities[severity]}</span>;
}

/** What a finding rests on; trainer judgement is labelled as such. */
export function FindingSource({ source }: { source: SourceRef }) {
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
