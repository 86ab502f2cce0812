/** The chart chunk (React Query, FHIR client, views): lazy for the first screen, fetched early by the callback. */
export const loadChart = () => import('./ChartApp');
