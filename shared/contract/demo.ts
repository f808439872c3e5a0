import { z } from 'zod';
import { command } from './define';

/** What `pilot.createDemo` made: how many of each kind, for the CLI and the window to say so. */
export interface DemoSummary {
  place: string;
  organisations: number;
  teamMembers: number;
  themes: number;
  hypotheses: number;
  evidence: number;
  quotes: number;
  spendFiles: number;
  spendLines: number;
  spendRules: number;
  interventions: number;
  estimateLines: number;
  learning: number;
  actions: number;
  benefits: number;
}

// The demo pilot: a fictional place filled through the real services, for a first look round.
export const demoContract = {
  /** Fills an empty database with a realistic demo pilot, marked as demo; refused once a pilot exists. */
  'pilot.createDemo': command<DemoSummary>()(z.object({}).default({})),
};
