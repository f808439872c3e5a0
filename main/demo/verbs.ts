import { unwrap, type Verb } from '../cli/io';

export const demoVerb: Verb = {
  words: ['demo'],
  usage: 'tpw demo [--json]',
  summary: 'Fill an empty database with a realistic demo pilot (Anyshire), marked as demo',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const d = unwrap(await wb!.dispatch('pilot.createDemo', {}));
    const text = [
      `Created the demo pilot "${d.place}": ${d.organisations} organisations, ${d.teamMembers} team members, ${d.themes} themes,`,
      `${d.hypotheses} hypotheses, ${d.evidence} evidence items (${d.quotes} quotes), ${d.spendFiles} spend files (${d.spendLines} lines, ${d.spendRules} rules),`,
      `${d.interventions} intervention (${d.estimateLines} estimate lines), ${d.learning} learning entries, ${d.actions} actions and recommendations, ${d.benefits} benefit.`,
      'Everything in it is invented. Open it with `tpw serve` to look round.',
    ].join('\n');
    return { json: d, text };
  },
};
