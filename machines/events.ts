/*
 * The events of a call: the trainee's verbs and the clock. They are the only input a scenario machine
 * takes, and an attempt file is nothing but a list of them with times, so the schema here is also the
 * attempt file's event format. Import the types with `import type` from app code so zod stays out of
 * the first-paint bundle.
 */
import * as z from 'zod';
import {
  ADVICE,
  AGENCIES,
  CHECK_SYSTEMS,
  ESCALATION_TARGETS,
  GRADES,
  OPENING_CODES,
  RISK_LEVELS,
  THRIVE_ELEMENTS,
  TOPICS,
} from './vocabulary.ts';

const nonBlank = z.string().trim().min(1);

/** One thing a message was read as carrying: a question on a topic, or a piece of advice. */
export const intentSchema = z.union([
  z.strictObject({ ask: z.enum(TOPICS) }),
  z.strictObject({ advise: z.enum(ADVICE) }),
]);

export const traineeEventSchema = z.discriminatedUnion('type', [
  /** `assisted`: the question and advice menu is on for this attempt (a trainer's choice for a course). */
  z.strictObject({ type: z.literal('trainee.start'), assisted: z.literal(true).optional() }),
  z.strictObject({ type: z.literal('trainee.answer') }),
  /**
   * What the trainee said to the caller in their own words, and what it was read as when they said it,
   * in the order said. Replay and scoring use the recorded reading and never read the text again.
   */
  z.strictObject({ type: z.literal('trainee.speak'), text: nonBlank, intents: z.array(intentSchema) }),
  /** Assisted mode only: a question or piece of advice chosen from the menu. */
  z.strictObject({ type: z.literal('trainee.ask'), topic: z.enum(TOPICS) }),
  z.strictObject({ type: z.literal('trainee.say'), advice: z.enum(ADVICE) }),
  /**
   * A search: what was typed (`query`) and the scenario subject it found, or null for no trace. Format 1
   * attempts picked the subject from a list and have no query.
   */
  z.strictObject({
    type: z.literal('trainee.check'),
    system: z.enum(CHECK_SYSTEMS),
    query: nonBlank.optional(),
    subject: nonBlank.nullable(),
  }),
  z.strictObject({ type: z.literal('trainee.openSop'), code: z.enum(OPENING_CODES) }),
  /** A reason is expected when the code changes (reclassification). */
  z.strictObject({
    type: z.literal('trainee.code'),
    code: z.enum(OPENING_CODES),
    reason: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('trainee.thrive'),
    element: z.enum(THRIVE_ELEMENTS),
    rationale: z.string(),
  }),
  z.strictObject({ type: z.literal('trainee.risk'), level: z.enum(RISK_LEVELS) }),
  /** A reason is expected when the grade changes (regrading). */
  z.strictObject({ type: z.literal('trainee.grade'), grade: z.enum(GRADES), reason: z.string().optional() }),
  z.strictObject({ type: z.literal('trainee.log'), text: nonBlank }),
  z.strictObject({ type: z.literal('trainee.escalate'), to: z.enum(ESCALATION_TARGETS), reason: z.string() }),
  z.strictObject({
    type: z.literal('trainee.contact'),
    agency: z.enum(AGENCIES),
    message: z.string().optional(),
  }),
  /** An answer to a question a colleague added to the incident log. */
  z.strictObject({ type: z.literal('trainee.reply'), line: nonBlank, text: nonBlank }),
  z.strictObject({ type: z.literal('trainee.link'), incident: nonBlank }),
  /** Ringing the caller back, with the reason it is worth the risk (a call back can endanger a victim). */
  z.strictObject({ type: z.literal('trainee.callBack'), reason: z.string().optional() }),
  /** At the dispatcher's desk: a unit to the incident, and a message over the radio. */
  z.strictObject({ type: z.literal('trainee.assign'), unit: nonBlank }),
  z.strictObject({ type: z.literal('trainee.radio'), unit: z.string().optional(), message: nonBlank }),
  z.strictObject({ type: z.literal('trainee.endCall') }),
  z.strictObject({ type: z.literal('trainee.closeLog') }),
  z.strictObject({ type: z.literal('trainee.continue') }),
]);
export type TraineeEvent = z.infer<typeof traineeEventSchema>;

/**
 * The clock is driven by the attempt's times. Before each event the engine ticks the machine to that
 * event's time on the phase clock; a tick is logged on its own only when something falls due while the
 * trainee waits. A skip jumps the phase clock forward ("20 minutes later").
 */
export const clockEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('clock.tick') }),
  z.strictObject({ type: z.literal('clock.skip'), minutes: z.number().positive() }),
]);
export type ClockEvent = z.infer<typeof clockEventSchema>;

export const attemptEventSchema = z.discriminatedUnion('type', [
  ...traineeEventSchema.options,
  ...clockEventSchema.options,
]);
export type AttemptEvent = TraineeEvent | ClockEvent;

/** What the machine receives: attempt events, with the tick carrying the time it moves the clock to. */
export type MachineEvent =
  TraineeEvent | Extract<ClockEvent, { type: 'clock.skip' }> | { type: 'clock.tick'; at: number };
