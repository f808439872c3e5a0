import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** Each page's title names the page first (WCAG 2.4.2), taken from its h1 once rendered. */
export function useDocumentTitle() {
  const location = useLocation();
  useEffect(() => {
    const t = setTimeout(() => {
      const h1 = document.querySelector('main h1')?.textContent?.trim();
      document.title = h1 ? `${h1} — Total Place Workbench` : 'Total Place Workbench';
    }, 50);
    return () => clearTimeout(t);
  }, [location.pathname]);
}
