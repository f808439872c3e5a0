import { Link, NavLink } from 'react-router';

export function EvidenceHeader({ title = 'Evidence' }: { title?: string }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <nav aria-label="Evidence views" className="tabs">
        <NavLink to="/evidence" end>List</NavLink>
        <NavLink to="/evidence/matrix">Matrix</NavLink>
        <NavLink to="/evidence/search">Search</NavLink>
      </nav>
      <Link to="/evidence/new" className="button">Add evidence</Link>
    </div>
  );
}
