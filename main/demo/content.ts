/**
 * What the demo pilot says: a fictional county, its partners, team, questions and findings. All
 * names are invented; "(demo)" is in the place's name so every page, export and report says so.
 */
import type { OrganisationType } from '../../shared/domain/pilot';
import type { SpendLineShape } from './spendFile';

export const DEMO_PLACE = 'Anyshire (demo)';
export const DEMO_QUESTION =
  'How could Anyshire’s public services, working as one, help frail older people stay well at home for longer — and what would that save across the partners?';

export const ORGANISATIONS: { key: string; name: string; type: OrganisationType; notes: string }[] = [
  { key: 'council', name: 'Anyshire County Council', type: 'council', notes: 'Lead partner; hosts the pilot team.' },
  { key: 'nhs', name: 'Anyshire NHS Foundation Trust', type: 'nhs', notes: 'Acute and community health services.' },
  { key: 'police', name: 'Anyshire Constabulary', type: 'police', notes: 'Neighbourhood policing and safeguarding referrals.' },
  { key: 'fire', name: 'Anyshire Fire and Rescue Service', type: 'fire', notes: 'Safe and well visits.' },
  { key: 'dwp', name: 'Jobcentre Plus Anyshire', type: 'dwp', notes: 'Pension Credit and Attendance Allowance take-up.' },
  { key: 'voluntary', name: 'Age Well Anyshire', type: 'voluntary', notes: 'Befriending, handyperson and hospital-discharge support.' },
];

export const TEAM: { name: string; org: string; role: string; fte: number }[] = [
  { name: 'Priya Sharma', org: 'council', role: 'Pilot lead', fte: 1 },
  { name: 'Tom Okafor', org: 'council', role: 'Finance analyst', fte: 0.6 },
  { name: 'Helen Marsh', org: 'nhs', role: 'Service improvement manager', fte: 0.5 },
  { name: 'Gareth Lewis', org: 'police', role: 'Neighbourhood inspector', fte: 0.2 },
  { name: 'Amira Haddad', org: 'voluntary', role: 'Citizen insight researcher', fte: 0.8 },
];

export const THEMES: { key: string; name: string; description: string }[] = [
  { key: 'older', name: 'Older people', description: 'Care, health and support for people over 65.' },
  { key: 'falls', name: 'Falls and frailty', description: 'Falls prevention, response and recovery.' },
  { key: 'housing', name: 'Housing and adaptations', description: 'Adaptations, repairs and warm homes.' },
  { key: 'income', name: 'Income and benefits', description: 'Benefit take-up and money advice.' },
];

export type DemoStatus = 'proposed' | 'testing' | 'supported' | 'refuted' | 'inconclusive' | 'parked';

export const HYPOTHESES: {
  key: string;
  statement: string;
  theme: string;
  owner: number;
  rationale: string;
  supportCriteria: string;
  refuteCriteria: string;
  confidence: 'low' | 'medium' | 'high';
  status: DemoStatus;
  reason: string | null;
}[] = [
  {
    key: 'falls',
    statement: 'A single falls response shared by the ambulance trust, fire service and council would cut emergency admissions after a fall.',
    theme: 'falls',
    owner: 2,
    rationale: 'Three services each send someone to the same people after a fall, and none follows up.',
    supportCriteria: 'Admissions after a fall drop in the test area compared with the rest of the county.',
    refuteCriteria: 'No difference in admissions, or people go without help they got before.',
    confidence: 'medium',
    status: 'supported',
    reason: 'Journeys and admissions data agree: most repeat admissions followed a fall with no follow-up visit.',
  },
  {
    key: 'adaptations',
    statement: 'Faster home adaptations would shorten hospital stays for older people waiting to go home.',
    theme: 'housing',
    owner: 0,
    rationale: 'Discharges wait on grab rails and stairlifts that take months to fit.',
    supportCriteria: 'Delayed-discharge days attributed to adaptations fall when the wait is shortened.',
    refuteCriteria: 'Delays are driven by something else (care packages, not adaptations).',
    confidence: 'medium',
    status: 'refuted',
    reason: 'The delays were waiting for home-care packages; adaptations explained fewer than one in ten delayed days.',
  },
  {
    key: 'benefits',
    statement: 'Checking benefit entitlement at every safe and well visit would raise household income enough to reduce crisis calls.',
    theme: 'income',
    owner: 4,
    rationale: 'Many older people visited by the fire service are not claiming Pension Credit.',
    supportCriteria: 'More successful claims and fewer crisis calls among households checked.',
    refuteCriteria: 'Claims rise but crisis calls do not change.',
    confidence: 'low',
    status: 'inconclusive',
    reason: 'Claims rose, but six months is too short to see any change in crisis calls.',
  },
  {
    key: 'loneliness',
    statement: 'Befriending for people who live alone reduces repeat calls to police and GPs.',
    theme: 'older',
    owner: 3,
    rationale: 'Officers report the same lonely callers week after week.',
    supportCriteria: 'Repeat callers matched with a befriender call less often.',
    refuteCriteria: 'Call rates are unchanged after befriending starts.',
    confidence: 'medium',
    status: 'testing',
    reason: null,
  },
  {
    key: 'single-assessment',
    statement: 'One shared assessment instead of four would free practitioner time without worse decisions.',
    theme: 'older',
    owner: 1,
    rationale: 'People tell their story four times to four services.',
    supportCriteria: 'Assessment hours fall and reviews find decisions as good.',
    refuteCriteria: 'Decisions suffer or the shared form takes longer than the four it replaces.',
    confidence: 'low',
    status: 'parked',
    reason: 'Parked until the data-sharing agreement is signed.',
  },
  {
    key: 'warm-homes',
    statement: 'Targeting warm-home grants at people with respiratory conditions would cut winter admissions.',
    theme: 'housing',
    owner: 2,
    rationale: 'Winter admissions for respiratory illness cluster in the coldest, oldest housing.',
    supportCriteria: 'Fewer winter admissions among households helped.',
    refuteCriteria: 'No difference from similar households not helped.',
    confidence: 'low',
    status: 'proposed',
    reason: null,
  },
];

type Rating = 'CC' | 'C' | 'N' | 'I' | 'II' | 'NA';

export const CODES = [
  { key: 'repeat', name: 'Telling the story again', description: 'Having to repeat information to each service.' },
  { key: 'waiting', name: 'Waiting', description: 'Time spent waiting for a service to act.' },
  { key: 'fall', name: 'After a fall', description: 'What happened after someone fell.' },
  { key: 'money', name: 'Money worries', description: 'Income, bills and benefits.' },
  { key: 'alone', name: 'Being alone', description: 'Loneliness and isolation.' },
];

export interface DemoEvidence {
  key: string;
  title: string;
  kind: 'citizen_journey' | 'citizen_interview' | 'spend_analysis' | 'performance_data' | 'practitioner_view' | 'document' | 'citizen_survey';
  summary: string;
  source: string;
  org: string;
  theme: string;
  daysAgo: number;
  collectedBy: string;
  sensitivity: 'public' | 'partners' | 'team' | 'personal';
  tags: string[];
  /** Ratings against hypotheses (by key), shown in the ACH matrix. */
  ratings: Partial<Record<string, Rating>>;
  /** Passages of the summary, coded, each rated against hypotheses. */
  quotes: { text: string; speaker: string; codes: string[]; ratings: Partial<Record<string, Rating>> }[];
}

export const EVIDENCE: DemoEvidence[] = [
  {
    key: 'journey-mrs-b',
    title: 'Mrs B’s journey: three falls in four months',
    kind: 'citizen_journey',
    summary:
      'Mrs B, 84, lives alone. After her first fall the ambulance crew checked her over and left. "Nobody came back to see how I was managing." ' +
      'After the second fall a firefighter fitted a smoke alarm and a council officer assessed her for a pendant alarm, a week apart. ' +
      '"I told the same story to four different people and none of them knew about the others." The third fall led to a ten-day admission.',
    source: 'Journey mapping interview, Age Well Anyshire',
    org: 'voluntary',
    theme: 'falls',
    daysAgo: 60,
    collectedBy: 'Amira Haddad',
    sensitivity: 'personal',
    tags: ['falls', 'journey'],
    ratings: { falls: 'CC', 'single-assessment': 'C', adaptations: 'N' },
    quotes: [
      { text: 'Nobody came back to see how I was managing.', speaker: 'Mrs B', codes: ['fall', 'waiting'], ratings: { falls: 'CC' } },
      { text: 'I told the same story to four different people and none of them knew about the others.', speaker: 'Mrs B', codes: ['repeat'], ratings: { 'single-assessment': 'C' } },
    ],
  },
  {
    key: 'journey-mr-d',
    title: 'Mr D’s journey: waiting to go home',
    kind: 'citizen_journey',
    summary:
      'Mr D, 79, was ready to leave hospital after a hip operation but stayed another 19 days. "They said the rails were fitted in two days; it was the carers we waited for." ' +
      'His daughter rang the council and the hospital every day. "Every phone call was a different person starting from scratch."',
    source: 'Journey mapping interview with Mr D and his daughter',
    org: 'nhs',
    theme: 'housing',
    daysAgo: 45,
    collectedBy: 'Amira Haddad',
    sensitivity: 'personal',
    tags: ['discharge', 'journey'],
    ratings: { adaptations: 'II', 'single-assessment': 'C' },
    quotes: [
      { text: 'They said the rails were fitted in two days; it was the carers we waited for.', speaker: 'Mr D', codes: ['waiting'], ratings: { adaptations: 'II' } },
      { text: 'Every phone call was a different person starting from scratch.', speaker: 'Mr D’s daughter', codes: ['repeat'], ratings: { 'single-assessment': 'C' } },
    ],
  },
  {
    key: 'journey-mrs-k',
    title: 'Mrs K’s journey: the pension she did not know about',
    kind: 'citizen_journey',
    summary:
      'Mrs K, 81, was visited by the fire service for a safe and well check. The firefighter suggested a benefits check; she was entitled to Pension Credit worth £3,900 a year. ' +
      '"I was choosing between heating and eating." Since then she has not needed the emergency food parcel she used to ask for each winter. "Some days the only voice I hear is the radio."',
    source: 'Journey mapping interview, fire service referral',
    org: 'fire',
    theme: 'income',
    daysAgo: 30,
    collectedBy: 'Amira Haddad',
    sensitivity: 'personal',
    tags: ['benefits', 'journey'],
    ratings: { benefits: 'C', loneliness: 'C' },
    quotes: [
      { text: 'I was choosing between heating and eating.', speaker: 'Mrs K', codes: ['money'], ratings: { benefits: 'C', 'warm-homes': 'C' } },
      { text: 'Some days the only voice I hear is the radio.', speaker: 'Mrs K', codes: ['alone'], ratings: { loneliness: 'C' } },
    ],
  },
  {
    key: 'admissions',
    title: 'Emergency admissions after a fall, over-65s, last two years',
    kind: 'performance_data',
    summary: '1,840 emergency admissions after a fall in two years; 38% of them had an earlier fall attended by an ambulance with no follow-up referral.',
    source: 'Anyshire NHS Foundation Trust admissions extract',
    org: 'nhs',
    theme: 'falls',
    daysAgo: 75,
    collectedBy: 'Helen Marsh',
    sensitivity: 'partners',
    tags: ['admissions', 'falls'],
    ratings: { falls: 'CC', 'warm-homes': 'N' },
    quotes: [],
  },
  {
    key: 'delays',
    title: 'Delayed discharges by reason, last 12 months',
    kind: 'performance_data',
    summary: '4,120 delayed bed days for over-65s; 61% waiting for a home-care package, 8% waiting for adaptations.',
    source: 'Discharge team records',
    org: 'nhs',
    theme: 'housing',
    daysAgo: 50,
    collectedBy: 'Helen Marsh',
    sensitivity: 'partners',
    tags: ['discharge'],
    ratings: { adaptations: 'II' },
    quotes: [],
  },
  {
    key: 'spend-map',
    title: 'Spend on older people across the council and the trust',
    kind: 'spend_analysis',
    summary: 'The imported spend files put adult social care and community health spending on older people at the largest share of the place’s spend, with falls-related spending spread across three services.',
    source: 'Spend files imported into the workbench',
    org: 'council',
    theme: 'older',
    daysAgo: 20,
    collectedBy: 'Tom Okafor',
    sensitivity: 'team',
    tags: ['spend'],
    ratings: { falls: 'C', 'single-assessment': 'N' },
    quotes: [],
  },
  {
    key: 'officers',
    title: 'Neighbourhood officers on repeat callers',
    kind: 'practitioner_view',
    summary: 'Officers named 23 older people who call the police most weeks, usually about nothing urgent; most live alone and several already see a befriender.',
    source: 'Workshop with neighbourhood teams',
    org: 'police',
    theme: 'older',
    daysAgo: 25,
    collectedBy: 'Gareth Lewis',
    sensitivity: 'team',
    tags: ['calls', 'loneliness'],
    ratings: { loneliness: 'N' },
    quotes: [],
  },
  {
    key: 'survey',
    title: 'Residents’ survey: over-65s and public services',
    kind: 'citizen_survey',
    summary: '412 responses. 57% had dealt with three or more services in the past year; 44% said they had repeated the same information to each.',
    source: 'Anyshire residents’ panel',
    org: 'council',
    theme: 'older',
    daysAgo: 40,
    collectedBy: 'Priya Sharma',
    sensitivity: 'public',
    tags: ['survey'],
    ratings: { 'single-assessment': 'C', falls: 'N' },
    quotes: [],
  },
];

/** Spend: the council and the trust each publish a year of payments over £500. */
export const SPEND: { org: string; seed: number; shapes: SpendLineShape[] }[] = [
  {
    org: 'council',
    seed: 1101,
    shapes: [
      { serviceArea: 'Adult Social Care', expenseType: 'Residential care', suppliers: ['Meadow View Care Home', 'Oaklands Nursing Home', 'Riverside Care'], typical: 14_000, count: 90 },
      { serviceArea: 'Adult Social Care', expenseType: 'Home care', suppliers: ['Helping Hands Anyshire', 'CareFirst Homecare'], typical: 6_500, count: 80 },
      { serviceArea: 'Housing', expenseType: 'Disabled facilities grants', suppliers: ['Anyshire Adaptations Ltd', 'Stairlift Services'], typical: 4_200, count: 40 },
      { serviceArea: 'Community Safety', expenseType: 'Pendant alarms', suppliers: ['Lifeline Response'], typical: 2_800, count: 24 },
      { serviceArea: 'Highways', expenseType: 'Resurfacing', suppliers: ['Roadworks Anyshire'], typical: 22_000, count: 30 },
    ],
  },
  {
    org: 'nhs',
    seed: 2202,
    shapes: [
      { serviceArea: 'Community Health', expenseType: 'Falls clinic', suppliers: ['Anyshire Physio Partners'], typical: 9_000, count: 36 },
      { serviceArea: 'Community Health', expenseType: 'District nursing agency', suppliers: ['NurseBank Ltd', 'Community Nursing Agency'], typical: 7_500, count: 60 },
      { serviceArea: 'Acute Services', expenseType: 'Ambulance transport', suppliers: ['Patient Transport Anyshire'], typical: 12_000, count: 48 },
      { serviceArea: 'Estates', expenseType: 'Maintenance', suppliers: ['Facilities Group'], typical: 15_000, count: 30 },
    ],
  },
];

/** Classification rules: which spend belongs to which theme. */
export const RULES: { field: 'serviceArea' | 'expenseType' | 'supplier'; op: 'contains' | 'equals'; pattern: string; theme: string; priority: number }[] = [
  { field: 'expenseType', op: 'contains', pattern: 'falls', theme: 'falls', priority: 10 },
  { field: 'expenseType', op: 'equals', pattern: 'Pendant alarms', theme: 'falls', priority: 20 },
  { field: 'expenseType', op: 'contains', pattern: 'facilities grants', theme: 'housing', priority: 30 },
  { field: 'serviceArea', op: 'equals', pattern: 'Adult Social Care', theme: 'older', priority: 40 },
  { field: 'serviceArea', op: 'equals', pattern: 'Community Health', theme: 'older', priority: 50 },
];
