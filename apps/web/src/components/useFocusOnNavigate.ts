import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, move focus to the main region so that keyboard and screen
 * reader users start at the new page's content (not at the link they just activated).
 */
export function useFocusOnNavigate(mainId = 'main'): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const el = document.getElementById(mainId);
    el?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname, mainId]);
}
