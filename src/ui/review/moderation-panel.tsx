/*
 * Moderating one attempt: the machine's marks beside the moderated ones, with who changed what and why,
 * and a form to change a dimension's mark. Findings are moderated where they are listed.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  SCORING_DIMENSIONS,
  SEVERITIES,
  type ScoringDimension,
  type Severity,
} from '../../../machines/vocabulary.ts';
import { FINDING_VERDICTS, type FindingVerdict, type ModerationTarget } from '../../records/records.ts';
import { saveModeration } from '../../services/moderating.ts';
import type { Notice } from '../../services/notice.ts';
import type { AttemptStore } from '../../storage/attempt-store.ts';
import { strings } from '../../strings/en-gb.ts';
import type { ModeratedFinding, ModeratedReport } from '../../supervision/moderation.ts';
import { supervisorName } from '../classroom/classroom-mode.ts';
import { MarksTable } from './marks-table.tsx';

const r = strings.ui.review;
const v = strings.vocabulary;

/** Saves a moderation by the signed-in or named supervisor (`supervisorName`), and keeps what it says. */
function useModerationSaver(store: AttemptStore, attemptId: string, onSaved: () => void) {
  const [message, setMessage] = useState<Notice | null>(null);
  const save = async (target: ModerationTarget, reason: string): Promise<boolean> => {
    const notice = await saveModeration(store, {
      attemptId,
      supervisor: supervisorName(),
      target,
      reason,
    });
    setMessage(notice);
    if (notice.kind === 'status') onSaved();
    return notice.kind === 'status';
  };
  return { save, message };
}

function Message({ message }: { message: Notice | null }) {
  return (
    <p role={message?.kind ?? 'status'} className={message?.kind === 'alert' ? 'error' : undefined}>
      {message?.text}
    </p>
  );
}

export function ModerationPanel({
  store,
  attemptId,
  report,
  onSaved,
}: {
  store: AttemptStore;
  attemptId: string;
  report: ModeratedReport;
  onSaved: () => void;
}) {
  const { save, message } = useModerationSaver(store, attemptId, onSaved);
  const [dimension, setDimension] = useState<ScoringDimension>('openingCode');
  const [mark, setMark] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const ids = { dimension: useId(), mark: useId(), reason: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(mark);
    if (mark.trim() === '' || !Number.isInteger(value) || value < 0 || value > 100) {
      setProblem(r.markRange);
      return;
    }
    setProblem('');
    if (await save({ kind: 'dimension', dimension, mark: value }, reason)) {
      setMark('');
      setReason('');
    }
  };
  return (
    <section aria-labelledby="moderation-heading" className="moderation">
      <h2 id="moderation-heading">{r.moderationHeading}</h2>
      <p>{r.moderationIntro}</p>
      <p className="score">
        <strong>{r.totals(report.machine.total, report.total)}</strong> · {v.bands[report.band]}
      </p>
      <MarksTable report={report} caption={r.moderationHeading} />
      <form className="moderation-form" onSubmit={(event) => void submit(event)}>
        <p className="field">
          <label htmlFor={ids.dimension}>{r.dimension}</label>
          <select
            id={ids.dimension}
            value={dimension}
            onChange={(e) => setDimension(e.target.value as ScoringDimension)}
          >
            {SCORING_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {v.dimensions[d]}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={ids.mark}>{r.mark}</label>
          <input
            id={ids.mark}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={mark}
            onChange={(e) => setMark(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor={ids.reason}>{r.reason}</label>
          <textarea
            id={ids.reason}
            value={reason}
            rows={3}
            maxLength={4000}
            onChange={(e) => setReason(e.target.value)}
          />
        </p>
        <p role="alert">{problem}</p>
        <button type="submit">{r.saveMark}</button>
      </form>
      <Message message={message} />
    </section>
  );
}

export function FindingModeration({
  store,
  attemptId,
  finding,
  onSaved,
}: {
  store: AttemptStore;
  attemptId: string;
  finding: ModeratedFinding;
  onSaved: () => void;
}) {
  const { save, message } = useModerationSaver(store, attemptId, onSaved);
  const [verdict, setVerdict] = useState<FindingVerdict>('upheld');
  const [severity, setSeverity] = useState<Severity>(finding.finding.severity);
  const [reason, setReason] = useState('');
  const ids = { verdict: useId(), severity: useId(), reason: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target: ModerationTarget =
      verdict === 'regraded'
        ? { kind: 'finding', finding: finding.finding.id, verdict, severity }
        : { kind: 'finding', finding: finding.finding.id, verdict };
    if (await save(target, reason)) setReason('');
  };
  return (
    <details className="finding-moderation">
      <summary>{r.moderateFinding}</summary>
      <form onSubmit={(event) => void submit(event)}>
        <p className="field">
          <label htmlFor={ids.verdict}>{r.verdict}</label>
          <select
            id={ids.verdict}
            value={verdict}
            onChange={(e) => setVerdict(e.target.value as FindingVerdict)}
          >
            {FINDING_VERDICTS.map((option) => (
              <option key={option} value={option}>
                {r.verdicts[option]}
              </option>
            ))}
          </select>
        </p>
        {verdict === 'regraded' && (
          <p className="field">
            <label htmlFor={ids.severity}>{r.severity}</label>
            <select
              id={ids.severity}
              value={severity}
              onChange={(e) => setSeverity(e.target.value as Severity)}
            >
              {SEVERITIES.map((option) => (
                <option key={option} value={option}>
                  {v.severities[option]}
                </option>
              ))}
            </select>
          </p>
        )}
        <p className="field">
          <label htmlFor={ids.reason}>{r.reason}</label>
          <textarea
            id={ids.reason}
            value={reason}
            rows={2}
            maxLength={4000}
            onChange={(e) => setReason(e.target.value)}
          />
        </p>
        <button type="submit">{r.saveVerdict}</button>
      </form>
      <Message message={message} />
    </details>
  );
}
