/*
 * The status line for the network, on every screen: said when the network goes (calls carry on, kept on
 * the device) and when it returns; nothing while all is well. And, on the home screen, whether this
 * device has kept the app for use offline.
 */
import { assertNever } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import { useConnection, useOfflineReadiness } from './connection.ts';

const o = strings.ui.offline;

export function ConnectionStatus() {
  const connection = useConnection();
  switch (connection) {
    case 'online':
      return null;
    case 'offline':
      return (
        <p role="status" className="notice connection">
          {o.offline}
        </p>
      );
    case 'back-online':
      return (
        <p role="status" className="notice connection back-online">
          {o.backOnline}
        </p>
      );
    default:
      return assertNever(connection);
  }
}

export function OfflineReadinessNote() {
  const readiness = useOfflineReadiness();
  switch (readiness) {
    case 'unavailable':
      return null;
    case 'installing':
    case 'ready':
    case 'failed':
      return <p className="muted offline-readiness">{o.readiness[readiness]}</p>;
    default:
      return assertNever(readiness);
  }
}
