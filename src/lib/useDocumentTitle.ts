import { useEffect } from 'react';

const APP_NAME = 'SMART Chart';

/** Sets the tab title. Callers pass a view name only: never a patient name or any other PHI. */
export function useDocumentTitle(view: string): void {
  useEffect(() => {
    const previous = document.title;
    document.title = `${view} · ${APP_NAME}`;
    return () => {
      document.title = previous;
    };
  }, [view]);
}
