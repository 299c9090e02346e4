/*
 * Every word the app shows that is not scenario content, in British English. A second language
 * (Welsh forces exist) is a second module of the same shape: `Strings` makes a missing entry a type error.
 */
import type {
  Advice,
  Agency,
  Band,
  CheckSystem,
  EscalationTarget,
  Grade,
  NdmElement,
  OpeningCode,
  RiskLevel,
  ScoringDimension,
  Severity,
  SourceKind,
  SubjectKind,
  ThriveElement,
  Topic,
} from '../../machines/vocabulary.ts';
import type { SourceRef } from '../../machines/scenario-format.ts';

export const enGb = {
  appName: 'Control Room Trainer',
  vocabulary: {
    /** Topics as the call handler asks them. */
    topics: {
      'what-is-happening': 'Tell me exactly what is happening.',
      location: 'Where are you? What is the address?',
      'caller-details': 'What is your name and number?',
      'caller-safety': 'Are you safe where you are?',
      'suspect-identity': 'Who is it? Do you know them?',
      'suspect-present': 'Are they still there now?',
      'suspect-description': 'Can you describe them?',
      'recent-contact': 'Have they been in contact with you recently?',
      'threats-made': 'Have they threatened you? What did they say?',
      'history-of-abuse': 'Have they been violent or abusive to you before?',
      'court-orders': 'Are there any court orders or bail conditions?',
      'previous-marac': 'Have you had support from a MARAC or an advocate?',
      children: 'Are there any children or other people with you?',
      injuries: 'Is anyone hurt? Do you need an ambulance?',
      weapons: 'Do they have any weapons, or is there anything they could use?',
      'alcohol-drugs': 'Have they been drinking or taking drugs?',
      'communication-needs': 'Is there anything that makes it hard for you to talk to us?',
      'mental-health': 'Do they have any mental health needs we should know about?',
      'suicidal-thoughts': 'Have they talked about harming themselves or ending their life?',
      breathing: 'Are they breathing?',
      'last-seen': 'When and where were they last seen?',
      vehicle: 'Is there a vehicle involved? What are its details?',
    } satisfies Record<Topic, string>,
    advice: {
      'stay-on-line': 'Stay on the line with me.',
      'do-not-open-door': 'Do not open the door.',
      'lock-doors': 'Make sure the doors and windows are locked.',
      'move-to-safe-room': 'Go to a room you can lock, with a phone.',
      'agree-code-word': 'Agree a code word to use if you cannot speak.',
      'help-on-way': 'Officers are on their way; this is what happens next.',
      'call-back-if-changes': 'Ring 999 again straight away if anything changes.',
      'preserve-evidence': 'Do not touch or move anything.',
      'check-breathing': 'Check whether they are breathing.',
      'start-cpr': "I'll talk you through CPR.",
    } satisfies Record<Advice, string>,
    checkSystems: {
      'local-intelligence': 'Local intelligence and crime records',
      pnc: 'Police National Computer (PNC)',
      'address-markers': 'Address markers and special schemes',
      'caller-history': 'Caller and incident history',
      'firearms-licensing': 'Firearms licensing',
    } satisfies Record<CheckSystem, string>,
    subjectKinds: {
      person: 'Person',
      address: 'Address',
      phone: 'Phone number',
      vehicle: 'Vehicle',
    } satisfies Record<SubjectKind, string>,
    openingCodes: {
      'domestic-abuse': 'Domestic abuse',
      'suspicious-circumstances': 'Suspicious circumstances',
      'concern-for-safety': 'Concern for safety / welfare',
      'missing-person': 'Missing person',
      'sudden-death': 'Sudden death',
      'collapse-illness-injury': 'Collapse / illness / injury',
      'silent-abandoned-call': 'Silent or abandoned 999 call',
      disturbance: 'Disturbance',
      assault: 'Assault',
      'criminal-damage': 'Criminal damage',
      'road-related-offence': 'Road-related offence (e.g. drink driving)',
      'person-on-railway': 'Person on or near the railway',
      'complaint-against-police': 'Complaint or allegation against police',
      'civil-dispute': 'Civil dispute',
    } satisfies Record<OpeningCode, string>,
    grades: {
      immediate: 'Immediate',
      priority: 'Priority',
      scheduled: 'Scheduled',
      'resolution-without-deployment': 'Resolution without deployment',
    } satisfies Record<Grade, string>,
    riskLevels: { low: 'Low', medium: 'Medium', high: 'High' } satisfies Record<RiskLevel, string>,
    thriveElements: {
      threat: 'Threat',
      harm: 'Harm',
      risk: 'Risk',
      investigation: 'Investigation',
      vulnerability: 'Vulnerability',
      engagement: 'Engagement',
    } satisfies Record<ThriveElement, string>,
    thrivePrompts: {
      threat: 'Who is at risk, from whom or what? What has been said or threatened?',
      harm: 'What harm has happened, or could happen?',
      risk: 'How likely is the harm, and how soon? What could happen before police arrive?',
      investigation: 'What offences, evidence, witnesses or lines of enquiry are there?',
      vulnerability: 'Who cannot protect themselves, and why? Any markers or repeat victimisation?',
      engagement: 'What does the caller need? How will they be kept informed and supported?',
    } satisfies Record<ThriveElement, string>,
    ndmElements: {
      'code-of-ethics': 'Code of Ethics',
      gather: 'Gather information and intelligence',
      assess: 'Assess threat and risk',
      'powers-policy': 'Consider powers and policy',
      options: 'Identify options and contingencies',
      'action-review': 'Take action and review',
    } satisfies Record<NdmElement, string>,
    agencies: {
      ambulance: 'Ambulance service',
      fire: 'Fire and rescue service',
      'network-rail': 'Network Rail (route control)',
      'british-transport-police': 'British Transport Police',
      hospital: 'Hospital',
      'taxi-firm': 'Taxi firm',
      'mental-health-team': 'Mental health crisis team',
      'social-care': 'Social care',
    } satisfies Record<Agency, string>,
    escalationTargets: {
      dispatcher: 'Dispatcher: flag the risk to those sending officers',
      supervisor: 'Control room supervisor',
      'force-incident-manager': 'Force incident manager / duty inspector',
      'support-operator': 'Support operator (intelligence checks)',
      'professional-standards': 'Professional standards department',
    } satisfies Record<EscalationTarget, string>,
    severities: {
      critical: 'Critical',
      major: 'Major',
      moderate: 'Moderate',
      minor: 'Minor',
      'good-practice': 'Good practice',
    } satisfies Record<Severity, string>,
    sourceKinds: {
      'iopc-finding': 'IOPC finding',
      app: 'Authorised Professional Practice',
      'force-policy': 'Force policy',
      'trainer-judgement': 'Trainer judgement',
    } satisfies Record<SourceKind, string>,
    dimensions: {
      openingCode: 'Opening code',
      grading: 'Grading',
      thrive: 'THRIVE',
      ndm: 'National Decision Model',
      logging: 'Incident log',
      escalation: 'Escalation',
    } satisfies Record<ScoringDimension, string>,
    bands: {
      high: 'High compliance',
      compliant: 'Compliant',
      partial: 'Partial compliance',
      low: 'Low compliance',
      'non-compliant': 'Non-compliant',
    } satisfies Record<Band, string>,
  },
  scoring: {
    codeMissing: (expected: string) => `You did not set an opening code. This call needed "${expected}".`,
    codeExpected: (code: string) => `You opened the incident as "${code}".`,
    codeAcceptable: (code: string, expected: string, note: string) =>
      `"${code}" is acceptable, but "${expected}" is better: ${note}`,
    codeWrong: (code: string, expected: string, why: string) =>
      `You opened the incident as "${code}"; it needed "${expected}". ${why}`,
    codeSameAsHistory: 'The call handler in the real case made the same choice.',
    gradeMissing: (expected: string) => `You did not grade the call. It needed ${expected}.`,
    gradeExpected: (grade: string) => `You graded the call ${grade}.`,
    gradeLate: (grade: string, seconds: number, within: number) =>
      `You graded it ${grade}, but only after ${formatDuration(seconds)}; it should be graded within ${formatDuration(within)} so officers can be sent.`,
    underGraded: (grade: string, expected: string, why: string) =>
      `You graded the call ${grade}; it needed ${expected}. ${why}`,
    overGraded: (grade: string, expected: string) =>
      `You graded the call ${grade}; ${expected} would have met the risk. Over-grading ties up officers other calls need.`,
    thriveMissing: (elements: string) => `No THRIVE rationale for: ${elements}.`,
    thriveTooShort: (elements: string, words: number) =>
      `Rationale too short to explain a decision (fewer than ${words} words) for: ${elements}. Write what you know and why it matters.`,
    thriveFactorsMissed: (element: string, factors: string) => `${element}: your rationale does not name: ${factors}.`,
    thriveComplete: 'Your THRIVE rationales named the key risk factors for every element.',
    riskMissing: (expected: string) => `You did not record an overall risk level. It was ${expected}.`,
    riskLow: (level: string, expected: string) => `You assessed the risk as ${level}; it was ${expected}.`,
    riskHigh: (level: string, expected: string) => `You assessed the risk as ${level}; ${expected} would have matched it.`,
    notReassessed: (facts: string) =>
      `New information arrived after your THRIVE assessment and you did not re-assess: ${facts}.`,
    reassessed: 'You re-assessed THRIVE when new information arrived.',
    late: (message: string, seconds: number, within: number) =>
      `${message} (after ${formatDuration(seconds)}; it should be within ${formatDuration(within)})`,
    logEmpty: 'You recorded nothing on the incident log. Everything the caller told you is lost to the officers.',
    logFactMissing: (summary: string, why: string) => `Your log does not record: ${summary} ${why}`,
    quoteMissing: (quote: string) => `Record the caller's exact words: "${quote}".`,
    quoteRecorded: (quote: string) => `You recorded the caller's exact words: "${quote}".`,
    oneLineLog: (words: number) =>
      `Your log is ${words} word${words === 1 ? '' : 's'} long and leaves out risk the caller disclosed. A one-line log hides the risk from those who read it.`,
    logComplete: 'Your log records everything the caller and the checks told you.',
  },
  sources: {
    thriveRationale: {
      kind: 'iopc-finding',
      ref: 'IPCC recommendation (Lancashire, January 2015): a free-text full rationale for grading decisions; IOPC Learning the Lessons 41, case 6: one-word THRIVE rationales',
    } satisfies SourceRef,
    gradingPrinciple: {
      kind: 'trainer-judgement',
      ref: 'Trainer judgement: National Call Handling Standards grade definitions; the force sets the targets',
    } satisfies SourceRef,
  },
};

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export type Strings = typeof enGb;
export const strings: Strings = enGb;
