/*
 * Reading what a trainee says to a caller: a typed message becomes the questions (topics) and advice it
 * carries, offline and deterministically, so the same words always mean the same thing. The reading is
 * recorded with the event (what was typed and what it was taken to mean), so replay and scoring never
 * run this again and an old attempt never changes its score when the lexicon grows.
 *
 * How a message is read:
 *   1. Normalised: lower case, contractions spelled out ("hes" and "he's" -> "he is", "dont" -> "do not"),
 *      text-speak expanded ("u" -> "you"), punctuation dropped.
 *   2. Cut into clauses at punctuation and at "and" / "but" / "also" / "then" (not "go and see"), so a
 *      negation reaches only its own clause and one message can carry several intents; a question tag
 *      ("he's not armed, is he?") makes the clause before it a question, not a denial.
 *   3. Misspelt words corrected to the nearest word the lexicon knows (one edit in a short word, two in a
 *      long one; never a word the lexicon or ordinary English already knows, never an unresolved tie).
 *   4. Every phrase template of every intent is matched against each clause. A negation shortly before a
 *      match ("you don't need an ambulance") cancels it, unless the template says the negation itself
 *      ("don't open the door"). A match inside a longer match of another intent gives way to it ("check
 *      whether she is breathing" is the instruction, not the question), and a match of the shared lexicon
 *      gives way to a scenario's own phrasing on the same words (in case 2 "what's his name?" asks who
 *      is at the door, not a missing person's details).
 *   5. Intents come back in the order they were said, each once.
 *
 * Templates are words separated by spaces, with:
 *   (a|b c)   one of the alternatives        [a|b c] or (a|b c)?  optionally one of them
 *   word*     any word starting "word"       *        up to three words of anything; ** up to six
 *   @name     a shared group of alternatives defined in the lexicon's `groups` (groups may nest)
 *   ^ ... $   anchored to the clause's start or end; anchored at both, the whole message ("^name$")
 * Groups nest, and a template's top level may hold alternatives ("address|postcode").
 */
import type { Advice, Topic } from './vocabulary.ts';

export type Intent = { ask: Topic } | { advise: Advice };

/** Phrase templates by intent: the shared lexicon, and a scenario's own phrasings added to it. */
export interface Lexicon {
  groups: Record<string, string>;
  topics: Partial<Record<Topic, readonly string[]>>;
  advice: Partial<Record<Advice, readonly string[]>>;
}

export interface Phrasings {
  topics?: Partial<Record<Topic, readonly string[]>>;
  advice?: Partial<Record<Advice, readonly string[]>>;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'without', 'neither', 'nor', 'forget']);
/** How many words after it a negation still reaches: "I'm not going to ask about his mental health". */
const NEGATION_REACH = 7;
/** Words that, after "is" from a contraction, make it "has": "he's been", "she's got". */
const PARTICIPLES = new Set([
  'been',
  'got',
  'gone',
  'left',
  'done',
  'had',
  'said',
  'made',
  'taken',
  'threatened',
  'tried',
  'told',
  'called',
  'rung',
  'phoned',
  'texted',
  'messaged',
  'attacked',
  'assaulted',
  'harmed',
  'walked',
  'run',
  'driven',
  'seen',
  'heard',
  'ever',
]);
const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'has',
  'have',
  'had',
  'can',
  'could',
  'will',
  'would',
  'should',
]);
const PRONOUNS = new Set([
  'he',
  'she',
  'they',
  'you',
  'it',
  'there',
  'anyone',
  'anybody',
  'someone',
  'we',
  'i',
  'one',
]);
/** Words whose "'s" is "is" ("he's", "no one's"); after any other word it is a possessive. */
const CONTRACTED_IS = new Set(
  'he she it that what where who how there here when why one someone anyone everyone nobody somebody anybody everybody nothing something everything'.split(
    ' ',
  ),
);
const CLAUSE_WORDS = new Set(['and', 'but', 'also', 'then', 'plus']);
const JOINED_BY_AND = new Set(['go', 'come', 'try', 'run', 'nip', 'pop', 'wait', 'hurry']);

/** Contractions and text-speak, with and without the apostrophe, as the words they stand for. */
const SPELLED_OUT: Record<string, string> = {
  "won't": 'will not',
  wont: 'will not',
  "can't": 'can not',
  cant: 'can not',
  cannot: 'can not',
  "shan't": 'shall not',
  "ain't": 'is not',
  aint: 'is not',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  hasnt: 'has not',
  havent: 'have not',
  hadnt: 'had not',
  shouldnt: 'should not',
  couldnt: 'could not',
  wouldnt: 'would not',
  mustnt: 'must not',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  youve: 'you have',
  youll: 'you will',
  youd: 'you would',
  theyre: 'they are',
  theyve: 'they have',
  theyll: 'they will',
  theyd: 'they would',
  hes: 'he is',
  shes: 'she is',
  whats: 'what is',
  wheres: 'where is',
  whos: 'who is',
  hows: 'how is',
  thats: 'that is',
  theres: 'there is',
  heres: 'here is',
  itll: 'it will',
  thatll: 'that will',
  lets: 'let us',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  gimme: 'give me',
  lemme: 'let me',
  dunno: 'do not know',
  innit: 'is it not',
  u: 'you',
  ya: 'you',
  yer: 'your',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ok: 'okay',
  k: 'okay',
  ppl: 'people',
  abt: 'about',
  b4: 'before',
  '2day': 'today',
  tmrw: 'tomorrow',
  bcos: 'because',
  cos: 'because',
  coz: 'because',
  cuz: 'because',
  tho: 'though',
  wat: 'what',
  wot: 'what',
  wen: 'when',
  wer: 'where',
  hw: 'how',
  sum1: 'someone',
  any1: 'anyone',
  no1: 'no one',
  '999': 'nine nine nine',
  '55': 'five five',
};

function spellOut(word: string): string {
  const known = SPELLED_OUT[word];
  if (known) return known;
  const contraction = /^([a-z]+)'(s|re|ve|ll|d|m|t)$/.exec(word);
  if (!contraction) return word;
  const [, stem = '', tail] = contraction;
  if (tail === 't' && stem.endsWith('n')) return `${stem.slice(0, -1)} not`;
  const tails: Record<string, string> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };
  if (tail === 's') {
    // "he's", "where's": a verb; "Carl's", "the man's": a possessive, read as the name itself.
    return CONTRACTED_IS.has(stem) ? `${stem} is` : stem;
  }
  return `${stem} ${tails[tail ?? ''] ?? ''}`.trim();
}

/** The message as clauses of normalised words. */
export function clausesOf(text: string): string[][] {
  const clauses: string[][] = [];
  const flat = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
  for (const piece of flat.split(/[.?!;:,\n()"]+|\s[-–—]+\s/)) {
    let clause: string[] = [];
    const words = piece
      .replace(/[^a-z0-9' ]+/g, ' ')
      .split(/\s+/)
      .map((word) => word.replace(/^'+|'+$/g, ''))
      .filter((word) => word !== '');
    for (const word of words.flatMap((w) => spellOut(w).split(' '))) {
      // "go and see", "try and stop him": one instruction, not two clauses.
      if (CLAUSE_WORDS.has(word) && !(word === 'and' && JOINED_BY_AND.has(clause.at(-1) ?? ''))) {
        if (clause.length > 0) clauses.push(clause);
        clause = [];
        continue;
      }
      clause.push(word.replace(/'/g, ''));
    }
    if (clause.length > 0) clauses.push(clause);
  }
  return clauses.map((clause, i) => {
    const read = dropQuestionNegation(
      clause.map((word, j) => (word === 'is' && PARTICIPLES.has(clause[j + 1] ?? '') ? 'has' : word)),
    );
    // "he's not got a weapon, has he?": a negative statement with a question tag is a question.
    if (isQuestionTag(clauses[i + 1])) return read.filter((word) => !NEGATORS.has(word));
    const tail = read.slice(-2);
    if (read.length > 3 && isQuestionTag(tail))
      return read.slice(0, -2).filter((word) => !NEGATORS.has(word));
    return read;
  });
}

/** "has he?", "are there?": the tag that turns the clause before it into a question. */
function isQuestionTag(clause: readonly string[] | undefined): boolean {
  if (!clause) return false;
  const words = clause.filter((word) => word !== 'not');
  return words.length === 2 && AUXILIARIES.has(words[0] ?? '') && PRONOUNS.has(words[1] ?? '');
}

/** A negation inside a condition ("if you can't speak, cough") does not reach what follows it. */
function conditionalNegation(clause: readonly string[], at: number): boolean {
  if (clause[at - 1] === 'if') return true; // "if not, start CPR": otherwise, not a denial
  return (
    clause.slice(0, at).includes('if') &&
    ['speak', 'talk', 'say', 'answer', 'hear', 'get', 'safe'].includes(clause[at + 1] ?? '')
  );
}

/** "isn't he still there?" asks whether he is: an auxiliary, "not", a pronoun is a question, not a denial. */
function dropQuestionNegation(clause: string[]): string[] {
  return clause.filter(
    (word, i) =>
      !(
        word === 'not' &&
        AUXILIARIES.has(clause[i - 1] ?? '') &&
        PRONOUNS.has(clause[i + 1] ?? '') &&
        (i === 1 || !PRONOUNS.has(clause[i - 2] ?? ''))
      ),
  );
}

/** Damerau-Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    rows.push(row);
    if (i > 0 && best > limit) return limit + 1;
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

/** How many edits a word of this length may be away from a known word and still be read as it. */
export function editsAllowed(length: number): number {
  if (length <= 3) return 0;
  return length <= 6 ? 1 : 2;
}

interface CompiledTemplate {
  intent: Intent;
  pattern: RegExp;
  /** Anchored at both ends ("^name$"): the whole message, not a clause of a longer one. */
  whole: boolean;
  /** A scenario's own phrasing: where it matches, it overrules the shared lexicon on the same words. */
  own: boolean;
  /** The template states a negation itself, so a negation does not cancel it. */
  negative: boolean;
}

export interface CompiledLexicon {
  templates: CompiledTemplate[];
  /** Every literal word the templates use, with how often: what a misspelling is corrected towards. */
  words: Map<string, number>;
  /** Words stems (`word*`) that any longer word may start with. */
  stems: string[];
}

/**
 * Compiles a template into a regular expression over ' word word ... ': each element's pattern ends
 * with the space after its last word, so elements simply follow one another. A template may be
 * anchored to the start (^) or end ($) of its clause; anchored at both, it must be the whole message:
 * "^name$" is the one-word question, not any mention of a name in a longer one.
 */
function compileTemplate(
  template: string,
  groups: Record<string, string>,
  words: Map<string, number>,
  stems: Set<string>,
  where: string,
): { source: string; negative: boolean } {
  let negative = false;
  const resolving = new Set<string>();
  const fail = (why: string): never => {
    throw new TemplateError(`${where}: ${why} in "${template}"`);
  };
  const word = (raw: string): string => {
    if (raw === '*') return '(?:\\S+ ){0,3}';
    if (raw === '**') return '(?:\\S+ ){0,6}';
    if (raw.startsWith('@')) {
      const name = raw.slice(1);
      const group = groups[name];
      if (group === undefined) fail(`no group "${raw}"`);
      if (resolving.has(name)) fail(`group "${raw}" uses itself`);
      resolving.add(name);
      const source = parse(`(${group})`, raw);
      resolving.delete(name);
      return source;
    }
    if (raw.endsWith('*')) {
      const stem = raw.slice(0, -1);
      if (!/^[a-z0-9]+$/.test(stem)) fail(`"${raw}" is not a word stem`);
      stems.add(stem);
      return `${stem}\\S* `;
    }
    if (!/^[a-z0-9]+$/.test(raw)) fail(`"${raw}" is not a word (lower-case letters and digits)`);
    if (NEGATORS.has(raw)) negative = true;
    if (!words.has(raw)) words.set(raw, 0);
    return `${raw} `;
  };
  /** Recursive descent over the template: sequences of words and (alternatives) or [optional] groups. */
  function parse(text: string, context: string): string {
    const tokens = text.match(/[()[\]|?]|[^\s()[\]|?]+/g) ?? [];
    let at = 0;
    const sequence = (closing: string | null): string => {
      let source = '';
      let count = 0;
      for (;;) {
        const token = tokens[at];
        if (token === undefined) {
          if (closing !== null)
            fail(`unclosed "${closing === ')' ? '(' : '['}"${context ? ` in ${context}` : ''}`);
          break;
        }
        if (token === '|' || token === ')' || token === ']') {
          if (closing === null) fail(`unexpected "${token}"`);
          break;
        }
        at++;
        count++;
        if (token === '(' || token === '[') {
          const close = token === '(' ? ')' : ']';
          const options = [sequence(close)];
          while (tokens[at] === '|') {
            at++;
            options.push(sequence(close));
          }
          if (tokens[at] !== close) fail(`"${token}" closed by "${tokens[at] ?? 'nothing'}"`);
          at++;
          // "(a|b)?" is another way to write "[a|b]".
          const optional = token === '[' || tokens[at] === '?';
          if (tokens[at] === '?') at++;
          source += `(?:${options.join('|')})${optional ? '?' : ''}`;
        } else {
          source += word(token);
        }
      }
      if (count === 0) fail('an empty alternative');
      return source;
    };
    const source = sequence(null);
    if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
    return source;
  }
  let text = template.trim().toLowerCase();
  const atStart = text.startsWith('^');
  const atEnd = text.endsWith('$');
  text = text.replace(/^\^|\$$/g, '');
  const body = parse(`(${text})`, '');
  return { source: `${atStart ? '^' : ''} ${body}${atEnd ? '$' : ''}`, negative };
}

function addTemplates(
  compiled: CompiledLexicon,
  groups: Record<string, string>,
  byIntent: [Intent, readonly string[]][],
  stems: Set<string>,
  origin: string,
  own: boolean,
): void {
  for (const [intent, templates] of byIntent) {
    const id = 'ask' in intent ? `topics.${intent.ask}` : `advice.${intent.advise}`;
    templates.forEach((template, index) => {
      const { source, negative } = compileTemplate(
        template,
        groups,
        compiled.words,
        stems,
        `${origin}.${id}[${index}]`,
      );
      const whole = source.startsWith('^') && source.endsWith('$');
      compiled.templates.push({ intent, pattern: new RegExp(source, 'g'), negative, whole, own });
    });
  }
}

function intentsOf(phrasings: Phrasings): [Intent, readonly string[]][] {
  return [
    ...Object.entries(phrasings.topics ?? {}).map(
      ([topic, templates]) => [{ ask: topic as Topic }, templates ?? []] as [Intent, readonly string[]],
    ),
    ...Object.entries(phrasings.advice ?? {}).map(
      ([advice, templates]) => [{ advise: advice as Advice }, templates ?? []] as [Intent, readonly string[]],
    ),
  ];
}

/** Compiles the shared lexicon and, optionally, a scenario's own phrasings; throws TemplateError naming the template. */
export function compileLexicon(
  lexicon: Lexicon,
  extra?: { phrasings: Phrasings; origin: string },
): CompiledLexicon {
  const compiled: CompiledLexicon = { templates: [], words: new Map(), stems: [] };
  const stems = new Set<string>();
  for (const name of Object.keys(lexicon.groups)) {
    if (!/^[a-z][a-z-]*$/.test(name))
      throw new TemplateError(`groups.${name}: a group name is lower-case letters`);
  }
  addTemplates(compiled, lexicon.groups, intentsOf(lexicon), stems, 'lexicon', false);
  if (extra) addTemplates(compiled, lexicon.groups, intentsOf(extra.phrasings), stems, extra.origin, true);
  // How often each word is written (a group counts once, however often it is used).
  const written = [
    ...Object.values(lexicon.groups),
    ...[...intentsOf(lexicon), ...(extra ? intentsOf(extra.phrasings) : [])].flatMap(
      ([, templates]) => templates,
    ),
  ];
  for (const text of written) {
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const uses = compiled.words.get(word);
      if (uses !== undefined) compiled.words.set(word, uses + 1);
    }
  }
  compiled.stems = [...stems].sort();
  return compiled;
}

const spellingCache = new WeakMap<CompiledLexicon, Map<string, string>>();

/** Letters shared at the start and at the end: how alike two spellings look. */
function affixes(a: string, b: string): number {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return start + end;
}

/**
 * The word as the lexicon knows it: itself if known, else the nearest known word within reach. Among
 * equally near words, a swap of two letters ("opne") beats other edits, then the one sharing most letters
 * at its start and end ("nife" is "knife", not "wife"), then the word the lexicon writes most often; a tie
 * left after that corrects nothing.
 * A word a stem template covers ("suicidal" for `suicid*`) stays as typed unless a known word is one edit
 * away.
 */
function corrected(lexicon: CompiledLexicon, word: string, extraKnown: ReadonlySet<string>): string {
  if (lexicon.words.has(word) || extraKnown.has(word) || /\d/.test(word)) return word;
  let cache = spellingCache.get(lexicon);
  if (!cache) spellingCache.set(lexicon, (cache = new Map()));
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = lexicon.stems.some((stem) => word.startsWith(stem));
  // Three-letter words are corrected only for swapped letters ("teh"), which cannot be another word.
  const allowed = stemmed ? 1 : Math.max(editsAllowed(word.length), word.length === 3 ? 1 : 0);
  const letters = [...word].sort().join('');
  let best: { word: string; rank: number[] } | null = null;
  let tied = false;
  for (const [candidate, uses] of allowed > 0 ? lexicon.words : []) {
    if (candidate.length < 3) continue;
    const distance = editDistance(word, candidate, allowed);
    if (distance > allowed) continue;
    const swapped = [...candidate].sort().join('') === letters;
    if (word.length === 3 && !swapped) continue;
    const rank = [distance, swapped ? 0 : 1, -affixes(word, candidate), -uses];
    const order = best ? compareRanks(rank, best.rank) : -1;
    if (order < 0) {
      best = { word: candidate, rank };
      tied = false;
    } else if (order === 0) {
      tied = true;
    }
  }
  const result = best && !tied ? best.word : word;
  cache.set(word, result);
  return result;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

interface Found {
  intent: Intent;
  clause: number;
  start: number;
  end: number;
  own: boolean;
}

const sameIntent = (a: Intent, b: Intent) =>
  'ask' in a ? 'ask' in b && a.ask === b.ask : 'advise' in b && a.advise === b.advise;

/**
 * The intents a message carries, in the order said. `known` lists ordinary words that must never be
 * corrected into lexicon words (the shared stock of common English the lexicon provides).
 */
export function readIntents(
  lexicon: CompiledLexicon,
  text: string,
  known: ReadonlySet<string> = new Set(),
): Intent[] {
  const found: Found[] = [];
  const clauses = clausesOf(text);
  clauses.forEach((raw, clauseIndex) => {
    const clause = raw.map((word) => corrected(lexicon, word, known));
    const joined = ` ${clause.join(' ')} `;
    // Word index at each character offset of a space: matches start just after a space.
    const wordAt = new Map<number, number>();
    let index = 0;
    for (let offset = 0; offset < joined.length; offset++)
      if (joined[offset] === ' ') wordAt.set(offset, index++);
    for (const template of lexicon.templates) {
      if (template.whole && clauses.length > 1) continue;
      template.pattern.lastIndex = 0;
      for (let match = template.pattern.exec(joined); match; match = template.pattern.exec(joined)) {
        const start = wordAt.get(match.index) ?? 0;
        const end =
          start +
          match[0]
            .trim()
            .split(' ')
            .filter((w) => w !== '').length;
        if (match[0].length <= 1) {
          template.pattern.lastIndex = match.index + 1;
          continue;
        }
        template.pattern.lastIndex = match.index + match[0].length - 1;
        // A negation reaches the next few words, and on through "or": "don't go out to him or try to take his keys".
        const negated = clause
          .slice(0, start)
          .some(
            (word, at) =>
              NEGATORS.has(word) &&
              !conditionalNegation(clause, at) &&
              (start - at <= NEGATION_REACH ||
                clause.slice(at, start).some((w) => w === 'or' || w === 'nor')),
          );
        if (negated && !template.negative) continue;
        found.push({ intent: template.intent, clause: clauseIndex, start, end, own: template.own });
      }
    }
  });
  const kept = found.filter(
    (item) =>
      !found.some(
        (other) =>
          other.clause === item.clause &&
          !sameIntent(other.intent, item.intent) &&
          ((other.start <= item.start &&
            other.end >= item.end &&
            other.end - other.start > item.end - item.start) ||
            // The scenario's own phrasing overrules the shared lexicon on words they share.
            (other.own && !item.own && other.start < item.end && item.start < other.end)),
      ),
  );
  kept.sort((a, b) => a.clause - b.clause || a.start - b.start || a.end - b.end);
  const intents: Intent[] = [];
  for (const item of kept)
    if (!intents.some((intent) => sameIntent(intent, item.intent))) intents.push(item.intent);
  return intents;
}

/** The intents as the topics and advice they name, each list in the order said. */
export function splitIntents(intents: readonly Intent[]): { topics: Topic[]; advice: Advice[] } {
  return {
    topics: intents.flatMap((intent) => ('ask' in intent ? [intent.ask] : [])),
    advice: intents.flatMap((intent) => ('advise' in intent ? [intent.advise] : [])),
  };
}
