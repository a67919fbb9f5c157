import { type RefObject, useEffect } from 'react';

const EDITABLE = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** '/' anywhere outside a text field focuses the given input (as in GitHub, Jira, Gmail). */
export function useSlashFocus(ref: RefObject<{ focus: () => void } | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (EDITABLE.has(target.tagName) || target.isContentEditable || target.closest('[role="dialog"]'))) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ref]);
}
