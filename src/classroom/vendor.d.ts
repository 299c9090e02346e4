/*
 * The little of PouchDB and express-pouchdb (pouchdb-server's HTTP layer) the classroom server uses,
 * typed here: none of these packages ships types.
 */

declare module 'pouchdb-core' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  export interface Replication {
    on(event: 'error' | 'denied', listener: (error: unknown) => void): Replication;
    on(event: 'paused' | 'active' | 'change' | 'complete', listener: (info: unknown) => void): Replication;
    cancel(): void;
  }
  export interface PouchDatabase {
    get(id: string): Promise<PouchDoc>;
    put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
    putSecurity(security: object): Promise<{ ok: boolean }>;
    getSecurity(): Promise<object>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface ReplicationOptions {
    live?: boolean;
    retry?: boolean;
    doc_ids?: string[];
    filter?: (doc: PouchDoc) => boolean;
  }
  export interface PouchStatic {
    new (name: string): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter?: string; prefix?: string }): PouchStatic;
    replicate(source: PouchDatabase, target: PouchDatabase, options: ReplicationOptions): Replication;
    /** The process-wide emitter every PouchDB class shares ('created', 'destroyed', …). */
    listeners(event: string): ((...args: unknown[]) => void)[];
    removeListener(event: string, listener: (...args: unknown[]) => void): void;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { PouchDatabase, PouchStatic } from 'pouchdb-core';

  export interface UserCtx {
    name: string | null;
    roles: string[];
  }
  export interface ExpressPouchOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB';
    inMemoryConfig?: boolean;
    configPath?: string;
    logPath?: string;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  export interface ExpressPouchApp {
    (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void): void;
    setPouchDB(PouchDB: PouchStatic): Promise<void>;
    couchConfig: {
      set(section: string, key: string, value: unknown, callback: (error: unknown) => void): void;
    };
    dbWrapper: {
      registerWrapper(wrapper: (name: string, db: PouchDatabase, next: () => unknown) => unknown): void;
    };
  }
  export default function expressPouchDB(options: ExpressPouchOptions): ExpressPouchApp;
}

declare module 'pouchdb-wrappers' {
  import type { PouchDatabase, PouchDoc } from 'pouchdb-core';
  import type { UserCtx } from 'express-pouchdb';

  export interface WrapperArgs {
    doc?: PouchDoc;
    docs?: PouchDoc[];
    options: { userCtx?: UserCtx; new_edits?: boolean };
  }
  export type Wrapper = (original: () => Promise<unknown>, args: WrapperArgs) => Promise<unknown>;
  const wrappers: {
    installWrapperMethods(db: PouchDatabase, handlers: Record<string, Wrapper>): void;
  };
  export default wrappers;
}

/** PouchDB's HTTP adapter: how Node tests and the bench reach a classroom server as a device would. */
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
