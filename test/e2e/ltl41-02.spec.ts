import { expect, test, type Page } from '@playwright/test';
import { activate, choose, expectAxeClean, pickRadio, typeInto } from './keyboard.ts';

const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const played = (page: Page) =>
  page.evaluate(() => (window.__controlRoomSound?.played ?? []).map((p) => `${p.cue}:${p.audioState}`));

async function ask(page: Page, question: string) {
  await activate(page, page.getByRole('button', { name: question }));
}

test('a trainee takes the case 2 calls and the dispatch desk with the keyboard alone, reloads mid-call, and reaches the debrief', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Control Room Trainer' })).toBeVisible();
  await expectAxeClean(page, 'home');

  await activate(page, page.getByRole('link', { name: 'Take the call: Banging at the door' }));
  await expect(page.getByRole('heading', { name: 'Content note' })).toBeVisible();
  await expectAxeClean(page, 'briefing');

  await activate(page, page.getByRole('button', { name: 'I am ready: start the scenario' }));
  const answer = page.getByRole('button', { name: 'Answer the call' });
  await expect(answer).toBeFocused();
  await expect.poll(() => played(page)).toContain('ringing:running');
  await expectAxeClean(page, 'incoming call');

  // The first call, a week earlier: record it, so the 999 call handler can find it.
  await page.keyboard.press('Enter');
  await expect(transcript(page)).toContainText(
    "I want to reactivate a court order against my ex-husband. He's been in contact with me.",
    {
      timeout: 20_000,
    },
  );
  await ask(page, 'Have they been in contact with you recently?');
  await ask(page, 'Have they threatened you? What did they say?');
  await expect(transcript(page)).toContainText("Not this time. But last year he said he'd kill me.");
  await choose(page, 'Choose a code', 'Domestic abuse');
  await activate(page, page.getByRole('button', { name: 'Set opening code' }));
  await typeInto(
    page,
    'New log entry',
    'Wants her expired court order against ex-husband Carl Ash reactivated; he is back in contact. Threatened to kill her last year.',
  );
  await activate(page, page.getByRole('button', { name: 'Add to log' }));
  await activate(page, page.getByRole('button', { name: 'End the call' }));
  await activate(page, page.getByRole('button', { name: 'Close the incident log' }));
  await activate(page, page.getByRole('button', { name: 'Continue: A week later' }));

  // The 999 call.
  await expect(answer).toBeFocused();
  await page.keyboard.press('Enter');

  // The caller is heard through the sound adapter, with captions and a transcript.
  await expect.poll(() => played(page)).toContain('operator-connect:running');
  await expect.poll(() => played(page), { timeout: 15_000 }).toContain('opening:running');
  await expect(page.getByRole('status', { name: 'Caption', exact: true })).toContainText(
    /Caller:|BT operator:/,
  );
  await expect(transcript(page)).toContainText("Someone's buzzing at my door. I don't know who it is.");
  await expect(transcript(page)).toContainText('a bit of a domestic violence case last year', {
    timeout: 30_000,
  });
  await expectAxeClean(page, 'call in progress');

  await ask(page, 'Are they still there now?');
  await expect(transcript(page)).toContainText("He's still there. I can hear him at the door.");
  await activate(page, page.getByRole('button', { name: 'Stay on the line with me.' }));
  await activate(page, page.getByRole('button', { name: 'Do not open the door.' }));
  await ask(page, 'Where are you? What is the address?');

  await choose(page, 'Choose a code', 'Domestic abuse');
  await activate(page, page.getByRole('button', { name: 'Set opening code' }));
  await activate(page, page.getByRole('button', { name: 'Open the procedure (SOP) for this code' }));
  await expect(page.getByRole('heading', { name: 'Domestic abuse: call handling' })).toBeVisible();

  for (const question of [
    'Have they been violent or abusive to you before?',
    'Have they threatened you? What did they say?',
    'Are there any court orders or bail conditions?',
    'Are there any children or other people with you?',
    'Do they have any weapons, or is there anything they could use?',
  ]) {
    await ask(page, question);
  }
  await expect(transcript(page)).toContainText("Last year he said he'd kill me.");

  // Reload in the middle of the call: the same call, in the same state.
  await page.reload();
  await expect(transcript(page)).toContainText("Last year he said he'd kill me.");
  await expect(page.getByText('Current code: Domestic abuse')).toBeVisible();
  await expect(
    page.getByRole('button', { name: /Have they threatened you\? What did they say\? \(asked\)/ }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Connected/ })).toBeVisible();

  await choose(page, 'System', 'Local intelligence and crime records');
  await choose(page, 'Search for', 'Amanda Ash (the caller)');
  await activate(page, page.getByRole('button', { name: 'Search' }));
  await expect(
    page.getByText('Multi-Agency Risk Assessment Conference (MARAC): information held.'),
  ).toBeVisible();
  await choose(page, 'Search for', 'Carl Ash (her ex-husband)');
  await activate(page, page.getByRole('button', { name: 'Search' }));
  await choose(page, 'System', 'Address markers and special schemes');
  await activate(page, page.getByRole('button', { name: 'Search' }));
  await expect(page.getByText('Special scheme: EXPIRED.')).toBeVisible();
  await choose(page, 'System', 'Caller and incident history');
  await choose(page, 'Search for', 'The mobile number she is calling from');
  await activate(page, page.getByRole('button', { name: 'Search' }));
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
  await activate(
    page,
    page.getByRole('button', { name: 'Officers are on their way; this is what happens next.' }),
  );
  await activate(
    page,
    page.getByRole('button', { name: 'Ring 999 again straight away if anything changes.' }),
  );
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
