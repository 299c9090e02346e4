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

/** Where the focus stands against the target, and how many presses the page's tab order says it lies. */
interface TabPlan {
  /** The first element is rendered with a size, as Playwright's `toBeVisible` has it. */
  visible: boolean;
  reached: boolean;
  backwards: boolean;
  /** Presses to the target by the tab order as read from the page; null when it cannot be told. */
  presses: number | null;
}

/**
 * Reads the page's sequential focus order to tell how many presses of Tab (or Shift+Tab) lie between the
 * focus and the target: focusable, rendered, enabled elements in document order with a tab index of 0
 * (any positive tab index, or an iframe on the way, and it gives up), a radio group one stop (its checked
 * radio; with none checked, the first met). Runs in the page, so it uses nothing from outside itself.
 */
function planTabs(elements: Element[]): TabPlan {
  const focused = document.activeElement;
  const reached = focused !== null && elements.includes(focused);
  const first = elements[0];
  const box = first?.getBoundingClientRect();
  const visible =
    box !== undefined &&
    box.width > 0 &&
    box.height > 0 &&
    first?.checkVisibility({ visibilityProperty: true }) === true;
  const known = document.hasFocus() && focused !== null && focused !== document.body && first !== undefined;
  const backwards =
    known && (focused.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  if (reached || !known) return { visible, reached, backwards, presses: null };

  const candidates = document.querySelectorAll<HTMLElement>(
    'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, ' +
      'audio[controls], video[controls], [contenteditable]:not([contenteditable="false"]), [tabindex]',
  );
  const stops: HTMLElement[] = [];
  for (const element of candidates) {
    const tabindex = element.getAttribute('tabindex');
    if (tabindex !== null && Number(tabindex) > 0) return { visible, reached, backwards, presses: null };
    if (element.tabIndex < 0 || element.matches(':disabled') || element.closest('[inert]')) continue;
    if (element.tagName === 'SUMMARY' && tabindex === null) {
      const details = element.parentElement;
      if (!(details instanceof HTMLDetailsElement) || details.querySelector(':scope > summary') !== element)
        continue;
    }
    if (!element.checkVisibility({ visibilityProperty: true })) continue;
    stops.push(element);
  }

  // No named functions in here: the bench runs this file through tsx, whose esbuild wraps each in a
  // `__name` helper that the page, given only this function's source, does not have.
  const following = Node.DOCUMENT_POSITION_FOLLOWING;
  const way = backwards
    ? stops.filter((s) => (focused.compareDocumentPosition(s) & following) === 0 && s !== focused).reverse()
    : stops.filter((s) => (focused.compareDocumentPosition(s) & following) !== 0);
  /** A radio's group, as one tab stop: its form and name; null for anything else. */
  const groups = new Map<Element, string | null>(
    [...stops, focused].map((element) => [
      element,
      element instanceof HTMLInputElement && element.type === 'radio' && element.name
        ? `${Array.prototype.indexOf.call(document.forms, element.form)}#${element.name}`
        : null,
    ]),
  );
  const focusedGroup = groups.get(focused) ?? null;
  const checked = new Set(
    stops.flatMap((s) => {
      const group = groups.get(s);
      return s instanceof HTMLInputElement && s.checked && group ? [group] : [];
    }),
  );
  const met = new Set<string>();
  let presses = 0;
  for (const stop of way) {
    if (stop.tagName === 'IFRAME' || stop.tagName === 'AUDIO' || stop.tagName === 'VIDEO')
      return { visible, reached, backwards, presses: null };
    const group = groups.get(stop) ?? null;
    if (group !== null) {
      if (group === focusedGroup || met.has(group)) continue;
      if (checked.has(group) && !(stop as HTMLInputElement).checked) continue;
      met.add(group);
    }
    presses++;
    if (elements.includes(stop)) return { visible, reached, backwards, presses };
  }
  return { visible, reached, backwards, presses: null };
}

/**
 * Tabs until one of the elements the locator matches has focus (a radio group has one tab stop), once the
 * first of them is visible. Every move is a real press of Tab or Shift+Tab; the page's tab order only says
 * how many to press before looking again. Where it cannot say, or was wrong, the presses go one at a time,
 * looking after each.
 */
export async function tabTo(page: Surface, target: Locator): Promise<void> {
  let plan = await target.evaluateAll(planTabs);
  if (!plan.visible) {
    await expect(target.first()).toBeVisible();
    plan = await target.evaluateAll(planTabs);
  }
  let trustPlan = true;
  for (let pressed = 0; pressed < MAX_TABS; plan = await target.evaluateAll(planTabs)) {
    if (plan.reached) return;
    const presses = trustPlan && plan.presses !== null ? Math.min(plan.presses, MAX_TABS - pressed) : 1;
    // A count read from a known focus is trusted once: if it missed, one press at a time from there on.
    if (plan.presses !== null) trustPlan = false;
    for (let i = 0; i < presses; i++) await keys(page).press(plan.backwards ? 'Shift+Tab' : 'Tab');
    pressed += presses;
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
