import { expect, test, type Page } from '@playwright/test';
import { strings } from '../../src/strings/en-gb.ts';
import { catalogueScenario } from '../fixtures/builders.ts';
import { activate, choose, expectAxeClean, pickRadio, typeInto } from './keyboard.ts';

const ltl4102 = await catalogueScenario('ltl41-02');

const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const caption = (page: Page) => page.getByRole('status', { name: 'Caption', exact: true });
const played = (page: Page) =>
  page.evaluate(() => (window.__controlRoomSound?.played ?? []).map((p) => `${p.cue}:${p.audioState}`));
const lineText = (id: string) => {
  const line = ltl4102.definition.lines.find((l) => l.id === id);
  if (!line) throw new Error(`no line ${id}`);
  return line.text;
};

/** Waits for the caller to finish what they are saying, so nothing typed talks over them. */
async function letThemFinish(page: Page) {
  await expect(caption(page)).toHaveText(/^\s*$/, { timeout: 20_000 });
}

/**
 * Types what the trainee says, presses Enter, and checks the caller answered it with the right lines,
 * heard to the end. At least one answer is named, so every message checks a reply.
 */
async function say(page: Page, words: string, ...answers: [string, ...string[]]) {
  await letThemFinish(page);
  await typeInto(page, strings.ui.console.sayLabel, words);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: strings.ui.console.sayLabel })).toHaveValue('');
  await expect(transcript(page)).toContainText(`You: ${words}`);
  // An answer can wait behind what the caller is saying, and behind a line that falls due meanwhile
  // (the banging, 6 s): it is there when the caller gets to it.
  for (const answer of answers)
    await expect(transcript(page)).toContainText(lineText(answer), { timeout: 30_000 });
  await letThemFinish(page);
}

async function search(page: Page, system: string, query: string) {
  await choose(page, strings.ui.console.system, system);
  await typeInto(page, strings.ui.console.subject, query);
  await activate(page, page.getByRole('button', { name: strings.ui.console.runCheck }));
}

test('a trainee takes the case 2 calls and the dispatch desk with the keyboard alone, typing every question, advice and search, reloads mid-call, and reaches the debrief', async ({
  page,
}) => {
  // The calls run in real time (about 2.5 min of speech and waiting); the rest is headroom for a busy machine.
  test.setTimeout(480_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Control Room Trainer' })).toBeVisible();
  // Nothing before the call gives the lesson away: the IOPC's title waits for the debrief.
  await expect(page.getByText(ltl4102.definition.caseStudy.title)).toHaveCount(0);
  await expectAxeClean(page, 'home');

  await activate(page, page.getByRole('link', { name: `Take the call: ${ltl4102.definition.title}` }));
  await expect(page.getByRole('heading', { name: 'Content note' })).toBeVisible();
  await expect(page.getByText(ltl4102.definition.caseStudy.title)).toHaveCount(0);
  await expectAxeClean(page, 'briefing');

  await activate(page, page.getByRole('button', { name: 'I am ready: start the scenario' }));
  const answer = page.getByRole('button', { name: 'Answer the call' });
  await expect(answer).toBeFocused();
  await expect.poll(() => played(page)).toContain('ringing:running');
  await expectAxeClean(page, 'incoming call');

  // The first call, a week earlier: no menu of questions, only the trainee's own words.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: strings.ui.console.assistedHeading })).toHaveCount(0);
  await expect(transcript(page)).toContainText(lineText('prelude-request'), { timeout: 20_000 });
  await say(
    page,
    "Can I take your name, and what's your ex-husband's name?",
    'prelude-caller-details',
    'prelude-subject-details',
  );
  await say(
    page,
    'has he been in touch recently, and has he threatened you?',
    'prelude-recent-contact',
    'prelude-threats-made',
  );
  await choose(page, 'Choose a code', 'Domestic abuse');
  await activate(page, page.getByRole('button', { name: 'Set opening code' }));
  await typeInto(
    page,
    'New log entry',
    'Amanda Ash wants her expired court order against ex-husband Carl Ash reactivated; he is back in contact. Threatened to kill her last year.',
  );
  await activate(page, page.getByRole('button', { name: 'Add to log' }));
  await activate(page, page.getByRole('button', { name: 'End the call' }));
  await activate(page, page.getByRole('button', { name: 'Close the incident log' }));
  await activate(page, page.getByRole('button', { name: 'Continue: A week later' }));

  // The 999 call: her number is on the screen as it rings.
  await expect(answer).toBeFocused();
  await expect(page.getByText(strings.ui.console.callingFrom('07700 900461'))).toBeVisible();
  await page.keyboard.press('Enter');

  // The caller is heard through the sound adapter, with captions and a transcript.
  await expect.poll(() => played(page)).toContain('operator-connect:running');
  await expect.poll(() => played(page), { timeout: 15_000 }).toContain('opening:running');
  await expect(caption(page)).toContainText(/Caller:|BT operator:/);
  await expect(transcript(page)).toContainText(lineText('opening'));
  await expect(transcript(page)).toContainText('a bit of a domestic violence case last year', {
    timeout: 30_000,
  });
  await expectAxeClean(page, 'call in progress');

  await say(
    page,
    'is he still there now? stay on the line with me',
    'reply-suspect-present',
    'ack-stay-on-line',
  );
  await say(page, "don't open the door to him", 'ack-do-not-open-door');
  await say(page, "whereabouts are you, what's the address?", 'reply-location');

  await choose(page, 'Choose a code', 'Domestic abuse');
  await activate(page, page.getByRole('button', { name: 'Set opening code' }));
  await activate(page, page.getByRole('button', { name: 'Open the procedure (SOP) for this code' }));
  await expect(page.getByRole('heading', { name: 'Domestic abuse: call handling' })).toBeVisible();

  await say(
    page,
    'has he hurt you before? has he ever threatened you?',
    'reply-history-of-abuse',
    'reply-threats-made',
  );
  await say(page, 'whats your ex husbands full name', 'reply-subject-details');
  await say(page, 'are the kids with you?', 'reply-children');
  await say(
    page,
    'is there a court order against him, and has he got a blade on him?',
    'reply-court-orders',
    'reply-weapons',
  );
  // Words the matcher cannot read get the caller's puzzled reply, and are on the transcript.
  await say(page, 'what colour is your front door', 'reply-unscripted');

  // Reload in the middle of the call: the same call, in the same state, the typed words kept, and the
  // time the reload took counted on the call's clock, as it was for the caller.
  const clockSeconds = async () => {
    const [h = 0, m = 0, sec = 0] = ((await page.locator('.status-bar .clock').textContent()) ?? '')
      .split(':')
      .map(Number);
    return { clock: h * 3600 + m * 60 + sec, at: Date.now() };
  };
  const beforeReload = await clockSeconds();
  await page.reload();
  await expect(transcript(page)).toContainText(lineText('reply-threats-made'));
  const afterReload = await clockSeconds();
  const realSeconds = (afterReload.at - beforeReload.at) / 1000;
  expect(Math.abs(afterReload.clock - beforeReload.clock - realSeconds)).toBeLessThanOrEqual(2);
  await expect(transcript(page)).toContainText('You: are the kids with you?');
  await expect(page.getByText('Current code: Domestic abuse')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();

  // Searches are typed: a misspelt name still finds her; the wrong number finds nothing.
  await search(page, 'Local intelligence and crime records', 'amanda asch');
  await expect(
    page.getByText('Multi-Agency Risk Assessment Conference (MARAC): information held.'),
  ).toBeVisible();
  await search(page, 'Local intelligence and crime records', 'Carl Ash');
  await search(page, 'Address markers and special schemes', '14 Alder Close');
  await expect(page.getByText('Special scheme: EXPIRED.')).toBeVisible();
  await search(page, 'Caller and incident history', '07700 900416');
  await expect(page.getByText(strings.ui.console.noTrace)).toBeVisible();
  await search(page, 'Caller and incident history', '07700 900461');
  await expect(page.getByText('One contact from this number: a week ago.')).toBeVisible();

  await typeInto(
    page,
    'Threat',
    'Ex-husband believed to be at her door now, banging; he has threatened to kill her before.',
  );
  await typeInto(
    page,
    'Harm',
    'Serious injury or death if he gets in; he has seriously assaulted her before.',
  );
  await typeInto(
    page,
    'Risk',
    'High and immediate: he is at the door now; her court order and special scheme have expired.',
  );
  await typeInto(
    page,
    'Investigation',
    'Possible harassment and criminal damage; the call recording captures the banging; intel checks.',
  );
  await typeInto(
    page,
    'Vulnerability',
    'Repeat domestic abuse victim, subject of a MARAC; children in the house.',
  );
  await typeInto(
    page,
    'Engagement',
    'Keep her on the line and updated; refer to IDVA support about the special scheme.',
  );
  await pickRadio(page, 'High');
  await activate(page, page.getByRole('button', { name: 'Record assessment' }));
  await expect(page.getByText(/^Assessment recorded at/)).toBeVisible();

  await pickRadio(page, /^Immediate/);
  await activate(page, page.getByRole('button', { name: 'Set grade' }));
  await expect(page.getByText('Current grade: Immediate (15 minutes)')).toBeVisible();
  await expect(page.getByText(/^\d+:\d\d left$/)).toBeVisible();

  await typeInto(
    page,
    'New log entry',
    'Caller Amanda Ash at home. Loud banging at her door now; believes it is her ex-husband Carl, still at the door. ' +
      'Her words: "a bit of a domestic violence case last year". He has threatened to kill her and assaulted her before. ' +
      'Court order expired. Children upstairs. Checks: MARAC; special scheme (15 min response) expired.',
  );
  await activate(page, page.getByRole('button', { name: 'Add to log' }));
  await expect(
    page.getByRole('region', { name: 'Incident log', exact: true }).getByRole('list'),
  ).toContainText('Her words: "a bit of a domestic violence case last year"');

  await choose(page, 'Escalate to', 'Dispatcher (those sending officers)');
  await typeInto(
    page,
    'What you tell them',
    'Immediate DA: MARAC victim, ex-husband at her door, previous threat to kill.',
  );
  await activate(page, page.getByRole('button', { name: 'Escalate' }));
  await choose(page, 'Escalate to', 'Control room supervisor');
  await typeInto(
    page,
    'What you tell them',
    'High-risk DA call graded immediate; no support operators on shift.',
  );
  await activate(page, page.getByRole('button', { name: 'Escalate' }));
  await say(page, 'officers are on their way to you now', 'ack-help-on-way');
  await say(page, 'if anything changes ring 999 again straight away', 'ack-call-back-if-changes');
  await expectAxeClean(page, 'call with results');

  await activate(page, page.getByRole('button', { name: 'End the call' }));
  await expect(page.getByRole('status').filter({ hasText: 'Call ended: incident log open' })).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Close the incident log' }));
  await expect(page.getByRole('heading', { name: 'Incident log closed' })).toBeVisible();
  await expectAxeClean(page, 'log closed');
  const toDesk = page.getByRole('button', { name: 'Continue: Minutes later' });
  await expect(toDesk).toBeFocused();
  await page.keyboard.press('Enter');

  // The dispatch desk: the same incident, now waiting for a unit, with its target counting down.
  await expect(page.getByRole('status').filter({ hasText: 'At the dispatch desk' })).toBeVisible();
  await expectAxeClean(page, 'dispatch desk');
  await expect(page.getByRole('heading', { name: /^Outstanding incidents: 15/ })).toBeVisible();
  await expect(
    page.getByText('Alder Close is on your list with no unit yet.', { exact: false }),
  ).toBeVisible();
  const radio = page.getByRole('log', { name: 'Radio' });
  const fullPicture =
    'Immediate domestic at 14 Alder Close: ex-husband Carl Ash at her door now, banging. ' +
    'Her words: "a bit of a domestic violence case last year". MARAC victim, previous threat to kill, ' +
    'serious assaults. Children in the house.';

  await activate(page, page.getByRole('button', { name: 'Send Alpha 21 to this incident' }));
  await expect(radio).toContainText('Show us en route to Fourteen Alder Close');
  await choose(page, 'Talk to', 'Alpha 21');
  await typeInto(page, 'What you say on the radio', `Alpha 21, ${fullPicture}`);
  await activate(page, page.getByRole('button', { name: 'Send on the radio' }));
  await expect(radio).toContainText('Still en route to Alder Close.');

  // On the way, the unit volunteers for another incident without saying it is leaving this one.
  await expect(radio).toContainText("We'll take that immediate.", { timeout: 60_000 });
  await typeInto(
    page,
    'What you say on the radio',
    'Alpha 21, confirm: are you still attending Alder Close?',
  );
  await activate(page, page.getByRole('button', { name: 'Send on the radio' }));
  await expect(radio).toContainText("You'll need another unit for it.");

  await choose(page, 'Escalate to', 'Control room supervisor');
  await typeInto(
    page,
    'What you tell them',
    'Divert: Alpha 21 has taken the Kings Arms fight and will not attend Alder Close, an immediate high-risk DA. Sending Traffic 3.',
  );
  await activate(page, page.getByRole('button', { name: 'Escalate' }));
  await activate(page, page.getByRole('button', { name: 'Send Traffic 3 to this incident' }));
  await expect(radio).toContainText('About twelve minutes.');
  await choose(page, 'Talk to', 'Traffic 3');
  await typeInto(page, 'What you say on the radio', `Traffic 3, ${fullPicture}`);
  await activate(page, page.getByRole('button', { name: 'Send on the radio' }));
  await choose(page, 'Escalate to', 'Force incident manager / duty inspector');
  await typeInto(
    page,
    'What you tell them',
    'Alder Close lost its unit to a divert; Traffic 3 is 12 minutes away, so the 15-minute target will be missed.',
  );
  await activate(page, page.getByRole('button', { name: 'Escalate' }));
  await typeInto(
    page,
    'New log entry',
    'DIVERT: Alpha 21 went to the Kings Arms and will not attend. Controller told. Traffic 3 sent, 12 minutes. Duty inspector told the target will be missed.',
  );
  await activate(page, page.getByRole('button', { name: 'Add to log' }));

  await activate(page, page.getByRole('button', { name: 'Let 15 minutes pass' }));
  await expect(radio).toContainText('Traffic Three at scene, Fourteen Alder Close.');
  await activate(page, page.getByRole('button', { name: 'Close the incident log' }));
  await expect(page.getByRole('heading', { name: 'Incident log closed' })).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Continue to the debrief' }));

  await expect(page.getByRole('heading', { name: 'Debrief: Banging at the door' })).toBeVisible();
  await expect(page.locator('.score')).toContainText('High compliance');
  await expect(page.getByRole('table', { name: 'Your call beside the real one' })).toContainText(
    'Suspicious circumstances',
  );
  await expect(page.getByRole('heading', { name: 'What really happened' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Support and information' }).getByRole('heading', { level: 3 }),
  ).toHaveText(['Domestic abuse', 'For police officers and staff']);
  await expectAxeClean(page, 'debrief');

  await activate(page, page.getByRole('button', { name: 'Back to scenarios' }));
  // Past attempts are listed and reopen where they ended.
  await expect(page.getByText(/Finished: see debrief/)).toBeVisible();
  await activate(page, page.getByRole('link', { name: 'Banging at the door', exact: true }));
  await expect(page.getByRole('heading', { name: 'Debrief: Banging at the door' })).toBeVisible();
  await expect(page.locator('.score')).toContainText('High compliance');
});

test('a call opened in a second tab says it is open elsewhere, and can be taken over cleanly', async ({
  page,
  context,
}) => {
  const t = strings.ui.otherTab;
  await page.goto('/');
  await activate(page, page.getByRole('link', { name: `Take the call: ${ltl4102.definition.title}` }));
  await activate(page, page.getByRole('button', { name: strings.ui.beginCall }));
  await expect(page.getByRole('button', { name: strings.ui.console.answer })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(transcript(page)).toContainText(lineText('prelude-request'), { timeout: 20_000 });

  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole('alert')).toContainText(t.openElsewhere);
  await expect(second.getByRole('textbox', { name: strings.ui.console.sayLabel })).toHaveCount(0);
  await expectAxeClean(second, 'call open in another tab');

  // Taken over: the second tab has the call, as it stood; the first says where it went.
  await activate(second, second.getByRole('button', { name: t.takeOver }));
  await expect(transcript(second)).toContainText(lineText('prelude-request'));
  await expect(page.getByRole('alert')).toContainText(t.takenOver);
  await expect(page.getByRole('textbox', { name: strings.ui.console.sayLabel })).toHaveCount(0);
  await say(second, 'has he been in touch recently?', 'prelude-recent-contact');

  // And back again, from the first.
  await activate(page, page.getByRole('button', { name: t.takeOver }));
  await expect(transcript(page)).toContainText('You: has he been in touch recently?');
  await expect(second.getByRole('alert')).toContainText(t.takenOver);
});
