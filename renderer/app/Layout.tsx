import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useApi } from '../api/hooks';
import { ConfirmProvider } from '../kit/feedback/ConfirmProvider';
import { useToasts } from '../kit/feedback/Toasts';
import { SearchBox } from '../features/search/SearchBox';
import { FirstRunPrompt } from '../features/team/FirstRunPrompt';
import { TeamSyncTimer } from '../features/team/TeamSyncTimer';
import { BusyNotice } from './BusyNotice';
import { Countdown } from './Countdown';
import { NAV_ITEMS } from './nav';
import { useDocumentTitle } from './useDocumentTitle';

export function Layout() {
  const overview = useApi('pilot.overview', {});
  const pilot = overview.data?.pilot;
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  useDocumentTitle();
  const [navOpen, setNavOpen] = useRememberedNav();
  // After navigation, move focus to the page so keyboard and screen-reader users land on the new content.
  const { navigated } = useToasts();
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
    // Toasts about the last page would only confuse on this one.
    navigated();
  }, [location.pathname, navigated]);
  return (
    <ConfirmProvider>
      <div className="app">
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
          Skip to main content
        </a>
        <header className="app-header">
          <button type="button" className="app-header__menu" aria-expanded={navOpen} aria-controls="app-nav" onClick={() => setNavOpen(!navOpen)}>
            {navOpen ? 'Hide menu' : 'Show menu'}
          </button>
          <div className="app-header__brand">
            <span className="app-header__name">Total Place Workbench</span>
            {pilot && <span className="app-header__place">{pilot.place}</span>}
          </div>
          <SearchBox />
          <TeamSyncTimer />
          <Countdown deadline={pilot?.reportDeadline ?? null} />
        </header>
        <div className="app-body">
          <nav id="app-nav" className="app-nav" aria-label="Main" hidden={!navOpen}>
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
            <BusyNotice />
            <Outlet />
          </main>
        </div>
        <FirstRunPrompt />
      </div>
    </ConfirmProvider>
  );
}

const NAV_KEY = 'tpw.nav.open';

/** Whether the sidebar is shown; remembered on this computer so a narrow screen stays tidy. */
function useRememberedNav(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => localStorage.getItem(NAV_KEY) !== 'false');
  const set = (next: boolean) => {
    localStorage.setItem(NAV_KEY, String(next));
    setOpen(next);
  };
  return [open, set];
}
