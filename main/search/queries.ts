/** What other parts of the app may use of the search: bringing its index up to date. */
export { indexSpendFiles } from './spendIndex';
export { startBackgroundIndexing } from './background';
