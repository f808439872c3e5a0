import { NavLink } from 'react-router';

/** The learning and momentum pages share one strip of tabs. */
export function MomentumTabs() {
  return (
    <nav className="tabs" aria-label="Learning and momentum">
      <NavLink to="/learning" end>Learning log</NavLink>
      <NavLink to="/learning/barriers">Barriers</NavLink>
      <NavLink to="/actions">Actions</NavLink>
      <NavLink to="/benefits">Benefits register</NavLink>
    </nav>
  );
}
