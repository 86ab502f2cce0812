// What "visible" means for the figures, as DOM conditions that hold for the current UI (banner, Summary /
// Vitals / Labs / Encounters views) and its simpler predecessor (one Observations list). Kept loose on purpose:
// aria-labels, headings and roles, not class names.
import type { Marker } from './browser';

/** The patient's name in a heading or the patient banner. */
export const patientName = (name: string): Marker => ({
  name: 'name',
  selector: 'h1, h2, h3, [role="heading"], [aria-label="Patient"], [aria-label="Patient banner"]',
  text: name,
});

const OBSERVATION_LISTS = ['observation', 'vital', 'lab', 'result'];

/**
 * A first observation with its value: a row of a list or table labelled as observations, vital signs, labs or
 * results, showing a number (not "Loading…" or "No reading": the vital-sign cards exist before their data).
 */
export const firstObservation: Marker = {
  name: 'observations',
  selector: OBSERVATION_LISTS.flatMap((label) => [
    `ul[aria-label*="${label}" i] > li`,
    `ol[aria-label*="${label}" i] > li`,
    `table[aria-label*="${label}" i] tbody tr`,
    `[role="list"][aria-label*="${label}" i] [role="listitem"]`,
  ]).join(', '),
  pattern: '\\d',
  exclude: 'Loading|No reading|Not available|Could not load',
};

/** The sandbox's sign-in page, ready for the user (the patient picker). */
export const signInPage: Marker = { name: 'signIn', selector: 'select[name="patient"]' };

/** A drawn chart: a visible canvas (uPlot draws into one) in the main content. */
export const chartCanvas: Marker = { name: 'chart', selector: 'main canvas, canvas' };
