import { Link, NavLink } from 'react-router';

export function HypothesesHeader() {
  return (
    <div className="page-header">
      <h1>Hypotheses</h1>
      <nav aria-label="Hypothesis views" className="tabs">
        <NavLink to="/hypotheses" end>Board</NavLink>
        <NavLink to="/hypotheses/list">List</NavLink>
      </nav>
      <Link to="/hypotheses/new" className="button">New hypothesis</Link>
    </div>
  );
}
