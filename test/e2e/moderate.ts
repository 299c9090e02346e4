/*
 * A supervisor moderating one dimension's mark in the review screen, with the keyboard: the dimension,
 * the mark and the reason, saved; the moderation table then shows the reason on that dimension's row.
 */
import { expect, type Page } from '@playwright/test';
import type { ScoringDimension } from '../../machines/vocabulary.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { activate, choose, typeInto, typeNumber } from './keyboard.ts';

const r = strings.ui.review;

export async function moderateMark(
  page: Page,
  dimension: ScoringDimension,
  mark: number,
  reason: string,
): Promise<void> {
  const name = strings.vocabulary.dimensions[dimension];
  await choose(page, r.dimension, name);
  await typeNumber(page, r.mark, mark);
  await typeInto(page, r.reason, reason);
  await activate(page, page.getByRole('button', { name: r.saveMark }));
  await expect(
    page.getByRole('region', { name: r.moderationHeading }).getByRole('row', { name: new RegExp(name) }),
  ).toContainText(reason);
}
