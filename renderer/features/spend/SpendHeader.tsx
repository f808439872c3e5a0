import { NavLink } from 'react-router';

/** The spend pages' heading and tabs. */
export function SpendHeader({ title }: { title: string }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <nav aria-label="Spend views" className="tabs">
        <NavLink to="/spend" end>Whole place</NavLink>
        <NavLink to="/spend/import">Import</NavLink>
        <NavLink to="/spend/rules">Rules</NavLink>
        <NavLink to="/spend/unclassified">Unclassified</NavLink>
        <NavLink to="/spend/files">Files</NavLink>
      </nav>
    </div>
  );
}
