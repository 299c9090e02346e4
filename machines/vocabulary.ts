/*
 * The shared vocabulary of call handling: every id a scenario, the machine, scoring or the UI may use.
 * Defined once so that none of them can drift apart. Labels live in src/strings (one language module);
 * these are stable ids that appear in scenario files and attempt files, so never rename one without a
 * migration.
 */

/** Questions a call handler can put to the caller. */
export const TOPICS = [
  'what-is-happening',
  'location',
  'caller-details',
  'caller-safety',
  'anything-else',
  'repeat-that',
  'when-it-happened',
  'subject-details',
  'how-they-left',
  'what-has-been-done',
  'suspect-identity',
  'suspect-present',
  'suspect-description',
  'recent-contact',
  'threats-made',
  'history-of-abuse',
  'court-orders',
  'previous-marac',
  'children',
  'injuries',
  'weapons',
  'alcohol-drugs',
  'communication-needs',
  'mental-health',
  'suicidal-thoughts',
  'breathing',
  'last-seen',
  'vehicle',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Instructions and information a call handler gives the caller. */
export const ADVICE = [
  'stay-on-line',
  'do-not-open-door',
  'lock-doors',
  'move-to-safe-room',
  'agree-code-word',
  'help-on-way',
  'explain-grade',
  'take-off-loudspeaker',
  'call-back-if-changes',
  'preserve-evidence',
  'check-breathing',
  'remove-from-water',
  'start-cpr',
  'will-be-investigated',
  'closing-the-call',
  'cough-or-tap',
  'silent-solution',
  /** Telling the caller to go to the door, open it or see who is there. */
  'go-to-door',
  /** Telling the caller to approach or confront someone themselves: take his keys, follow him. */
  'approach-them',
] as const;
export type Advice = (typeof ADVICE)[number];

/** Systems a call handler (or a support operator on their behalf) can search. */
export const CHECK_SYSTEMS = [
  'local-intelligence',
  'pnc',
  'address-markers',
  'caller-history',
  'firearms-licensing',
] as const;
export type CheckSystem = (typeof CHECK_SYSTEMS)[number];

/** What kind of thing a check is run against; a scenario names its own subjects of these kinds. */
export const SUBJECT_KINDS = ['person', 'address', 'phone', 'vehicle'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Which systems can be searched for which kind of subject. */
export const SYSTEM_SUBJECT_KINDS: Record<CheckSystem, readonly SubjectKind[]> = {
  'local-intelligence': ['person', 'address'],
  pnc: ['person', 'vehicle'],
  'address-markers': ['address'],
  'caller-history': ['phone', 'address'],
  'firearms-licensing': ['person', 'address'],
};

/**
 * Opening codes, after the National Incident Category List (NSIR 2011) and common force labels.
 * The full list is always offered so that the wrong-but-plausible codes real staff chose stay in play.
 */
export const OPENING_CODES = [
  'domestic-abuse',
  'suspicious-circumstances',
  'concern-for-safety',
  'missing-person',
  'sudden-death',
  'collapse-illness-injury',
  'silent-abandoned-call',
  'disturbance',
  'assault',
  'criminal-damage',
  'road-related-offence',
  'person-on-railway',
  'complaint-against-police',
  'civil-dispute',
] as const;
export type OpeningCode = (typeof OPENING_CODES)[number];

/**
 * Response grades, most urgent first. Their names and target times differ by force, so each scenario
 * supplies its own label and target for the grades its force uses.
 */
export const GRADES = ['immediate', 'priority', 'scheduled', 'resolution-without-deployment'] as const;
export type Grade = (typeof GRADES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const THRIVE_ELEMENTS = [
  'threat',
  'harm',
  'risk',
  'investigation',
  'vulnerability',
  'engagement',
] as const;
export type ThriveElement = (typeof THRIVE_ELEMENTS)[number];

/** The National Decision Model, Code of Ethics at its centre. */
export const NDM_ELEMENTS = [
  'code-of-ethics',
  'gather',
  'assess',
  'powers-policy',
  'options',
  'action-review',
] as const;
export type NdmElement = (typeof NDM_ELEMENTS)[number];

/** Partner agencies and third parties a call handler contacts. */
export const AGENCIES = [
  'ambulance',
  'fire',
  'network-rail',
  'british-transport-police',
  'hospital',
  'taxi-firm',
  'mental-health-team',
  'social-care',
] as const;
export type Agency = (typeof AGENCIES)[number];

/** People inside the police a call handler escalates or passes information to. */
export const ESCALATION_TARGETS = [
  'dispatcher',
  'supervisor',
  'sergeant',
  'force-incident-manager',
  'next-shift',
  'support-operator',
  'officer-in-case',
  'professional-standards',
] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export const SPEAKERS = [
  'caller',
  'operator',
  'third-party',
  'officer',
  'dispatcher',
  'duty-officer',
  'effect',
] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** What a phase puts the trainee in front of: a call to take, or the dispatcher's desk. */
export const PHASE_KINDS = ['call', 'dispatch'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const UNIT_STATUSES = ['available', 'committed', 'off-duty'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const SEVERITIES = ['critical', 'major', 'moderate', 'minor', 'good-practice'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What a finding or an answer rests on, shown to trainees as its label, so each says no more than the
 * source does (scenarios/README.md, "Sources"):
 * - 'iopc-finding': what the IOPC found happened or went wrong in the real case (its account of the case
 *   or its findings), in its own words;
 * - 'iopc-question': a key question the IOPC asks managers or staff; a question, not a finding;
 * - 'iopc-guidance': what an article in the issue advises (the Silent Solution campaign, a feature);
 * - 'force-action': what the force changed after the case, as the IOPC reports it;
 * - 'app': College of Policing Authorised Professional Practice, in its words as the sources give them;
 * - 'force-policy': the force's own policy or procedure at the time, as the sources report it;
 * - 'trainer-judgement': the trainer's reading where no source says it in so many words (it names what it
 *   draws on); it must be shown as such.
 */
export const SOURCE_KINDS = [
  'iopc-finding',
  'iopc-question',
  'iopc-guidance',
  'force-action',
  'app',
  'force-policy',
  'trainer-judgement',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * Kinds that claim a document's own words: a source of one of these must quote it, verbatim. Every quote,
 * of any kind, is checked against the source documents (sources/) by npm run validate.
 */
export const QUOTED_SOURCE_KINDS = ['iopc-finding', 'app'] as const satisfies readonly SourceKind[];

/**
 * The one kind whose serious misses cap the band: the IOPC found this failing in the real case. A key
 * question, the guidance, a force's later action, APP or a trainer's judgement never caps.
 */
export const CAPPING_SOURCE_KIND = 'iopc-finding' satisfies SourceKind;

export const SCORING_DIMENSIONS = [
  'openingCode',
  'grading',
  'thrive',
  'ndm',
  'logging',
  'escalation',
] as const;
export type ScoringDimension = (typeof SCORING_DIMENSIONS)[number];

export const BANDS = ['high', 'compliant', 'partial', 'low', 'non-compliant'] as const;
export type Band = (typeof BANDS)[number];

/** Whom a debrief's signposting can list (scenarios/signposting.ts names the organisations for each). */
export const SUPPORT_TOPICS = [
  'domestic-abuse',
  'mental-health',
  'missing-people',
  'alcohol-drugs',
  'police-wellbeing',
] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
