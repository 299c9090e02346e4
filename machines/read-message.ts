/*
 * What the app and the tools call to read a trainee's message: the shared British English lexicon with
 * the scenario's own phrasings added, compiled once per scenario.
 */
import { compileLexicon, readIntents, type CompiledLexicon, type Intent, type Phrasings } from './intents.ts';
import { commonWordsEnGb, lexiconEnGb } from './lexicon-en-gb.ts';

const NO_PHRASINGS: Phrasings = {};
const compiled = new WeakMap<Phrasings, CompiledLexicon>();

/** The compiled lexicon for a scenario's phrasings (or the shared one alone); throws TemplateError. */
export function lexiconFor(
  phrasings: Phrasings = NO_PHRASINGS,
  origin = 'scenario.json phrasings',
): CompiledLexicon {
  let lexicon = compiled.get(phrasings);
  if (!lexicon) {
    lexicon = compileLexicon(lexiconEnGb, phrasings === NO_PHRASINGS ? undefined : { phrasings, origin });
    compiled.set(phrasings, lexicon);
  }
  return lexicon;
}

/** The questions and advice a message carries, in the order said. */
export function readMessage(text: string, phrasings?: Phrasings): Intent[] {
  return readIntents(lexiconFor(phrasings), text, commonWordsEnGb);
}
