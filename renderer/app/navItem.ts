/** One entry of the main navigation. Its own module so feature route files can declare entries without importing the list. */
export interface NavItem {
  to: string;
  label: string;
}
