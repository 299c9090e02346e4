/*
 * The little of PouchDB (pouchdb-browser, which ships no types) the classroom sync uses. The same calls
 * exist on any PouchDB build, so Node tests pass pouchdb-core databases through these types too.
 */
declare module 'pouchdb-browser' {
  export interface StoredDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    [field: string]: unknown;
  }
  /** One row of bulkDocs' answer: written, or refused (409 when a document of that id is there). */
  export interface BulkResult {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: boolean | string;
    status?: number;
    name?: string;
    message?: string;
  }
  export interface ChangeRow {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    doc?: StoredDoc;
    deleted?: boolean;
  }
  export interface ChangesFeed {
    on(event: 'change', listener: (change: ChangeRow) => void): ChangesFeed;
    on(event: 'error', listener: (error: unknown) => void): ChangesFeed;
    cancel(): void;
  }
  export interface SyncDatabase {
    allDocs(): Promise<{ rows: { id: string }[] }>;
    /** The rows of these ids: a missing or deleted one has `error` or `value.deleted`. */
    allDocs(options: {
      keys: readonly string[];
    }): Promise<{ rows: { key: string; id?: string; error?: string; value?: { deleted?: boolean } }[] }>;
    bulkDocs(docs: readonly { _id: string }[]): Promise<BulkResult[]>;
    get(id: string): Promise<StoredDoc>;
    put(doc: { _id: string; _rev?: string }): Promise<{ ok: boolean; id: string; rev: string }>;
    changes(options: {
      since: number | string;
      style?: 'main_only' | 'all_docs';
      include_docs?: boolean;
      /** With the documents, the revisions that conflict with each (`_conflicts`). */
      conflicts?: boolean;
      limit?: number;
    }): Promise<{ results: ChangeRow[]; last_seq: number | string }>;
    /** Changes as they happen: with the documents and only those `filter` takes, or just that they happen. */
    changes(options: {
      since: number | string;
      live: true;
      include_docs?: true;
      filter?: (doc: StoredDoc) => boolean;
    }): ChangesFeed;
    revsDiff(revisions: Record<string, string[]>): Promise<Record<string, { missing?: string[] }>>;
    close(): Promise<void>;
  }
  export interface ReplicationInfo {
    docs_written?: number;
    doc_write_failures?: number;
    last_seq?: number | string;
  }
  export interface Replication {
    on(event: 'change' | 'complete', listener: (info: ReplicationInfo) => void): Replication;
    /** Caught up (no error), or waiting to try again after one. */
    on(event: 'paused', listener: (error?: unknown) => void): Replication;
    on(event: 'active', listener: () => void): Replication;
    /**
     * 'denied': a document the other side refused (validate_doc_update); 'error': a failure it does not
     * retry (unauthorized, forbidden), after which the replication has stopped.
     */
    on(event: 'denied' | 'error', listener: (error: unknown) => void): Replication;
    cancel(): void;
  }
  export interface ReplicationOptions {
    live: boolean;
    retry: boolean;
    filter?: (doc: StoredDoc) => boolean;
    /** The wait before the next try, from the last wait (0 at first), in ms. */
    back_off_function?: (delay: number) => number;
    batch_size?: number;
  }
  export interface PouchStatic {
    new (name: string, options?: { skip_setup?: boolean; adapter?: string }): SyncDatabase;
    replicate(source: SyncDatabase, target: SyncDatabase, options: ReplicationOptions): Replication;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
