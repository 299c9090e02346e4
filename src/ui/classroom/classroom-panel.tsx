/*
 * The classroom on the home screen: a form to join one (server, user name, password), or, once joined,
 * how the sync is going in words, a way to sign in again when the server no longer takes the device's
 * sign-in, and a way to leave.
 */
import { useId, useState, type FormEvent } from 'react';
import { assertNever } from '../../../machines/vocabulary.ts';
import type { ClassroomPlace, SyncStatus } from '../../services/classroom-sync.ts';
import { strings } from '../../strings/en-gb.ts';
import { joinClassroom, leaveClassroom, type ClassroomView } from './classroom-mode.ts';

const c = strings.ui.classroom;

/** The server as a trainee recognises it: its host and port. */
const serverName = (place: ClassroomPlace) => new URL(place.server).host;

/** `courseTitle`: the joined course's title, once its record is on this device (its id until then). */
export function ClassroomPanel({ view, courseTitle }: { view: ClassroomView; courseTitle?: string }) {
  return view.state === 'none' ? (
    <JoinForm />
  ) : (
    <Joined place={view.place} status={view.status} courseTitle={courseTitle ?? view.place.course} />
  );
}

type Sending = { state: 'idle' } | { state: 'sending' } | { state: 'failed'; message: string };

/** Signs in with `submit`; says while it waits and what went wrong. */
function useSignIn(): [
  Sending,
  (event: FormEvent<HTMLFormElement>, join: () => Promise<string | null>) => void,
] {
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  const submit = (event: FormEvent<HTMLFormElement>, join: () => Promise<string | null>) => {
    event.preventDefault();
    setSending({ state: 'sending' });
    join().then(
      (problem) => setSending(problem ? { state: 'failed', message: problem } : { state: 'idle' }),
      (error: unknown) =>
        setSending({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  return [sending, submit];
}

function SignInOutcome({ sending }: { sending: Sending }) {
  if (sending.state === 'sending') return <p role="status">{c.joining}</p>;
  if (sending.state === 'failed')
    return (
      <p role="alert" className="notice error">
        {sending.message}
      </p>
    );
  return null;
}

function JoinForm() {
  const ids = { server: useId(), serverHelp: useId(), user: useId(), password: useId() };
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [sending, submit] = useSignIn();
  return (
    <details className="classroom">
      <summary>{c.heading}</summary>
      <p>{c.intro}</p>
      <form onSubmit={(event) => submit(event, () => joinClassroom(server, user, password))}>
        <p className="field">
          <label htmlFor={ids.server}>{c.server}</label>
          <input
            id={ids.server}
            value={server}
            inputMode="url"
            autoComplete="url"
            required
            aria-describedby={ids.serverHelp}
            onChange={(event) => setServer(event.target.value)}
          />
          <span id={ids.serverHelp} className="muted">
            {c.serverHelp}
          </span>
        </p>
        <p className="field">
          <label htmlFor={ids.user}>{c.user}</label>
          <input
            id={ids.user}
            value={user}
            autoComplete="username"
            required
            onChange={(event) => setUser(event.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor={ids.password}>{c.password}</label>
          <input
            id={ids.password}
            type="password"
            value={password}
            autoComplete="current-password"
            required
            onChange={(event) => setPassword(event.target.value)}
          />
        </p>
        <button type="submit" className="primary" disabled={sending.state === 'sending'}>
          {c.join}
        </button>
        <SignInOutcome sending={sending} />
      </form>
    </details>
  );
}

/** How the sync is going, in one sentence or two. */
function describeStatus(place: ClassroomPlace, status: SyncStatus | null, courseTitle: string): string {
  const server = serverName(place);
  if (!status) return c.connecting(server, place.user);
  switch (status.state) {
    case 'connecting':
      return c.connecting(server, place.user);
    case 'online':
      return place.role === 'supervisor'
        ? `${c.supervising(server, place.user, courseTitle)} ${status.waiting > 0 ? c.supervisorSending(status.waiting) : c.supervisorSynced}`
        : `${c.syncing(server, place.user)} ${status.waiting > 0 ? c.sending(status.waiting) : c.allSent}`;
    case 'offline':
      return place.role === 'supervisor' ? c.supervisorOffline(status.waiting) : c.offline(status.waiting);
    case 'signed-out':
      return c.signedOut(server);
    case 'failed':
      return c.syncFailed(status.problem ?? '');
    default:
      return assertNever(status.state);
  }
}

function Joined({
  place,
  status,
  courseTitle,
}: {
  place: ClassroomPlace;
  status: SyncStatus | null;
  courseTitle: string;
}) {
  const headingId = useId();
  const leaveHelpId = useId();
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [sending, submit] = useSignIn();
  const [leaving, setLeaving] = useState(false);
  const stopped = status?.state === 'signed-out' || status?.state === 'failed';
  const supervisor = place.role === 'supervisor';
  return (
    <section className="classroom" aria-labelledby={headingId}>
      <h2 id={headingId}>{c.joinedHeading}</h2>
      <p role="status" className={stopped ? 'notice error' : 'notice'}>
        {describeStatus(place, status, courseTitle)}
      </p>
      {supervisor ? null : <p className="muted">{c.youAre(place.user)}</p>}
      {status && status.refused > 0 && !supervisor && (
        <p role="alert" className="notice error">
          {c.refused(status.refused)}
        </p>
      )}
      {/* A supervisor's device says its last problem whatever it was: a refused moderation, an attempt
          not taken, or a trainee device's marks that replay differently. */}
      {status?.problem && !stopped && (supervisor || status.notKept > 0) && (
        <p role="alert" className="notice error">
          {status.problem}
        </p>
      )}
      {status?.state === 'signed-out' && (
        <form onSubmit={(event) => submit(event, () => joinClassroom(place.server, place.user, password))}>
          <p className="field">
            <label htmlFor={passwordId}>{c.password}</label>
            <input
              id={passwordId}
              type="password"
              value={password}
              autoComplete="current-password"
              required
              onChange={(event) => setPassword(event.target.value)}
            />
          </p>
          <button type="submit" className="primary" disabled={sending.state === 'sending'}>
            {c.signInAgain}
          </button>
          <SignInOutcome sending={sending} />
        </form>
      )}
      <p>
        <button
          type="button"
          aria-describedby={leaveHelpId}
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            leaveClassroom().finally(() => setLeaving(false));
          }}
        >
          {c.leave}
        </button>{' '}
        <span id={leaveHelpId} className="muted">
          {supervisor ? c.supervisorLeaveHelp : c.leaveHelp}
        </span>
      </p>
    </section>
  );
}
