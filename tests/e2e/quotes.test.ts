/**
 * Issue 13, as a user does it: select a passage of an interview, save it as a quote with two
 * codes, rate it against a hypothesis, find it with the search, see it in the report; then
 * pseudonymise a name and check it is gone from the text, the quotes, the search and the report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOTES =
  'Interview at home, March. Mrs Okafor said: "Three people came in one week and asked me the same questions about my fall. ' +
  'Nobody knew the kettle had already been tested." Her daughter keeps a folder of every letter.';
const PASSAGE = 'Three people came in one week and asked me the same questions about my fall.';

/** The report's HTML, generated through the same API the report page uses. */
async function reportHtml(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const post = async (method: string, input: unknown) =>
      (await (await fetch(`/api/${method}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).json()) as {
        ok: boolean;
        value: { html: { urlPath: string } };
        error?: { message: string };
      };
    const r = await post('report.generate', { sections: ['hypotheses'], pdf: false, extracts: false });
    if (!r.ok) throw new Error(r.error?.message);
    return (await fetch(r.value.html.urlPath, { credentials: 'same-origin' })).text();
  });
}

/** Seeds a pilot through the services before the app starts; `fill` adds what the test needs and returns an id. */
function seeded(fill: (call: (method: string, input: unknown) => Promise<{ id: string; rev: string }>) => Promise<string>) {
  const ids = { value: '' };
  const setup = async (dbPath: string) => {
    const { openWorkbench } = await import('../../main/api/workbench');
    const wb = openWorkbench(dbPath, 'cli');
    const call = async (m: string, i: unknown) => {
      const r = await wb.dispatch(m, i);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { id: string; rev: string };
    };
    await call('pilot.save', { pilot: { place: 'Northshire', question: 'How can we secure improved outcomes at less cost?' } });
    ids.value = await fill(call);
    await wb.close();
  };
  return { setup, id: () => ids.value };
}

describe('quotes and the search over everything', () => {
  it('quotes a selected passage with two codes, rates it, finds it, reports it; pseudonymising removes a name everywhere', async () => {
    const seed = seeded(async (call) => {
      await call('hypothesis.add', { statement: 'One assessment after a fall would do' });
      return (await call('evidence.add', { title: 'Interview with Mrs Okafor', kind: 'citizen_interview', summary: NOTES, sensitivity: 'partners' })).id;
    });
    app = await openApp({ setup: seed.setup });
    const itemId = seed.id();
    const { page } = app;
    await app.goto(`/evidence/${itemId}`);
    const section = page.getByRole('region', { name: 'Text and quotes' });
    const text = section.getByRole('document', { name: 'Text of the notes' });
    await expect.poll(() => text.textContent()).toContain('Three people came');

    // Select the passage as a person would with the mouse, then quote it.
    await text.evaluate((el, passage) => {
      const node = el.firstChild!;
      const start = node.textContent!.indexOf(passage);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + passage.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, PASSAGE);
    await section.getByRole('button', { name: 'Quote the selected passage' }).click();
    const form = page.getByRole('form', { name: 'New quote' });
    await expect.poll(() => form.getByLabel('Quoted passage').inputValue()).toBe(PASSAGE);
    for (const code of ['Repeated assessments', 'Trust in services']) {
      await form.getByLabel('New code').fill(code);
      await form.getByRole('button', { name: 'Add code' }).click();
      await expect.poll(() => form.getByRole('checkbox', { name: code }).isChecked()).toBe(true);
    }
    await expect.poll(() => form.getByLabel('The citizen’s perspective').isChecked()).toBe(true);
    await expectAccessible(page, 'the new quote form');
    await form.getByRole('button', { name: 'Save quote' }).click();
    const quotes = page.getByRole('list', { name: 'Quotes' });
    await expect.poll(() => quotes.textContent()).toContain(PASSAGE);
    await expect.poll(() => quotes.getByRole('list', { name: 'Codes' }).textContent()).toBe('Repeated assessmentsTrust in services');

    // Rate it against the hypothesis.
    const rate = page.getByRole('form', { name: /^Rate the quote/ });
    await rate.getByLabel('Hypothesis').selectOption({ label: 'One assessment after a fall would do' });
    await rate.getByLabel('Rating').selectOption('CC');
    await rate.getByLabel('Credibility').selectOption('high');
    await rate.getByRole('button', { name: 'Link quote' }).click();
    await expect.poll(() => quotes.getByRole('list', { name: 'Rated against' }).textContent()).toContain('One assessment after a fall would do');
    await expectAccessible(page, 'an item with a rated quote');

    // The hypothesis page shows the quote.
    await quotes.getByRole('link', { name: 'One assessment after a fall would do' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Evidence' }).textContent()).toContain(PASSAGE);

    // Find it from the header search, as you type, then on the results page.
    await page.locator('body').press('/');
    await page.keyboard.type('same questions');
    const popup = page.getByRole('listbox', { name: 'Matches' });
    await expect.poll(() => popup.getByRole('group', { name: 'Quotes' }).textContent()).toContain('Three people came');
    await page.keyboard.press('Enter');
    const quoteResults = page.getByRole('region', { name: /^Quotes/ });
    await expect.poll(() => quoteResults.locator('mark').first().textContent()).toBe('same');
    await expectAccessible(page, 'search results');
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByRole('group', { name: 'Kinds' }).getByRole('checkbox', { name: 'Hypotheses' }).check();
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing matches “same questions”' }).isVisible()).toBe(true);

    // The report quotes it under its hypothesis.
    let html = await reportHtml(page);
    expect(html).toContain(PASSAGE);
    expect(html).toContain('Repeated assessments');
    expect(html).toContain('Mrs Okafor');

    // Pseudonymise the resident's name.
    await app.goto(`/evidence/${itemId}`);
    const pseudo = page.getByRole('form', { name: 'Pseudonymise a name' });
    await pseudo.getByLabel('Name to replace').fill('Mrs Okafor');
    await pseudo.getByLabel('Replace with').fill('Resident A');
    await pseudo.getByRole('button', { name: 'Pseudonymise' }).click();
    await page.getByRole('button', { name: 'Replace everywhere' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Interview with Resident A');
    await expect.poll(() => page.getByRole('region', { name: 'Details' }).textContent()).toContain('Resident A said');
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).not.toContain('Okafor');
    expect(await page.getByRole('region', { name: 'Text and quotes' }).textContent()).not.toContain('Okafor');
    await expect.poll(() => page.getByRole('region', { name: 'Pseudonymise' }).textContent()).toContain('A name was replaced with Resident A');
    await expectAccessible(page, 'a pseudonymised item');

    await app.goto('/search?q=okafor');
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing matches “okafor”' }).isVisible()).toBe(true);
    html = await reportHtml(page);
    expect(html).not.toContain('Okafor');
    expect(html).toContain(PASSAGE);
  });
});

describe('a hypothesis page', () => {
  it('asks the reason for a verdict, confirms one with no evidence, and links existing evidence and adds new', async () => {
    const seed = seeded(async (call) => {
      const h = await call('hypothesis.add', { statement: 'Pooled budgets cut reoffending' });
      await call('evidence.add', { title: 'Reoffending rates 2024-26', kind: 'performance_data', sensitivity: 'partners' });
      return h.id;
    });
    app = await openApp({ setup: seed.setup });
    const hypothesisId = seed.id();
    const { page } = app;
    await app.goto(`/hypotheses/${hypothesisId}`);
    await page.getByRole('button', { name: 'Move to Testing' }).click();
    await page.getByRole('dialog', { name: 'Move to Testing' }).getByRole('button', { name: 'Move to Testing' }).click();
    await expect.poll(() => page.locator('.status-line .badge').textContent()).toBe('Testing');

    // A verdict with no evidence: the reason is required and the move must be confirmed.
    await page.getByRole('button', { name: 'Move to Refuted' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to Refuted' });
    await expect.poll(() => dialog.textContent()).toContain('No evidence is linked to this hypothesis');
    await dialog.getByLabel('Why is it refuted?').fill('No change in proven reoffending');
    await expect.poll(() => dialog.getByRole('button', { name: 'Move to Refuted' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'the verdict dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Link the existing item from the hypothesis page, then the same verdict needs no confirmation.
    const link = page.getByRole('form', { name: 'Link the chosen evidence' });
    await link.getByLabel('Evidence').selectOption({ label: 'Reoffending rates 2024-26' });
    await link.getByLabel('Rating').selectOption('II');
    await link.getByLabel('Credibility').selectOption('high');
    await link.getByRole('button', { name: 'Link evidence' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Evidence' }).textContent()).toContain('Contradicting (1)Reoffending rates 2024-26');
    await page.getByRole('button', { name: 'Move to Refuted' }).click();
    const again = page.getByRole('dialog', { name: 'Move to Refuted' });
    await again.getByLabel('Why is it refuted?').fill('No change in proven reoffending');
    await expect.poll(() => again.textContent()).not.toContain('No evidence is linked');
    await again.getByRole('button', { name: 'Move to Refuted' }).click();
    await expect.poll(() => page.locator('.status-line .badge').textContent()).toBe('Refuted');
    await expect.poll(() => page.getByRole('region', { name: 'Status history' }).textContent()).toContain('No change in proven reoffending');

    // Add new evidence from the page: it comes back linked.
    await page.getByRole('link', { name: 'Add new evidence' }).click();
    await page.getByLabel('Title').fill('Probation officers’ view');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Evidence' }).textContent()).toContain('Probation officers’ view');
    await expectAccessible(page, 'a hypothesis page with evidence');
  });
});
