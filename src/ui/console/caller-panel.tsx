import { useEffect, useId, useState } from 'react';
import { isVoice } from '../../../machines/call-machine.ts';
import { ADVICE, TOPICS } from '../../../machines/vocabulary.ts';
import type { Caption } from '../../sound/sound.ts';
import { strings } from '../../strings/en-gb.ts';
import { loadCaptionsOn, saveCaptionsOn } from '../preferences.ts';
import type { PanelProps } from './call-console.tsx';
import { speakerName } from './speaker-name.ts';

/** The caller: answer and end the call, hear them with captions, ask and advise, read the transcript. */
export function CallerPanel({ live, snapshot, send, timeOf }: PanelProps) {
  const { definition } = live.scenario;
  const { context } = snapshot;
  const phase = definition.phases[context.phaseIndex];
  const lines = new Map(definition.lines.map((line) => [line.id, line]));
  const [caption, setCaption] = useState<Caption | null>(null);
  const [captionsOn, setCaptionsOn] = useState(loadCaptionsOn);
  const captionsId = useId();
  const ringing = snapshot.matches({ call: 'ringing' });
  const connected = snapshot.matches({ call: 'connected' });

  useEffect(() => live.sound.onCaption(setCaption), [live.sound]);
  useEffect(() => {
    if (!ringing) return;
    live.sound.startRinging();
    return () => live.sound.stopRinging();
  }, [ringing, live.sound]);

  const asked = new Set(context.questions.filter((q) => q.phase === phase?.id).map((q) => q.topic));
  const advised = new Set(context.advice.filter((a) => a.phase === phase?.id).map((a) => a.advice));
  // The transcript is what was heard; colleagues' notes are on the incident log.
  const transcript = context.transcript.filter(
    (spoken) => spoken.phase === phase?.id && isVoice(lines.get(spoken.line)),
  );

  return (
    <section aria-labelledby="caller-heading" className="panel caller">
      <h2 id="caller-heading">{strings.ui.console.callerHeading}</h2>
      {ringing && (
        <button
          type="button"
          className="primary answer"
          autoFocus
          onClick={() => void send({ type: 'trainee.answer' })}
        >
          {strings.ui.console.answer}
        </button>
      )}
      {connected && (
        <button type="button" className="danger" onClick={() => void send({ type: 'trainee.endCall' })}>
          {strings.ui.console.endCall}
        </button>
      )}
      {snapshot.matches({ call: 'wrapUp' }) && <CallBack send={send} />}
      <p className="field inline">
        <input
          id={captionsId}
          type="checkbox"
          checked={captionsOn}
          onChange={(event) => {
            setCaptionsOn(event.target.checked);
            saveCaptionsOn(event.target.checked);
          }}
        />
        <label htmlFor={captionsId}>{strings.ui.console.captionsToggle}</label>
      </p>
      {captionsOn && (
        <div className="caption" role="status" aria-label={strings.ui.console.captionLabel}>
          {caption ? (
            <>
              <strong>{caption.who}:</strong> {caption.text}
            </>
          ) : (
            '\u00a0'
          )}
        </div>
      )}
      {connected && (
        <>
          <h3>{strings.ui.console.askHeading}</h3>
          <ul className="choice-list">
            {TOPICS.map((topic) => (
              <li key={topic}>
                <button type="button" onClick={() => void send({ type: 'trainee.ask', topic })}>
                  {strings.vocabulary.topics[topic]}
                  {asked.has(topic) && <span className="done-mark"> ({strings.ui.console.asked})</span>}
                </button>
              </li>
            ))}
          </ul>
          <h3>{strings.ui.console.adviseHeading}</h3>
          <ul className="choice-list">
            {ADVICE.map((advice) => (
              <li key={advice}>
                <button type="button" onClick={() => void send({ type: 'trainee.say', advice })}>
                  {strings.vocabulary.advice[advice]}
                  {advised.has(advice) && <span className="done-mark"> ({strings.ui.console.given})</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="transcript" open={captionsOn}>
        <summary>
          {captionsOn ? strings.ui.console.transcriptHeading : strings.ui.console.showTranscript}
        </summary>
        {transcript.length === 0 ? (
          <p>{strings.ui.console.transcriptEmpty}</p>
        ) : (
          <div role="log" aria-label={strings.ui.console.transcriptHeading}>
            <ol>
              {transcript.map((spoken) => {
                const line = lines.get(spoken.line);
                return (
                  <li key={`${spoken.line}-${spoken.at}`}>
                    <span className="time">{timeOf(spoken)}</span>{' '}
                    <strong>{line ? speakerName(line) : ''}:</strong> {line?.text}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </details>
    </section>
  );
}

/** Ringing back can put a victim at risk: the reason it is worth it goes on record with the call. */
function CallBack({ send }: Pick<PanelProps, 'send'>) {
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <form
      className="call-back"
      onSubmit={(event) => {
        event.preventDefault();
        void send({ type: 'trainee.callBack', ...(reason.trim() ? { reason: reason.trim() } : {}) });
      }}
    >
      <p className="field">
        <label htmlFor={id}>{strings.ui.console.callBackReason}</label>
        <textarea id={id} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </p>
      <button type="submit">{strings.ui.console.callBack}</button>
    </form>
  );
}
