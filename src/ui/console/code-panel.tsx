import { useId, useState } from 'react';
import { OPENING_CODES, type OpeningCode } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';
import { ReasonField } from './reason-field.tsx';

const byLabel = [...OPENING_CODES].sort((a, b) =>
  strings.vocabulary.openingCodes[a].localeCompare(strings.vocabulary.openingCodes[b], strings.locale),
);

/** The opening code, with the force procedure for the code under consideration. */
export function CodePanel(props: PanelProps) {
  const { live, snapshot, inCall, send } = props;
  const { sops } = live.scenario;
  const current = inCall(snapshot.context.codes).at(-1)?.code;
  // No code is suggested: the list is in alphabetical order and starts unchosen.
  const [code, setCode] = useState<OpeningCode | ''>(current ?? '');
  const [reason, setReason, clearSent] = useCallDraft(props, 'code-reason');
  const opened = inCall(snapshot.context.sops).at(-1)?.code;
  const changing = current !== undefined && code !== current;
  const sop = opened ? sops[opened] : undefined;
  const codeId = useId();

  return (
    <section aria-labelledby="code-heading" className="panel">
      <h2 id="code-heading">{strings.ui.console.codeHeading}</h2>
      <p className="field">
        <label htmlFor={codeId}>{strings.ui.console.chooseCode}</label>
        <select id={codeId} value={code} onChange={(event) => setCode(event.target.value as OpeningCode)}>
          <option value="" disabled>
            {strings.ui.console.choosePrompt}
          </option>
          {byLabel.map((c) => (
            <option key={c} value={c}>
              {strings.vocabulary.openingCodes[c]}
            </option>
          ))}
        </select>
      </p>
      {changing && (
        <ReasonField label={strings.ui.console.reasonForCodeChange} value={reason} onChange={setReason} />
      )}
      <div className="button-row">
        <button
          type="button"
          disabled={code === ''}
          onClick={() => {
            if (code === '') return;
            void send({ type: 'trainee.code', code, ...(changing ? { reason: reason.trim() } : {}) }).then(
              (saved) => saved && clearSent(reason),
            );
          }}
        >
          {strings.ui.console.setCode}
        </button>
        <button
          type="button"
          disabled={code === ''}
          onClick={() => code !== '' && void send({ type: 'trainee.openSop', code })}
        >
          {strings.ui.console.openSop}
        </button>
      </div>
      <p className="muted">
        {current
          ? strings.ui.console.currentCode(strings.vocabulary.openingCodes[current])
          : strings.ui.console.noCode}
      </p>
      {opened && (
        <div className="sop" aria-live="polite">
          {sop ? (
            <>
              <h3>{sop.title}</h3>
              <ol>
                {sop.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
              <p className="source">
                {strings.vocabulary.sourceKinds[sop.source.kind]}: {sop.source.ref}
              </p>
            </>
          ) : (
            <p>
              {strings.vocabulary.openingCodes[opened]}: {strings.ui.console.noSop}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
