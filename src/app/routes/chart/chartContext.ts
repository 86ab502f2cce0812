import { createContext, useContext } from 'react';

export interface ChartContextValue {
  patientId: string;
  /** The launch's encounter, if any. */
  encounterId?: string;
  canRead: (resourceType: string) => boolean;
}

export const ChartContext = createContext<ChartContextValue | null>(null);

export function useChart(): ChartContextValue {
  const value = useContext(ChartContext);
  if (!value) throw new Error('useChart() outside the chart');
  return value;
}

/** The chart's views, relative to /chart. No ids of any kind go into these paths. */
export const CHART_VIEWS = [
  { path: '', to: '/chart', label: 'Summary' },
  { path: 'vitals', to: '/chart/vitals', label: 'Vitals' },
  { path: 'labs', to: '/chart/labs', label: 'Labs' },
  { path: 'encounters', to: '/chart/encounters', label: 'Encounters' },
  { path: 'risk', to: '/chart/risk', label: 'Risk' },
] as const;
