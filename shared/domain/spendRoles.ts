/** What a column of a spend file can mean (date and amount are required), and a mapping of columns to them. No zod here: the file reader's worker thread loads this and starts quicker without it. */
export const SPEND_ROLES = ['date', 'amount', 'supplier', 'serviceArea', 'expenseType', 'transactionRef', 'orgUnit', 'description'] as const;
export type SpendRole = (typeof SPEND_ROLES)[number];

export const SPEND_ROLE_LABELS: Record<SpendRole, string> = {
  date: 'Date',
  amount: 'Amount',
  supplier: 'Supplier',
  serviceArea: 'Service area',
  expenseType: 'Expense type',
  transactionRef: 'Transaction id',
  orgUnit: 'Organisation unit',
  description: 'Description',
};

/** How sure the guess is: "saved" means the mapping the user confirmed for this source last time. */
export type MappingConfidence = 'saved' | 'chosen' | 'high' | 'medium' | 'low';

export interface ColumnGuess {
  /** 0-based column index in the header row. */
  index: number;
  header: string;
  confidence: MappingConfidence;
}
export type ColumnMapping = Partial<Record<SpendRole, ColumnGuess>>;
