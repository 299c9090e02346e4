/*
 * Attempts in the browser's IndexedDB (through Dexie): one row per attempt and one per event, each event
 * written as it happens so a reload resumes the call. Loaded lazily: the first screen does not need it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { AttemptLog } from '../engine/session.ts';

export type AttemptStatus = 'in-progress' | 'finished';

export interface AttemptRecord {
  id: string;
  scenario: string;
  scenarioVersion: number;
  trainee: string;
  /** ISO time the attempt was created. */
  startedAt: string;
  /** ISO time of the last stored event. */
  updatedAt: string;
  status: AttemptStatus;
  eventCount: number;
}

interface EventRecord {
  attemptId: string;
  seq: number;
  entry: AttemptEntry;
}

class TrainerDatabase extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  events!: Dexie.Table<EventRecord, [string, number]>;

  constructor() {
    super('control-room-trainer');
    this.version(1).stores({
      attempts: 'id, scenario, startedAt, status',
      events: '[attemptId+seq], attemptId',
    });
  }
}

export class AttemptStore {
  private readonly db = new TrainerDatabase();

  async create(scenario: string, scenarioVersion: number, trainee: string): Promise<AttemptRecord> {
    const now = new Date().toISOString();
    const record: AttemptRecord = {
      id: crypto.randomUUID(),
      scenario,
      scenarioVersion,
      trainee,
      startedAt: now,
      updatedAt: now,
      status: 'in-progress',
      eventCount: 0,
    };
    await this.db.attempts.add(record);
    return record;
  }

  /** The attempt log a live session writes to. */
  logFor(attemptId: string): AttemptLog {
    return {
      append: (entry, seq) =>
        this.db.transaction('rw', this.db.attempts, this.db.events, async () => {
          await this.db.events.add({ attemptId, seq, entry });
          await this.db.attempts.update(attemptId, {
            updatedAt: new Date().toISOString(),
            eventCount: seq + 1,
          });
        }),
    };
  }

  async load(attemptId: string): Promise<{ record: AttemptRecord; entries: AttemptEntry[] } | null> {
    const record = await this.db.attempts.get(attemptId);
    if (!record) return null;
    const events = await this.db.events.where('attemptId').equals(attemptId).sortBy('seq');
    return { record, entries: events.map((e) => e.entry) };
  }

  async list(): Promise<AttemptRecord[]> {
    return this.db.attempts.orderBy('startedAt').reverse().toArray();
  }

  async markFinished(attemptId: string): Promise<void> {
    await this.db.attempts.update(attemptId, { status: 'finished' });
  }
}
