/*
 * The browser side of a joined classroom, loaded only once one is joined: PouchDB for the browser (an
 * IndexedDB mirror and the server over HTTP, with the session cookie the browser keeps), the sync of
 * src/services/classroom-sync.ts over the app's store, and the browser's own word on the network.
 */
import PouchDB from 'pouchdb-browser';
import {
  mirrorName,
  remoteDatabaseUrl,
  startClassroomSync,
  type ClassroomPlace,
  type SyncStatus,
} from '../../services/classroom-sync.ts';
import { attemptStore } from '../services.ts';
import { announceStoreChange } from '../store-changes.ts';

export { signIn, signOut } from '../../services/classroom-sync.ts';

export async function runClassroomSync(
  place: ClassroomPlace,
  onStatus: (status: SyncStatus) => void,
): Promise<{ stop(): Promise<void> }> {
  const store = await attemptStore();
  const sync = startClassroomSync({
    store,
    place,
    databases: {
      local: new PouchDB(mirrorName(place)),
      // The database is made by the server; the device only opens it.
      remote: new PouchDB(remoteDatabaseUrl(place), { skip_setup: true }),
      replicate: (source, target, options) => PouchDB.replicate(source, target, options),
    },
    onStatus,
    onKept: announceStoreChange,
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
