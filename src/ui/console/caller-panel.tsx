import { useEffect, useId, useState } from 'react';
import { isVoice, secondsOf } from '../../../machines/call-machine.ts';
import { lexiconFor, readMessage } from '../../../machines/read-message.ts';
import { ADVICE, TOPICS } from '../../../machines/vocabulary.ts';
import type { Caption } from '../../sound/sound.ts';
import { strings } from '../../strings/en-gb.ts';
import { loadCaptionsOn, saveCaptionsOn } from '../preferences.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';
import { speakerName } from './speaker-name.ts';

/** The words of a line the trainee cut short, as far as they were heard: "I'm at home. Fourteen—". */
function heardPart(text: string, fraction: number): string {
  const words = text.split(' ');
  return `${words.slice(0, Math.max(1, Math.floor(words.length * fraction))).join(' ')}\u2014`;
}

/**
 * The caller: answer and end the call, hear them with captions, speak to them in your own words (or, in
 * assisted mode, from the menu), read the transcript of both sides.
 */
export function CallerPanel(props: PanelProps) {
  const { live, snapshot, send, timeOf } = props;
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
  // Both sides of the call, in order; colleagues' notes are on the incident log.
  const transcript = [
    ...context.transcript
      .filter((spoken) => spoken.phase === phase?.id && isVoice(lines.get(spoken.line)))
      .map((spoken) => {
        const line = lines.get(spoken.line);
        const cut = spoken.cutAt !== undefined;
        const fraction = cut ? ((spoken.cutAt ?? 0) - spoken.at) / Math.max(1, secondsOf(line)) : 1;
        return {
          key: `${spoken.line}-${spoken.at}`,
          stamp: spoken,
          who: line ? speakerName(line) : '',
          text: cut ? heardPart(line?.text ?? '', fraction) : (line?.text ?? ''),
          note: cut ? strings.ui.console.talkedOver : null,
        };
      }),
    ...context.utterances
      .filter((said) => said.phase === phase?.id)
      .map((said) => ({
        key: `you-${said.at}-${said.text}`,
        stamp: said,
        who: strings.ui.console.you,
        text: said.text,
        note: null,
      })),
  ].sort((a, b) => a.stamp.at - b.stamp.at || (a.who === strings.ui.console.you ? -1 : 1));

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
      {snapshot.matches({ call: 'wrapUp' }) && <CallBack {...props} />}
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
      {connected && <SayBox {...props} phrasings={definition.phrasings} />}
      {connected && context.assisted && (
        <section aria-labelledby="assisted-heading" className="assisted">
          <h3 id="assisted-heading">{strings.ui.console.assistedHeading}</h3>
          <p className="muted">{strings.ui.console.assistedNote}</p>
          <h4>{strings.ui.console.askHeading}</h4>
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
          <h4>{strings.ui.console.adviseHeading}</h4>
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
        </section>
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
              {transcript.map((item) => (
                <li key={item.key}>
                  <span className="time">{timeOf(item.stamp)}</span> <strong>{item.who}:</strong> {item.text}
                  {item.note && <span className="muted"> ({item.note})</span>}
                </li>
              ))}
            </ol>
          </div>
        )}
      </details>
    </section>
  );
}

/**
 * One line to say anything to the caller. What is typed is read here, once, and sent with its reading;
 * the words stay in the box if they could not be saved.
 */
function SayBox({ phrasings, ...props }: PanelProps & { phrasings: Parameters<typeof readMessage>[1] }) {
  const { send } = props;
  const [text, setText, clearSent] = useCallDraft(props, 'say');
  const id = useId();
  const hintId = useId();
  // Compiled when the call opens, not on the first Enter.
  useEffect(() => void lexiconFor(phrasings), [phrasings]);
  return (
    <form
      className="say"
      onSubmit={(event) => {
        event.preventDefault();
        const words = text.trim();
        if (!words) return;
        void send({ type: 'trainee.speak', text: words, intents: readMessage(words, phrasings) }).then(
          (saved) => saved && clearSent(words),
        );
      }}
    >
      <p className="field">
        <label htmlFor={id}>{strings.ui.console.sayLabel}</label>
        <input
          id={id}
          type="text"
          autoFocus
          autoComplete="off"
          spellCheck
          aria-describedby={hintId}
          value={text}
          maxLength={500}
          onChange={(event) => setText(event.target.value)}
        />
        <span id={hintId} className="hint">
          {strings.ui.console.sayHint}
        </span>
      </p>
      <button type="submit">{strings.ui.console.say}</button>
    </form>
  );
}

/** Ringing back can put a victim at risk: the reason it is worth it goes on record with the call. */
function CallBack(props: PanelProps) {
  const { send } = props;
  const [reason, setReason] = useCallDraft(props, 'call-back-reason');
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
