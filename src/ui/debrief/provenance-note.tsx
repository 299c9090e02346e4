import type { Provenance } from '../../engine/attempt.ts';
import { strings } from '../../strings/en-gb.ts';

const d = strings.ui.debrief;

/** Where an event of the real call comes from: what the sources say (in their words), or why it was added. */
export function ProvenanceNote({ provenance }: { provenance: Provenance | undefined }) {
  if (!provenance) return null;
  if ('added' in provenance) return <span className="provenance added">{d.added(provenance.added)}</span>;
  return (
    <span className="provenance reported">
      {d.reported(provenance.reported)}
      {provenance.quote && (
        <>
          {': '}
          <q>{provenance.quote}</q>
        </>
      )}
    </span>
  );
}
