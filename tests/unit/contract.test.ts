import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { HypothesisInput, HYPOTHESIS_TRANSITIONS, HYPOTHESIS_STATUSES } from '../../shared/domain/hypotheses';
import { PilotInput, TeamMemberInput } from '../../shared/domain/pilot';
import { APP_VERSION } from '../../shared/version';
import { REPO_ROOT } from '../helpers/cli';

describe('the contract', () => {
  it('names methods as <noun>.<verb> and gives each a schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(typeof spec.input.safeParse).toBe('function');
    }
  });

  it('validates a pilot with plain-English messages', () => {
    const r = PilotInput.safeParse({ place: '  ', question: 'Q', reportDeadline: '2026-02-30' });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('place: The place is required');
    expect(messages).toContain('reportDeadline: That day does not exist');
  });

  it('refuses a deadline before the start', () => {
    const r = PilotInput.safeParse({ place: 'Leicester', question: 'Q', startDate: '2026-06-01', reportDeadline: '2026-05-01' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/on or after the start date/);
  });

  it('turns blank optional text into null and trims required text', () => {
    const r = HypothesisInput.parse({ statement: '  Joined-up falls care cuts admissions ', rationale: '', dueDate: '' });
    expect(r.statement).toBe('Joined-up falls care cuts admissions');
    expect(r.rationale).toBeNull();
    expect(r.dueDate).toBeNull();
  });

  it('keeps seconded FTE between 0 and 1', () => {
    expect(TeamMemberInput.safeParse({ name: 'A', fte: 1.5 }).error?.issues[0]?.message).toMatch(/at most 1.0/);
    expect(TeamMemberInput.safeParse({ name: 'A', fte: -0.1 }).error?.issues[0]?.message).toMatch(/negative/);
    expect(TeamMemberInput.parse({ name: 'A' }).fte).toBe(1);
  });

  it('every status can be reached and left', () => {
    for (const s of HYPOTHESIS_STATUSES) {
      expect(HYPOTHESIS_TRANSITIONS[s].length).toBeGreaterThan(0);
      if (s !== 'proposed') expect(HYPOTHESIS_STATUSES.some((from) => HYPOTHESIS_TRANSITIONS[from].includes(s))).toBe(true);
    }
  });

  it('the app version matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
