import { useCallback, useLayoutEffect, useRef } from 'react';

/** How long after a save focus is held for the button: long enough for the refetch that follows it. */
const HOLD_MS = 3000;

/**
 * Puts focus back on an element (a row's Edit button) after an inline edit closes, and keeps it there
 * while the list refreshes. A save can reorder the rows (a new due date), and React moves a row by
 * taking its node out and putting it back, which drops focus to the page; so for a short while after
 * the edit, whenever focus has fallen to the page, it is put back on the element. Focus the person has
 * moved elsewhere is left alone.
 */
export function useReturnFocus(): (elementId: string) => void {
  const pending = useRef<{ id: string; until: number } | null>(null);

  const restore = useCallback(() => {
    const target = pending.current;
    if (!target) return;
    if (Date.now() > target.until) {
      pending.current = null;
      return;
    }
    const active = document.activeElement;
    const element = document.getElementById(target.id);
    if (element && (active === null || active === document.body)) element.focus();
  }, []);

  // After every render: the refetched list may just have moved the row.
  useLayoutEffect(restore);

  return useCallback(
    (elementId: string) => {
      pending.current = { id: elementId, until: Date.now() + HOLD_MS };
      // The row is swapped back in on the next render; focus it once it is there.
      requestAnimationFrame(() => {
        const element = document.getElementById(elementId);
        if (element && pending.current?.id === elementId) element.focus();
      });
      // A move that happens without re-rendering this component (a sibling's refetch) still drops focus.
      const onBlur = () => setTimeout(restore, 0);
      document.addEventListener('focusout', onBlur);
      setTimeout(() => document.removeEventListener('focusout', onBlur), HOLD_MS);
    },
    [restore],
  );
}
