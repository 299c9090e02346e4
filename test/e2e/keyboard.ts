/*
 * Driving the app with the keyboard alone: Tab until the wanted control has focus, then act on it with
 * keys. If a control cannot be reached by Tab, the test fails; that is the point.
 *
 * The app is a page, or a frame inside one (an LMS plays a package in an iframe): the controls are looked
 * for in the frame, and the keys pressed on its page, where Tab moves through both.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Frame, type Keyboard, type Locator, type Page } from '@playwright/test';

/** Where the app runs: its page, or the frame an LMS put it in. */
export type Surface = Page | Frame;

/** The page a surface is on: the one whose keyboard and clock drive it. */
export const pageOf = (surface: Surface): Page => ('keyboard' in surface ? surface : surface.page());

const keys = (surface: Surface): Keyboard => pageOf(surface).keyboard;

const MAX_TABS = 400;

/** Tabs until one of the elements the locator matches has focus (a radio group has one tab stop). */
export async function tabTo(page: Surface, target: Locator): Promise<void> {
  await expect(target.first()).toBeVisible();
  const handles = await target.elementHandles();
  // Tab forwards or Shift+Tab backwards, whichever way the target lies from the focus.
  const backwards = await page.evaluate((element) => {
    const focused = document.activeElement;
    if (!element || !focused || focused === document.body) return false;
    return (focused.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  }, handles[0]);
  for (let i = 0; i < MAX_TABS; i++) {
    if (await page.evaluate((elements) => elements.includes(document.activeElement as Element), handles))
      return;
    await keys(page).press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target.toString()} with the Tab key`);
}

export async function activate(page: Surface, target: Locator): Promise<void> {
  await tabTo(page, target);
  await keys(page).press('Enter');
}

/** Types into a labelled text field or text area, reached by Tab. */
export async function typeInto(page: Surface, label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, page.getByRole('textbox', { name: label, exact: typeof label === 'string' }));
  await keys(page).type(text);
}

/** Types into a labelled number field, reached by Tab. */
export async function typeNumber(page: Surface, label: string, value: number): Promise<void> {
  await tabTo(page, page.getByRole('spinbutton', { name: label, exact: true }));
  await keys(page).type(String(value));
}

/** Picks an option of a labelled <select> with the arrow keys (which pass over a disabled prompt). */
export async function choose(page: Surface, label: string | RegExp, option: string): Promise<void> {
  const select = page.getByRole('combobox', { name: label, exact: typeof label === 'string' });
  await tabTo(page, select);
  const options = await select.locator('option:not([disabled])').allTextContents();
  const target = options.indexOf(option);
  if (target < 0) throw new Error(`no option "${option}" in ${options.join(', ')}`);
  await keys(page).press('Home');
  for (let i = 0; i < target; i++) await keys(page).press('ArrowDown');
  await expect(select.locator('option:checked')).toHaveText(option);
}

/** Ticks a radio button with the keyboard: Tab into its group, arrow to it. */
export async function pickRadio(page: Surface, name: string | RegExp): Promise<void> {
  const radio = page.getByRole('radio', { name });
  const group = await radio.getAttribute('name');
  await tabTo(page, page.locator(`input[type=radio][name="${group}"]`));
  for (let i = 0; i < 10 && !(await radio.isChecked()); i++) await keys(page).press('ArrowDown');
  await expect(radio).toBeChecked();
}

/**
 * No axe violations on the page, or only within `within` (a CSS selector): on a long page already checked
 * whole elsewhere, a part added to it is checked in a fraction of the time.
 */
export async function expectAxeClean(page: Page, screen: string, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}
