/*
 * The browser side of a joined classroom, loaded only once one is joined: PouchDB for the browser (an
 * IndexedDB mirror and the server over HTTP, with the session cookie the browser keeps), the sync of a
 * trainee's device (src/services/classroom-sync.ts) or a supervisor's (src/services/supervisor-sync.ts)
 * over the app's store, and the browser's own word on the network.
 */
import PouchDB from 'pouchdb-browser';
import {
  courseDatabaseUrl,
  mirrorName,
  startClassroomSync,
  traineeDatabaseUrl,
  type ClassroomPlace,
  type SyncStatus,
} from '../../services/classroom-sync.ts';
import { startSupervisorSync } from '../../services/supervisor-sync.ts';
import { attemptStore } from '../services.ts';
import { announceStoreChange } from '../store-changes.ts';

export { signIn, signOut } from '../../services/classroom-sync.ts';

export async function runClassroomSync(
  place: ClassroomPlace,
  onStatus: (status: SyncStatus) => void,
): Promise<{ stop(): Promise<void> }> {
  const store = await attemptStore();
  // The databases on the server are made by the server; the device only opens them.
  const onServer = (url: string) => new PouchDB(url, { skip_setup: true });
  const replicate = PouchDB.replicate.bind(PouchDB);
  const common = { store, place, onStatus, onKept: announceStoreChange };
  const sync =
    place.role === 'supervisor'
      ? startSupervisorSync({
          ...common,
          databases: {
            local: new PouchDB(mirrorName(place)),
            remote: onServer(courseDatabaseUrl(place)),
            traineeDatabase: (trainee) => onServer(traineeDatabaseUrl(place, trainee)),
            replicate,
          },
        })
      : startClassroomSync({
          ...common,
          databases: {
            local: new PouchDB(mirrorName(place)),
            remote: onServer(traineeDatabaseUrl(place, place.user)),
            replicate,
          },
        });
  // Back online: carry on from the checkpoints now, not after the next wait between tries.
  const online = () => sync.reconnect();
  const offline = () => sync.wentOffline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  if (!navigator.onLine) sync.wentOffline();
  return {
    stop: async () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      await sync.stop();
    },
  };
}
