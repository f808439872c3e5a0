import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

export interface Tabs {
  /** Names the navigation landmark, e.g. "Spend views". */
  label: string;
  links: { to: string; label: string; end?: boolean }[];
}

/** A page's h1 with the tabs between its sibling pages, and an optional action on the right. */
export function PageHeader({ title, tabs, children }: { title: ReactNode; tabs?: Tabs; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {tabs && <TabLinks tabs={tabs} />}
      {children}
    </div>
  );
}

export function TabLinks({ tabs }: { tabs: Tabs }) {
  return (
    <nav aria-label={tabs.label} className="tabs">
      {tabs.links.map((t) => (
        <NavLink key={t.to} to={t.to} end={t.end}>
          {t.label}
        </NavLink>
      ))}
    </nav>
  );
}
