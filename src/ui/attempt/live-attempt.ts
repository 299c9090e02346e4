/*
 * The shapes the attempt page hands to the console and its panels: an attempt being played, and what
 * every panel is given. Types only, in their own module, so the page, the console and the panels that
 * import one another's components do not import one another's types in a circle.
 */
import type { Stamp } from '../../../machines/call-context.ts';
import type { AttemptEvent } from '../../../machines/events.ts';
import type { ScenarioContent, ScenarioModule } from '../../../scenarios/scenario-module.ts';
import type { CallSnapshot } from '../../engine/replay.ts';
import type { CallSession } from '../../engine/session.ts';
import type { SoundAdapter } from '../../sound/sound.ts';
import type { AttemptRecord } from '../../records/tables.ts';

export interface LiveAttempt {
  record: AttemptRecord;
  /** The attempt's course has the question and advice menu on. */
  assisted: boolean;
  scenario: ScenarioModule;
  content: ScenarioContent;
  session: CallSession;
  sound: SoundAdapter;
  /** Clicks the page was still storing when it last closed, which the stored log does not have, in words. */
  unsavedOnClose: readonly string[];
}

export interface PanelProps {
  live: LiveAttempt;
  snapshot: CallSnapshot;
  /** The current call's phase id. */
  phase: string;
  /** The records about this call's incident (this call and the earlier calls it continues), in order. */
  inCall: <T extends Stamp>(items: readonly T[]) => T[];
  /** Sends a trainee event; resolves true once it is stored and applied. */
  send: (event: AttemptEvent) => Promise<boolean>;
  /** A time the machine recorded, as the control room clock showed it then. */
  timeOf: (stamp: Stamp) => string;
}
