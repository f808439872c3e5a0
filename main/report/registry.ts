import type { ReportSectionId } from '../../shared/domain/report';
import { actionsSection } from './sections/actions';
import { appendixSection } from './sections/appendix';
import { benefitsSection } from './sections/benefits';
import { conclusionsSection } from './sections/conclusions';
import { hypothesesSection } from './sections/hypotheses';
import { learningSection } from './sections/learning';
import { questionSection } from './sections/question';
import { savingsSection } from './sections/savings';
import { spendSection } from './sections/spend';
import type { ReportSection } from './types';

/** Every section of the pilot report, in the default order. A new section is one file and one line here. */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  questionSection,
  hypothesesSection,
  spendSection,
  savingsSection,
  learningSection,
  conclusionsSection,
  actionsSection,
  benefitsSection,
  appendixSection,
];

export const sectionById = (id: ReportSectionId): ReportSection => REPORT_SECTIONS.find((s) => s.id === id)!;
