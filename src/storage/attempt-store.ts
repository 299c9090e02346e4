/*
 * Everything kept in the browser's IndexedDB (through Dexie): the tables, their schema and its
 * migrations, and the transactions over them. Loaded lazily: the first screen does not need it.
 *
 * What to write is decided elsewhere: the typed operations here each touch rows of one kind (or an
 * attempt and its events together), and `transaction` gives the policies in supervision (bundle import
 * and export, what goes with a deleted trainee or course) every table at once, all or nothing.
 */
import Dexie, { type EntityTable } from 'dexie';
import { upgradeFromVersion1, type AttemptEntry } from '../engine/attempt.ts';
import type { AttemptLog } from '../engine/session.ts';
import type { CallContext } from '../../machines/call-context.ts';
import type { Calibration, Course, Moderation, Player, ScoreSummary, Trainee } from '../records/records.ts';
import type {
  AttemptRecord,
  EventRow,
  TableName,
  TableRows,
  Tables,
  TableStore,
  TraineeRow,
} from '../records/tables.ts';
import { cleanName, nameKey } from '../records/text.ts';

class TrainerDatabase extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  events!: Dexie.Table<EventRow, [string, number]>;
  trainees!: EntityTable<TraineeRow, 'id'>;
  courses!: EntityTable<Course, 'id'>;
  moderations!: EntityTable<Moderation, 'id'>;
  calibrations!: EntityTable<Calibration, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      attempts: 'id, scenario, startedAt, status',
      events: '[attemptId+seq], attemptId',
    });
    this.version(2)
      .stores({
        attempts: 'id, scenario, startedAt, status, traineeId, course',
        trainees: 'id, &nameKey',
        courses: 'id',
        moderations: 'id, attempt',
        calibrations: 'id, attempt',
      })
      .upgrade(async (tx) => {
        // Version 1 knew trainees only by the name typed on each attempt: each name becomes a profile.
        const profiles = new Map<string, string>();
        await tx
          .table<AttemptRecord, string>('attempts')
          .toCollection()
          .modify((attempt) => {
            const key = nameKey(attempt.trainee);
            let id = profiles.get(key);
            if (!id) {
              id = crypto.randomUUID();
              profiles.set(key, id);
              void tx.table('trainees').add({ id, name: attempt.trainee.trim(), nameKey: key });
            }
            attempt.traineeId = id;
          });
      });
    // Attempts made before trainees typed their questions were played with the menu: format 1 events,
    // read as format 2 with the menu (assisted mode) on, as attempt files are.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table<EventRow, [string, number]>('events')
          .toCollection()
          .modify((row) => {
            row.entry = {
              ...upgradeFromVersion1(row.entry),
              at: row.entry.at,
              ...(row.entry.wall ? { wall: row.entry.wall } : {}),
            };
          });
      });
  }
}

export class AttemptStore implements TableStore {
  private readonly db: TrainerDatabase;

  constructor(databaseName = 'control-room-trainer') {
    this.db = new TrainerDatabase(databaseName);
  }

  /** The trainee with this name (or staff number), made if there is none yet. */
  traineeNamed(typed: string): Promise<Trainee> {
    return this.traineeFor({ name: typed });
  }

  /**
   * The trainee who plays, made if new: known by their account where they have one (its key is kept
   * apart from typed names, as a classroom's are), else by the name as typed.
   */
  async traineeFor(player: Player): Promise<Trainee> {
    const name = cleanName(player.name);
    if (!name) throw new Error('a trainee needs a name or staff number');
    const { account } = player;
    return this.db.transaction('rw', this.db.trainees, async () => {
      const existing = account
        ? await this.accountTrainee(account, name)
        : await this.db.trainees.where('nameKey').equals(nameKey(name)).first();
      if (existing) return { id: existing.id, name: existing.name };
      const trainee = { id: crypto.randomUUID(), name };
      await this.db.trainees.add({ ...trainee, nameKey: account ?? nameKey(name) });
      return trainee;
    });
  }

  /** The trainee known by this account on this device, if they have played here (see accountTrainee). */
  async traineeWithAccount(account: string, name: string): Promise<Trainee | undefined> {
    return this.db.transaction('rw', this.db.trainees, async () => {
      const row = await this.accountTrainee(account, cleanName(name));
      return row && { id: row.id, name: row.name };
    });
  }

  /**
   * The account's trainee. Before learners were known by account, an LMS learner's attempts were filed
   * under their name: the first learner of that name to come back takes that record over, so a call left
   * mid-course still opens (namesakes' attempts were mixed in that record already).
   */
  private async accountTrainee(account: string, name: string): Promise<TraineeRow | undefined> {
    const own = await this.db.trainees.where('nameKey').equals(account).first();
    if (own) return own;
    const named = await this.db.trainees.where('nameKey').equals(nameKey(name)).first();
    if (named) await this.db.trainees.update(named.id, { nameKey: account });
    return named;
  }

  async trainees(): Promise<Trainee[]> {
    const rows = await this.db.trainees.toArray();
    return rows.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  async create(
    scenario: string,
    scenarioVersion: number,
    trainee: Trainee,
    course?: string,
  ): Promise<AttemptRecord> {
    const now = new Date().toISOString();
    const record: AttemptRecord = {
      id: crypto.randomUUID(),
      scenario,
      scenarioVersion,
      trainee: trainee.name,
      traineeId: trainee.id,
      ...(course ? { course } : {}),
      startedAt: now,
      updatedAt: now,
      status: 'in-progress',
      eventCount: 0,
    };
    await this.db.attempts.add(record);
    return record;
  }

  /** A what-if: a new attempt holding the first `event` events of a stored one, to be played on from there. */
  async fork(attemptId: string, event: number): Promise<AttemptRecord> {
    const source = await this.load(attemptId);
    if (!source) throw new Error(`no attempt "${attemptId}"`);
    const { record } = source;
    return this.startFrom({
      scenario: record.scenario,
      scenarioVersion: record.scenarioVersion,
      trainee: { id: record.traineeId, name: record.trainee },
      ...(record.course ? { course: record.course } : {}),
      entries: source.entries.slice(0, event),
      forkedFrom: { attempt: attemptId, event },
    });
  }

  /** A new attempt that already holds some events (a what-if from any attempt, stored or reference). */
  async startFrom(start: {
    scenario: string;
    scenarioVersion: number;
    trainee: Trainee;
    course?: string;
    entries: readonly AttemptEntry[];
    forkedFrom: { attempt: string; event: number };
  }): Promise<AttemptRecord> {
    return this.db.transaction('rw', this.db.attempts, this.db.events, async () => {
      const now = new Date().toISOString();
      const record: AttemptRecord = {
        id: crypto.randomUUID(),
        scenario: start.scenario,
        scenarioVersion: start.scenarioVersion,
        trainee: start.trainee.name,
        traineeId: start.trainee.id,
        ...(start.course ? { course: start.course } : {}),
        forkedFrom: start.forkedFrom,
        startedAt: now,
        updatedAt: now,
        status: 'in-progress',
        eventCount: start.entries.length,
      };
      await this.db.attempts.add(record);
      await this.db.events.bulkAdd(start.entries.map((entry, seq) => ({ attemptId: record.id, seq, entry })));
      return record;
    });
  }

  /** The attempt log a live session writes to. */
  /**
   * The attempt's log. The event that reaches the debrief is stored with the attempt's status and marks
   * (`marksOf` the call as it ended) in one transaction: an attempt is finished exactly when its log says so.
   */
  logFor(attemptId: string, marksOf: (call: CallContext) => ScoreSummary): AttemptLog {
    return {
      append: (entry, seq, after) =>
        this.db.transaction('rw', this.db.attempts, this.db.events, async () => {
          await this.db.events.add({ attemptId, seq, entry });
          await this.db.attempts.update(attemptId, {
            updatedAt: new Date().toISOString(),
            eventCount: seq + 1,
            ...(after.status === 'done' ? { status: 'finished', score: marksOf(after.context) } : {}),
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

  async markFinished(attemptId: string, score: ScoreSummary): Promise<void> {
    await this.db.attempts.update(attemptId, { status: 'finished', score });
  }

  /** Keeps the machine's marks for an attempt finished before marks were kept with it. */
  async saveScore(attemptId: string, score: ScoreSummary): Promise<void> {
    await this.db.attempts.update(attemptId, { score });
  }

  async courses(): Promise<Course[]> {
    return this.db.courses.toArray();
  }

  async saveCourse(course: Course): Promise<void> {
    await this.db.courses.put(course);
  }

  async moderationsOf(attemptId: string): Promise<Moderation[]> {
    return this.db.moderations.where('attempt').equals(attemptId).toArray();
  }

  async addModeration(moderation: Moderation): Promise<void> {
    await this.db.moderations.add(moderation);
  }

  async allModerations(): Promise<Moderation[]> {
    return this.db.moderations.toArray();
  }

  /** Writes moderations over those with the same ids, all or none. */
  async putModerations(moderations: readonly Moderation[]): Promise<void> {
    await this.db.transaction('rw', this.db.moderations, () => this.db.moderations.bulkPut([...moderations]));
  }

  /** Writes calibration marks over those with the same ids, all or none. */
  async putCalibrations(calibrations: readonly Calibration[]): Promise<void> {
    await this.db.transaction('rw', this.db.calibrations, () =>
      this.db.calibrations.bulkPut([...calibrations]),
    );
  }

  async calibrationsOf(attemptId: string): Promise<Calibration[]> {
    return this.db.calibrations.where('attempt').equals(attemptId).toArray();
  }

  async addCalibration(calibration: Calibration): Promise<void> {
    await this.db.calibrations.add(calibration);
  }

  /** One transaction over every table (see TableStore); Dexie aborts it if `work` throws. */
  transaction<R>(mode: 'read' | 'write', work: (tables: Tables) => Promise<R>): Promise<R> {
    const db = this.db;
    const table = <T extends TableName>(name: T) => db.table<TableRows[T]>(name);
    return db.transaction(mode === 'write' ? 'rw' : 'r', db.tables, () =>
      work({
        all: (name) => table(name).toArray(),
        where: (name, field, values) =>
          table(name)
            .where(field)
            .anyOf([...values])
            .toArray(),
        put: async (name, rows) => {
          await table(name).bulkPut([...rows]);
        },
        remove: async (name, field, values) => {
          await table(name)
            .where(field)
            .anyOf([...values])
            .delete();
        },
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}
