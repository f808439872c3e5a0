/**
 * Issue 15: "every destructive action on something in use asks first and names what depends on
 * it". On a record's own page (a hypothesis) and in a list (a unit cost): the question names what
 * refers to it, Cancel keeps it, and something nothing uses still goes at once with Undo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const ids: Record<string, string> = {};

/** A hypothesis with two evidence items linked and an intervention; a unit cost two estimate lines price with, and one nothing uses. */
async function seed(dbPath: string) {
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (method: string, input: unknown) => {
    const r = await wb.dispatch(method as never, input as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as { id: string; rev: string };
  };
  const h = await call('hypothesis.add', { statement: 'Joint triage would cut repeat call-outs' });
  ids.hypothesis = h.id;
  for (const title of ['Falls audit', 'Ambulance call-out data']) {
    const e = await call('evidence.add', { title, kind: 'document', sensitivity: 'team' });
    await call('evidence.link', { evidenceId: e.id, hypothesisId: h.id, rating: 'C' });
  }
  const i = await call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 2 });
  await call('interventionLink.add', { interventionId: i.id, hypothesisId: h.id });
  const cost = await call('unitCost.add', { code: 'CR1.0', description: 'Crime incident', unit: 'per incident', agency: 'Police', valuePence: 320000, priceYear: '2023-24' });
  for (const label of ['Fewer incidents', 'Fewer repeat incidents']) {
    await call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label, unitCostId: cost.id, volumes: [{ low: 1, central: 1, high: 1 }, { low: 1, central: 1, high: 1 }] });
  }
  await call('unitCost.add', { code: 'CR2.0', description: 'Burglary', unit: 'per incident', agency: 'Police', valuePence: 100, priceYear: '2023-24' });
  const rec = await call('action.add', { kind: 'recommendation', title: 'Add a benefits check to every visit' });
  ids.recommendation = rec.id;
  await call('action.add', { kind: 'action', title: 'Train the visiting teams', recommendationId: rec.id });
  await wb.close();
}

describe('deleting something in use', () => {
  it('on a hypothesis’s page, names the evidence and the estimate that refer to it; Cancel keeps it', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto(`/hypotheses/${ids.hypothesis}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Delete this hypothesis? It is in use');
    await expect.poll(() => dialog.getByRole('listitem').allTextContents()).toEqual(['2 evidence items', '1 intervention']);
    await expectAccessible(page, 'the question before deleting a hypothesis in use');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Joint triage would cut repeat call-outs');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete hypothesis' }).click();
    await expect.poll(() => page.getByText('Moved "Joint triage would cut repeat call-outs" to the recycle bin').isVisible()).toBe(true);
  });

  it('on a recommendation’s page, keeps its own question and lists the action that follows from it', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto(`/actions/${ids.recommendation}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Delete this recommendation? 1 action follows from it');
    await expect.poll(() => dialog.getByRole('listitem').allTextContents()).toEqual(['1 action']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('in the unit costs list, asks about one estimate lines price with, and deletes an unused one at once', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/estimates/unit-costs');
    const row = (code: string) => page.getByRole('row', { name: new RegExp(code.replace('.', '\\.')) });
    await expect.poll(() => row('CR1.0').count()).toBe(1);

    await page.getByRole('button', { name: 'Delete CR1.0' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Delete “CR1.0”? It is in use');
    await expect.poll(() => dialog.getByRole('listitem').allTextContents()).toEqual(['2 estimate lines']);
    await expectAccessible(page, 'the question before deleting a unit cost in use');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await row('CR1.0').count()).toBe(1);
    // Focus goes back to the button that asked.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Delete');

    // Nothing uses CR2.0: no question, straight to the recycle bin with Undo.
    await page.getByRole('button', { name: 'Delete CR2.0' }).click();
    await expect.poll(() => page.getByText('Moved "CR2.0" to the recycle bin').isVisible()).toBe(true);
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => row('CR2.0').count()).toBe(0);
    // The Delete button went with its row: focus lands on Undo, not on the page, and Enter undoes.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => row('CR2.0').count()).toBe(1);
  });
});
