/*
 * A second language needs no change to the core: the debrief is rendered with a pseudo-locale in place of
 * British English (every string and every sentence the strings module makes, wrapped in ⟦ ⟧), and what is
 * left outside the brackets must be numbers, punctuation and the scenario's own content (its data, answer
 * key and signposting, which are translated with the scenario). Any English word left over was hard-coded
 * in the UI or made in the core.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import { SIGNPOSTING } from '../../scenarios/signposting.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { replay } from '../../src/engine/replay.ts';
import type { ModerationTarget } from '../../src/records/records.ts';
import { scoreCall } from '../../src/scoring/score.ts';
import { moderateReport } from '../../src/supervision/moderation.ts';
import type { LiveAttempt } from '../../src/ui/attempt/live-attempt.ts';

vi.mock('../../src/strings/en-gb.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/strings/en-gb.ts')>();
  const pseudo = (value: unknown, key = ''): unknown => {
    if (key === 'locale') return value;
    if (typeof value === 'string') return `⟦${value}⟧`;
    if (typeof value === 'function') {
      return (...args: unknown[]) => {
        const said: unknown = value(...args);
        return typeof said === 'string' ? `⟦${said}⟧` : said;
      };
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudo(v, k)]));
    }
    return value;
  };
  const strings = pseudo(original.enGb);
  return { ...original, enGb: strings, strings };
});

/** Every string in a value, however deep: a scenario's own content. */
function contentOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(contentOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(contentOf);
  return [];
}

/** The text of some HTML with everything the strings module said taken out. */
function outsideTheStrings(html: string): string {
  let text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  return text;
}

const moderation = (target: ModerationTarget) => ({
  id: `m-${target.kind}`,
  attempt: 'pseudo-attempt',
  supervisor: 'Sgt Okafor',
  at: '2027-01-11T10:00:00.000Z',
  target,
  reason: 'Some credit for asking about weapons.',
});

describe('the debrief in a pseudo-locale', () => {
  it.each(['ltl41-02', 'ltl41-08'])('%s: says nothing the strings module did not give it', async (id) => {
    const { default: DebriefView } = await import('../../src/ui/debrief/debrief-view.tsx');
    const { SupervisorModeration } = await import('../../src/ui/debrief/supervisor-moderation.tsx');
    const module = await findScenario(id)?.load();
    if (!module) throw new Error(`no scenario ${id}`);
    const { events } = parseAttempt(module.referenceAttempts.historical);
    const live = {
      scenario: module,
      content: { Briefing: () => null, Debrief: () => null },
      session: { events },
      record: { id: 'pseudo-attempt' },
    } as unknown as LiveAttempt;
    const call = replay(module.machine, events).context;
    // A supervisor's moderation, as the debrief shows it once it is loaded: a mark and a verdict.
    const machine = scoreCall(module.definition, module.answerKey, call);
    const finding = machine.findings[0];
    if (!finding) throw new Error(`${id}'s real call has no findings to moderate`);
    const moderated = moderateReport(machine, [
      moderation({ kind: 'dimension', dimension: 'grading', mark: 40 }),
      moderation({ kind: 'finding', finding: finding.id, verdict: 'regraded', severity: 'minor' }),
    ]);
    const html =
      renderToStaticMarkup(createElement(DebriefView, { live, call })) +
      renderToStaticMarkup(
        createElement(SupervisorModeration, {
          report: moderated,
          context: { scenario: module.definition, key: module.answerKey },
        }),
      );
    expect(html).toContain('⟦');
    expect(html).toContain('Sgt Okafor');

    const content = [
      ...contentOf(module.definition),
      ...contentOf(module.answerKey),
      // The real call's events say where each comes from, in the attempt file's own words.
      ...contentOf(module.referenceAttempts.historical),
      ...contentOf(SIGNPOSTING),
    ].sort((a, b) => b.length - a.length);
    let left = outsideTheStrings(html);
    for (const text of content) left = left.split(text).join(' ');
    expect(left.match(/\p{L}{2,}/gu) ?? []).toEqual([]);
  });
});
