/** The demo's second half: what the pilot did with its findings — an estimate, learning, actions, a benefit, the report's words. */
import { daysFrom, financialYearOf, type Call } from './calls';

interface Ids {
  org: Record<string, string>;
  theme: Record<string, string>;
  hyp: Record<string, string>;
  evidence: Record<string, string>;
  barriers: string[];
}

const YEARS = 5;
/** Pounds a year → a profile of low/central/high pence, the same each year. */
const flat = (low: number, central: number, high: number, from = 0) =>
  Array.from({ length: YEARS }, (_, i) => (i < from ? { low: 0, central: 0, high: 0 } : { low: low * 100, central: central * 100, high: high * 100 }));

export async function buildFollowUp(call: Call, now: Date, ids: Ids) {
  const nextYear = financialYearOf(now, 1);
  const intervention = await call('intervention.add', {
    name: 'Joint falls response and follow-up',
    description: 'One falls team (ambulance, fire service and council) that attends non-injury falls and visits again within 72 hours.',
    themeId: ids.theme.falls,
    status: 'proposed',
    startYear: nextYear,
    years: YEARS,
  });
  const lines = [
    { kind: 'cost' as const, label: 'Falls response team (6 FTE)', organisationId: ids.org.council, profile: flat(260_000, 280_000, 320_000) },
    { kind: 'cost' as const, label: 'Vehicle and equipment', organisationId: ids.org.fire, profile: flat(30_000, 35_000, 45_000) },
    { kind: 'benefit' as const, label: 'Fewer emergency admissions after a fall', organisationId: ids.org.nhs, cashable: false, deadweight: 0.1, profile: flat(250_000, 420_000, 560_000, 1) },
    { kind: 'benefit' as const, label: 'Fewer ambulance call-outs to repeat falls', organisationId: ids.org.nhs, cashable: true, deadweight: 0.05, profile: flat(60_000, 95_000, 130_000) },
    { kind: 'benefit' as const, label: 'Delayed entry to residential care', organisationId: ids.org.council, cashable: true, deadweight: 0.2, attributionToOthers: 0.1, profile: flat(40_000, 110_000, 180_000, 2) },
  ];
  for (const [position, l] of lines.entries()) await call('estimateLine.add', { interventionId: intervention.id, position, ...l });
  await call('interventionLink.add', { interventionId: intervention.id, hypothesisId: ids.hyp.falls });

  const learning = [
    {
      kind: 'difficult' as const,
      title: 'Getting admissions data out of the trust took six weeks',
      whatHappened: 'The data-sharing agreement had to go to the trust’s information governance board twice.',
      why: 'Nobody had asked for person-level data across two organisations before.',
      doDifferently: 'Start the agreement in week one, alongside the question.',
      barrierIds: [ids.barriers[1]!, ids.barriers[5]!],
      hypothesisIds: [ids.hyp.falls!],
    },
    {
      kind: 'did-not-work' as const,
      title: 'The first citizen workshop drew only three people',
      whatHappened: 'An evening workshop in the council offices was badly attended.',
      why: 'Older residents did not want to travel after dark in winter.',
      doDifferently: 'Meet people where they already are: lunch clubs and GP surgeries.',
      barrierIds: [ids.barriers[0]!],
      hypothesisIds: [],
    },
    {
      kind: 'lesson' as const,
      title: 'Journeys persuaded the finance directors more than the spend map',
      whatHappened: 'Mrs B’s story turned the board discussion from costs to what people go through.',
      why: 'A single journey makes the overlap between services concrete.',
      doDifferently: 'Put one journey at the front of every board paper.',
      barrierIds: [ids.barriers[4]!],
      hypothesisIds: [ids.hyp.falls!, ids.hyp['single-assessment']!],
    },
  ];
  for (const [i, l] of learning.entries()) await call('learning.add', { ...l, author: 'Priya Sharma', occurredOn: daysFrom(now, -50 + i * 15), themeId: ids.theme.older });

  const actions = [
    { kind: 'recommendation' as const, title: 'Commission a joint falls response for the whole county', organisationId: ids.org.council, owner: 'Director of Adult Social Care', dueDate: daysFrom(now, 120), status: 'open' as const, beyondPilot: true, hypothesisIds: [ids.hyp.falls!], interventionIds: [intervention.id] },
    { kind: 'recommendation' as const, title: 'Add a benefits check to every safe and well visit', organisationId: ids.org.fire, owner: 'Head of Prevention', dueDate: daysFrom(now, 90), status: 'open' as const, beyondPilot: true, hypothesisIds: [ids.hyp.benefits!], interventionIds: [] },
    { kind: 'action' as const, title: 'Sign the data-sharing agreement for a shared assessment', organisationId: ids.org.nhs, owner: 'Helen Marsh', dueDate: daysFrom(now, -5), status: 'in-progress' as const, beyondPilot: false, hypothesisIds: [ids.hyp['single-assessment']!], interventionIds: [] },
    { kind: 'action' as const, title: 'Share the falls journeys with the ambulance trust', organisationId: ids.org.council, owner: 'Priya Sharma', dueDate: daysFrom(now, -15), status: 'done' as const, beyondPilot: false, hypothesisIds: [ids.hyp.falls!], interventionIds: [] },
  ];
  for (const a of actions) await call('action.add', { ...a, description: null });

  const benefit = await call('benefit.add', {
    title: 'Fewer ambulance call-outs to repeat falls',
    owner: 'Helen Marsh',
    organisationId: ids.org.nhs,
    measure: 'Ambulance call-outs to people who fell in the previous 90 days',
    target: 'Down by a quarter in the test area',
    fullYearPence: 9_500_000,
    cashReleasing: true,
    startsOn: daysFrom(now, -60),
    interventionId: intervention.id,
    notes: 'Tested in one locality during the pilot.',
  });
  await call('realisation.add', { benefitId: benefit.id, realisedOn: daysFrom(now, -10), realisedPence: 1_150_000, note: 'First eight weeks in the test locality.' });

  await call('narrative.save', {
    slot: { kind: 'summary' },
    body:
      'This is a demonstration pilot for the fictional county of Anyshire; none of its people or figures are real.\n\n' +
      'Six partners asked how they could help frail older people stay well at home. Citizen journeys and admissions data show that falls are the turning point: ' +
      'three services attend the same people and none follows up. A joint falls response is estimated to pay for itself within its second year.',
    rev: null,
  });
  await call('narrative.save', {
    slot: { kind: 'introduction' },
    body: 'Anyshire’s partners spend most of their money on older people in the last years of life, in acute and residential care. This pilot traced where that money goes and what older people go through.',
    rev: null,
  });

  return { interventions: 1, estimateLines: lines.length, learning: learning.length, actions: actions.length, benefits: 1 };
}
