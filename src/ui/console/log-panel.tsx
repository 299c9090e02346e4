import { useId } from 'react';
import { isVoice, type Stamp } from '../../../machines/call-machine.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';
import { speakerName } from './speaker-name.ts';

type LogItem = Stamp &
  (
    | { kind: 'entry'; text: string }
    | { kind: 'note'; line: string; from: string; text: string; question: boolean }
  );

/**
 * The incident log: the trainee's entries and what colleagues (dispatch, the duty officer) write on it,
 * across every call about the incident, in time order. A colleague's question is answered here, on the
 * log, where they will read it.
 */
export function LogPanel(props: PanelProps) {
  const { live, snapshot, inCall, send, timeOf } = props;
  const [draft, setDraft, clearSent] = useCallDraft(props, 'log');
  const entryId = useId();
  const lines = new Map(live.scenario.definition.lines.map((line) => [line.id, line]));
  const entries: LogItem[] = inCall(snapshot.context.log).map((entry) => ({ ...entry, kind: 'entry' }));
  const notes: LogItem[] = inCall(snapshot.context.transcript)
    .filter((spoken) => !isVoice(lines.get(spoken.line)))
    .map((spoken) => {
      const line = lines.get(spoken.line);
      return {
        ...spoken,
        kind: 'note',
        from: line ? speakerName(line) : '',
        text: line?.text ?? '',
        question: line?.question === true,
      };
    });
  const items = inCall([...entries, ...notes]);
  const replies = inCall(snapshot.context.replies);

  return (
    <section aria-labelledby="log-heading" className="panel">
      <h2 id="log-heading">{strings.ui.console.logHeading}</h2>
      {items.length === 0 ? (
        <p className="muted">{strings.ui.console.logEmpty}</p>
      ) : (
        <ol className="log-entries">
          {items.map((item, index) =>
            item.kind === 'entry' ? (
              <li key={index}>
                <span className="time">{timeOf(item)}</span> {item.text}
              </li>
            ) : (
              <li key={index} className="log-note">
                <span className="time">{timeOf(item)}</span> <strong>{item.from}:</strong> {item.text}
                {item.question && (
                  <QuestionReply
                    {...props}
                    line={item.line}
                    answers={replies
                      .filter((reply) => reply.line === item.line)
                      .map((reply) => `${timeOf(reply)} ${reply.text}`)}
                    question={item.text}
                    onReply={(text) => send({ type: 'trainee.reply', line: item.line, text })}
                  />
                )}
              </li>
            ),
          )}
        </ol>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (text) void send({ type: 'trainee.log', text }).then((saved) => saved && clearSent(text));
        }}
      >
        <p className="field">
          <label htmlFor={entryId}>{strings.ui.console.logEntry}</label>
          <textarea id={entryId} rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
        </p>
        <button type="submit" disabled={draft.trim() === ''}>
          {strings.ui.console.addToLog}
        </button>
      </form>
    </section>
  );
}

function QuestionReply({
  line,
  question,
  answers,
  onReply,
  ...props
}: PanelProps & {
  line: string;
  question: string;
  answers: string[];
  onReply: (text: string) => Promise<boolean>;
}) {
  const [draft, setDraft, clearSent] = useCallDraft(props, `reply.${line}`);
  const id = useId();
  return (
    <div className="reply">
      {answers.map((answer) => (
        <p key={answer} className="answer">
          {strings.ui.console.yourAnswer} {answer}
        </p>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (text) void onReply(text).then((saved) => saved && clearSent(text));
        }}
      >
        <label htmlFor={id}>
          <span className="visually-hidden">{strings.ui.console.answerQuestion(question)}</span>
          <span aria-hidden="true">{strings.ui.console.yourAnswerLabel}</span>
        </label>
        <textarea id={id} rows={2} value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" disabled={draft.trim() === ''}>
          {strings.ui.console.sendAnswer}
        </button>
      </form>
    </div>
  );
}
