/*
 * A trainee's session in an LMS: what is reported, and when, whatever the standard.
 *
 * - Every stored trainee action goes to the connection as it happens (cmi5 sends a statement), and the
 *   progress (progress.ts) is saved with the call so far, so a reload or another machine resumes it.
 * - When an attempt finishes, it counts if it is the first finished at its scenario in this LMS attempt;
 *   the LMS is told its choices and findings and the course as it now stands.
 * - The LMS failing never stops the call: the session keeps the problem for the screen to say, and play
 *   goes on in this browser's storage as it would outside an LMS.
 */
import type { CallSnapshot } from '../engine/replay.ts';
import type { AttemptLog } from '../engine/session.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { scoreCall } from '../scoring/score.ts';
import type { CourseStatus, DeliveryStatus, Learner, LmsConnection, PackagedCourse } from './lms.ts';
import { attemptOutcome } from './outcome.ts';
import {
  courseStatus,
  decodeProgress,
  EMPTY_PROGRESS,
  encodeProgress,
  ProgressFormatError,
  type CallInProgress,
  type Progress,
} from './progress.ts';

/** What the screens show of the session. */
export interface LmsState {
  course: PackagedCourse;
  /** Who the LMS says the trainee is; null when not reporting (no LMS, or it failed at launch). */
  learner: Learner | null;
  reporting: boolean;
  standard: LmsConnection['standard'] | null;
  counted: Progress['counted'];
  status: CourseStatus;
  /** The call in progress could not go into what the LMS keeps: it resumes only in this browser. */
  callTooLongToCarry: boolean;
  /** Said for the whole session: why results are not reported, or that kept progress was set aside. */
  notice: string | null;
  /** The latest thing that went wrong talking to the LMS, in words (null once it works again). */
  problem: string | null;
  /** The session ends only when the trainee leaves the course, so the screen offers to. */
  leaving: 'offered' | 'left' | null;
  /** Records on their way to the LMS (cmi5), or null where there is no such wait. */
  delivery: DeliveryStatus | null;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class LmsSession {
  private state: LmsState;
  private progress: Progress;
  private readonly listeners = new Set<() => void>();
  private saving: Promise<void> = Promise.resolve();
  private ended = false;

  private constructor(
    private readonly course: PackagedCourse,
    private readonly connection: LmsConnection | null,
    progress: Progress,
    notice: string | null,
  ) {
    this.progress = progress;
    this.state = {
      course,
      learner: connection?.learner ?? null,
      reporting: connection !== null,
      standard: connection?.standard ?? null,
      counted: progress.counted,
      status: courseStatus(this.courseRules(), progress.counted),
      callTooLongToCarry: false,
      notice,
      problem: null,
      leaving: connection && !connection.endsWithPage ? 'offered' : null,
      delivery: connection?.delivery?.status() ?? null,
    };
    connection?.delivery?.subscribe((delivery) => this.update({ delivery }));
  }

  /**
   * The session over an open connection (or none: a package opened outside its LMS, or an LMS that
   * failed at launch, with `notice` saying why). Progress the LMS kept that cannot be read is set aside
   * with a word, never half-used.
   */
  static async open(
    course: PackagedCourse,
    connection: LmsConnection | null,
    notice: string | null = null,
  ): Promise<LmsSession> {
    if (!connection) return new LmsSession(course, null, EMPTY_PROGRESS, notice);
    let progress = EMPTY_PROGRESS;
    try {
      progress = await decodeProgress((await connection.loadProgress()) ?? '');
    } catch (error) {
      notice =
        error instanceof ProgressFormatError
          ? `The progress your LMS kept could not be read (${error.message}), so this session starts afresh; calls kept in this browser are untouched.`
          : describe(error);
    }
    return new LmsSession(course, connection, progress, notice);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LmsState => this.state;

  /** Adds to what is said for the whole session (e.g. a call that cannot resume here). */
  tell(notice: string): void {
    this.update({ notice: this.state.notice ? `${this.state.notice} ${notice}` : notice });
  }

  /** The call to resume at launch: the one in progress when the LMS last kept progress. */
  callToResume(): CallInProgress | null {
    return this.progress.current ?? null;
  }

  /** Whether an attempt at a scenario would be practice: one already counts. */
  counts(scenario: string): boolean {
    return !this.progress.counted[scenario];
  }

  /**
   * The log a course call is played into: each event stored is passed on to the LMS, and the attempt's
   * finish is reported. `entries` are those already stored (a resumed call): their decisions are passed
   * on again, which a connection takes without doubling (cmi5 statement ids come from the event), and a
   * finish the LMS was never told of (the page closed first) is told now.
   */
  watch(
    log: AttemptLog,
    attempt: { id: string; startedAt: string },
    scenario: ScenarioModule,
    entries: readonly AttemptEntry[],
    finished: CallSnapshot | null,
  ): AttemptLog {
    const events = [...entries];
    const { id: scenarioId, version } = scenario.definition;
    const current = (): CallInProgress => ({
      attempt: attempt.id,
      scenario: scenarioId,
      scenarioVersion: version,
      startedAt: attempt.startedAt,
      events: [...events],
    });
    const pass = (entry: AttemptEntry, index: number) => {
      if (!entry.type.startsWith('trainee.')) return;
      this.attempt(() =>
        this.connection?.decided({
          attempt: attempt.id,
          scenario: scenarioId,
          scenarioVersion: version,
          index,
          entry,
        }),
      );
    };
    entries.forEach(pass);
    // Reopened after its finish: told now only if the LMS never heard of it (the page closed first) and it
    // counts. A practice attempt's report is not repeated each time its debrief is opened.
    if (finished?.status === 'done') {
      if (this.counts(scenarioId)) this.finish(attempt.id, scenario, events, finished);
      else if (this.progress.current?.attempt === attempt.id) this.keep({ counted: this.progress.counted });
    } else if (this.progress.current?.attempt !== attempt.id) {
      this.keep({ ...this.progress, current: current() });
    }
    return {
      append: async (entry, index, after) => {
        await log.append(entry, index, after);
        events[index] = entry;
        pass(entry, index);
        if (after.status === 'done') this.finish(attempt.id, scenario, events, after);
        else this.keep({ ...this.progress, current: current() });
      },
    };
  }

  /** The page is going: the session ends with it if the standard wants it to (SCORM). */
  pageClosing(): void {
    if (this.connection?.endsWithPage) this.end();
  }

  /**
   * The trainee leaves the course (where the session does not end with the page: cmi5). Returns where
   * the LMS wants them taken, if it said.
   */
  leave(): string | null {
    this.end();
    this.update({ leaving: 'left' });
    return this.connection?.returnUrl ?? null;
  }

  /** The connection ends the LMS session (session time, finish). Once only. */
  end(): void {
    if (this.ended || !this.connection) return;
    this.ended = true;
    try {
      this.connection.end();
    } catch (error) {
      this.update({ problem: describe(error) });
    }
  }

  private courseRules() {
    return { scenarios: this.course.scenarios, passMark: this.connection?.passMark ?? this.course.passMark };
  }

  /** Counts the attempt if it is the first finished at its scenario, and tells the LMS (if there is one). */
  private finish(attemptId: string, scenario: ScenarioModule, events: AttemptEntry[], after: CallSnapshot) {
    const { id: scenarioId, version } = scenario.definition;
    const already = this.progress.counted[scenarioId];
    if (already?.attempt === attemptId) return;
    const counted = !already;
    const report = scoreCall(scenario.definition, scenario.answerKey, after.context);
    const outcome = attemptOutcome({ id: attemptId, counted, events }, scenario, after.context, report);
    const wasComplete = courseStatus(this.courseRules(), this.progress.counted).completed;
    const countedNow = counted
      ? {
          ...this.progress.counted,
          [scenarioId]: {
            attempt: attemptId,
            scenarioVersion: version,
            total: report.total,
            band: report.band,
            at: outcome.finishedAt,
          },
        }
      : this.progress.counted;
    const { current: _finished, ...rest } = this.progress;
    const next: Progress =
      this.progress.current?.attempt === attemptId
        ? { ...rest, counted: countedNow }
        : { ...this.progress, counted: countedNow };
    const status = courseStatus(this.courseRules(), countedNow, !wasComplete);
    this.keep(next);
    this.attempt(() => this.connection?.finished(outcome, status));
  }

  /** Saves progress after whatever is being saved, in order, and says if it did not fit. */
  private keep(progress: Progress): void {
    this.progress = progress;
    this.update({ counted: progress.counted, status: courseStatus(this.courseRules(), progress.counted) });
    const connection = this.connection;
    if (!connection) return;
    this.attempt(async () => {
      const { text, carriesCall } = await encodeProgress(progress, connection.progressLimit);
      this.update({ callTooLongToCarry: !carriesCall });
      await connection.saveProgress(text);
    });
  }

  /** Runs LMS work after the work before it; a failure is kept for the screen and does not stop the next. */
  private attempt(work: () => Promise<void> | undefined): void {
    this.saving = this.saving.then(work).then(
      () => {
        if (this.state.problem) this.update({ problem: null });
      },
      (error: unknown) => this.update({ problem: describe(error) }),
    );
  }

  /** Settles when everything passed to the LMS so far has been handed over (tests, and before ending). */
  settled(): Promise<void> {
    return this.saving;
  }

  private update(change: Partial<LmsState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
