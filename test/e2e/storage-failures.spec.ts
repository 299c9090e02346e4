/*
 * Storage that fails under a call: the real IndexedDB, with its writes refused the way a full disk
 * refuses them (an init script makes put and add throw QuotaExceededError while the test says the disk is
 * full), held up by another tab's transaction, or missing altogether. Every action says what was not
 * saved, nothing typed is lost across a reload, and the call goes on once storage works again.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { strings } from '../../src/strings/en-gb.ts';
import { catalogueScenario } from '../fixtures/builders.ts';
import { activate, expectAxeClean, typeInto } from './keyboard.ts';

const ltl4102 = await catalogueScenario('ltl41-02');
const ui = strings.ui.console;
const notSaved = strings.ui.notSaved;
const threat = strings.vocabulary.thriveElements.threat;

const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const alert = (page: Page) => page.getByRole('alert');
const lineText = (id: string) => {
  const line = ltl4102.definition.lines.find((l) => l.id === id);
  if (!line) throw new Error(`no line ${id}`);
  return line.text;
};

const FULL_DISK = 'e2e.disk-full';

/** Writes to IndexedDB throw QuotaExceededError, as on a full disk, while the page's session says so. */
async function refuseWritesWhenFull(context: BrowserContext) {
  await context.addInitScript((flag) => {
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (
        this: IDBObjectStore,
        ...args: Parameters<typeof original>
      ) {
        if (sessionStorage.getItem(flag) === 'yes')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  }, FULL_DISK);
}
const fillDisk = (page: Page) => page.evaluate((flag) => sessionStorage.setItem(flag, 'yes'), FULL_DISK);
const freeDisk = (page: Page) => page.evaluate((flag) => sessionStorage.removeItem(flag), FULL_DISK);

/**
 * Another tab holds a write transaction on a table of the app's database open (the attempts' events
 * unless told), so the page's writes to it wait behind it, as on a slow disk; the returned function lets
 * it go. The app must have made its database first.
 */
async function holdTable(context: BrowserContext, table = 'events'): Promise<() => Promise<void>> {
  const other = await context.newPage();
  await other.goto('/');
  await other.evaluate(
    (name) =>
      new Promise<void>((held) => {
        const open = indexedDB.open('control-room-trainer');
        open.onsuccess = () => {
          const store = open.result.transaction(name, 'readwrite').objectStore(name);
          const keepBusy = () => {
            if (!(window as { released?: boolean }).released) store.count().onsuccess = keepBusy;
          };
          keepBusy();
          held();
        };
      }),
    table,
  );
  return () => other.evaluate(() => void ((window as { released?: boolean }).released = true));
}

async function answerCase2(page: Page) {
  await page.goto('/');
  await activate(page, page.getByRole('link', { name: `Take the call: ${ltl4102.definition.title}` }));
  await activate(page, page.getByRole('button', { name: strings.ui.beginCall }));
  await expect(page.getByRole('button', { name: ui.answer })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(transcript(page)).toContainText(lineText('switchboard-transfer'));
}

test('a disk that fills mid-call: every action says what was not saved, typing survives a reload, and the call goes on once there is space', async ({
  page,
  context,
}) => {
  await refuseWritesWhenFull(context);
  await answerCase2(page);
  await fillDisk(page);

  // The caller's next words fall due and cannot be stored: said, and not heard until they are.
  await expect(alert(page)).toContainText(notSaved.callerWords(notSaved.why.full), { timeout: 20_000 });
  await expect(transcript(page)).not.toContainText(lineText('prelude-opening'));

  const entry = `Caller Ms A asks for PC Smith. ${'Ex-husband has been in contact; order expired. '.repeat(12)}`;
  await typeInto(page, ui.logEntry, entry);
  await typeInto(page, threat, 'Ex-husband in contact again after an order expired');
  await activate(page, page.getByRole('button', { name: ui.addToLog }));
  await expect(alert(page)).toContainText(`Not saved: Logged: "${entry.trim()}"`);
  await expect(alert(page)).toContainText(notSaved.why.full);
  await expect(textbox(page, ui.logEntry)).toHaveValue(entry);
  await typeInto(page, ui.sayLabel, 'has he been in touch recently?');
  await page.keyboard.press('Enter');
  await expect(alert(page)).toContainText('Not saved: Said: "has he been in touch recently?"');
  await expectAxeClean(page, 'call with storage full');

  // Reloaded with the disk still full: the call is as it was stored, and what was typed is back.
  await page.reload();
  await expect(textbox(page, ui.logEntry)).toHaveValue(entry);
  await expect(textbox(page, threat)).toHaveValue('Ex-husband in contact again after an order expired');
  await expect(textbox(page, ui.sayLabel)).toHaveValue('has he been in touch recently?');
  await expect(transcript(page)).not.toContainText('You: has he been in touch recently?');
  await expect(alert(page)).toContainText(notSaved.callerWords(notSaved.why.full), { timeout: 10_000 });

  // Space again: the caller's overdue words come without any action, and the question goes through.
  await freeDisk(page);
  await expect(transcript(page)).toContainText(lineText('prelude-opening'), { timeout: 10_000 });
  await expect(alert(page)).toHaveCount(0);
  await textbox(page, ui.sayLabel).focus();
  await page.keyboard.press('Enter');
  await expect(transcript(page)).toContainText('You: has he been in touch recently?');
  await expect(transcript(page)).toContainText(lineText('prelude-recent-contact'), { timeout: 20_000 });
  await activate(page, page.getByRole('button', { name: ui.addToLog }));
  await expect(textbox(page, ui.logEntry)).toHaveValue('');

  // Once added, a draft is forgotten; one never saved is still kept.
  await page.reload();
  await expect(transcript(page)).toContainText('You: has he been in touch recently?');
  await expect(textbox(page, ui.logEntry)).toHaveValue('');
  await expect(textbox(page, threat)).toHaveValue('Ex-husband in contact again after an order expired');
});

test('a click still being stored when the page is reloaded is named as not saved when it reopens', async ({
  page,
  context,
}) => {
  await answerCase2(page);
  await expect(transcript(page)).toContainText(lineText('prelude-opening'), { timeout: 20_000 });

  const release = await holdTable(context);
  await typeInto(page, ui.sayLabel, 'is he there now?');
  await page.keyboard.press('Enter');
  await page.reload();
  await release();

  await expect(alert(page)).toContainText('Not saved before the page closed: Said: "is he there now?"');
  await expect(transcript(page)).not.toContainText('You: is he there now?');
  await expectAxeClean(page, 'call reopened after an unsaved click');
});

test('what a trainee types while the last thing they sent is still being stored is not taken from them', async ({
  page,
  context,
}) => {
  await answerCase2(page);
  const release = await holdTable(context);
  // A quick trainee on a slow disk: each sent, and the next typed over it before it is stored.
  await typeInto(page, ui.subject, 'Ms A');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('PC Smith');
  await typeInto(page, ui.sayLabel, 'is he there now?');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('where are you now?');
  await release();

  const checks = page.locator('section[aria-labelledby="checks-heading"]');
  await expect(checks).toContainText(`${strings.vocabulary.checkSystems['local-intelligence']}: Ms A`);
  await expect(transcript(page)).toContainText('You: is he there now?');
  await expect(textbox(page, ui.subject)).toHaveValue('PC Smith');
  await expect(textbox(page, ui.sayLabel)).toHaveValue('where are you now?');
  // What was sent and not typed over is emptied once stored, as before.
  await page.keyboard.press('Enter');
  await expect(transcript(page)).toContainText('You: where are you now?');
  await expect(textbox(page, ui.sayLabel)).toHaveValue('');
});

test('a trainer typing a roster name after name on a slow disk loses none of them', async ({
  page,
  context,
}) => {
  await page.goto('/#/supervise');
  const field = textbox(page, strings.ui.supervise.addTrainee);
  await expect(field).toBeVisible();
  const release = await holdTable(context, 'trainees');
  await typeInto(page, strings.ui.supervise.addTrainee, 'PC 1001 Adams');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('PC 1002 Brown');
  await release();
  await expect(page.getByRole('table')).toContainText('PC 1001 Adams');
  await expect(field).toHaveValue('PC 1002 Brown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table')).toContainText('PC 1002 Brown');
  await expect(field).toHaveValue('');
});

test('a browser that keeps no data says so in words, wherever the trainee starts', async ({
  page,
  context,
}) => {
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  await page.goto('/#/attempt/7b0c5d1e-0000-4000-8000-000000000000');
  await expect(alert(page)).toHaveText(strings.ui.storageUnavailable);
  await page.goto('/');
  await expect(page.getByRole('alert')).toHaveText(strings.ui.storageUnavailable);
  await activate(page, page.getByRole('link', { name: `Take the call: ${ltl4102.definition.title}` }));
  await expect(alert(page)).toHaveText(strings.ui.storageFailed.blocked);
  await expectAxeClean(page, 'a scenario started with no storage');
});
