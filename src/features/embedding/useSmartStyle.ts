import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isFetchableStyleUrl, styleVariables, type StyleVariables } from './smartStyle';

const MAX_BYTES = 16 * 1024;

/** Plain fetch, no credentials and no Authorization header: the style file lives on the EHR, not the FHIR server. */
async function fetchStyle(url: string, signal: AbortSignal): Promise<StyleVariables> {
  const response = await fetch(url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Style file answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error('Style file too large');
  return styleVariables(JSON.parse(text));
}

/**
 * Applies the launch's smart_style_url to the document's CSS variables while mounted. A missing or broken style
 * file leaves the app's own look; nothing about it is shown to the user.
 */
export function useSmartStyle(url: string | undefined, target: HTMLElement = document.documentElement): void {
  const query = useQuery({
    queryKey: ['smart-style', url],
    queryFn: ({ signal }) => fetchStyle(url!, signal),
    enabled: isFetchableStyleUrl(url),
    staleTime: Infinity,
    retry: 1,
  });
  const vars = query.data;
  useEffect(() => {
    if (!vars) return;
    const entries = Object.entries(vars) as [string, string][];
    for (const [name, value] of entries) target.style.setProperty(name, value);
    target.classList.add('ehr-styled');
    return () => {
      for (const [name] of entries) target.style.removeProperty(name);
      target.classList.remove('ehr-styled');
    };
  }, [vars, target]);
}
