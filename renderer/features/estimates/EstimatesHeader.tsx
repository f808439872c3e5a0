import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

/** The savings-estimates pages share one heading area with tabs between them. */
export function EstimatesHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <nav aria-label="Savings estimates views" className="tabs">
        <NavLink to="/estimates" end>
          Interventions
        </NavLink>
        <NavLink to="/estimates/portfolio">Portfolio</NavLink>
        <NavLink to="/estimates/unit-costs">Unit costs and tables</NavLink>
      </nav>
      {children}
    </div>
  );
}
