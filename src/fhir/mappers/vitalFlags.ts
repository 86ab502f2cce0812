// Abnormal vital signs, flagged from ONE published source: the National Early Warning Score 2.
//
//   Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the assessment of
//   acute-illness severity in the NHS. Updated report of a working party. London: RCP, 2017.
//   Chart 1, "The NEWS2 scoring system". https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/
//
// A parameter that scores 0 is normal: that band is what the vital charts shade. A score of 1 or 2 is flagged
// H or L (the side of the normal band it lies on). A score of 3 in a single parameter is what NEWS2 calls a
// "red score", which on its own needs an urgent clinical review: flagged critical, HH or LL.
//
// Limits of the source, kept as they are rather than mixed with others:
// - SpO2 uses Scale 1. Scale 2 is for patients with confirmed hypercapnic respiratory failure, which the
//   chart cannot know; NEWS2 also scores supplemental oxygen and consciousness, which are not vital signs here.
// - NEWS2 has no bands for diastolic pressure, weight, height or BMI: those are never flagged.
// - NEWS2 is validated for adults (16 and over) and not for pregnancy; it flags acute illness, not chronic
//   hypertension (a systolic of 145 scores 0).
import type { VitalMeasure } from './vitals';

export type VitalFlag = 'LL' | 'L' | 'N' | 'H' | 'HH';
export type News2Score = 0 | 1 | 2 | 3;

interface Band {
  /** Inclusive upper bound, at the measure's display precision. */
  upTo: number;
  score: News2Score;
}

export type News2Measure = 'respRate' | 'spo2' | 'systolic' | 'heartRate' | 'temperature';

/** NEWS2 Chart 1, lowest band first; the last band has no upper bound. */
export const NEWS2_BANDS: Record<News2Measure, { decimals: number; bands: readonly Band[] }> = {
  // Respiration rate (per minute): ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3
  respRate: { decimals: 0, bands: [{ upTo: 8, score: 3 }, { upTo: 11, score: 1 }, { upTo: 20, score: 0 }, { upTo: 24, score: 2 }, { upTo: Infinity, score: 3 }] },
  // SpO2 Scale 1 (%): ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0
  spo2: { decimals: 0, bands: [{ upTo: 91, score: 3 }, { upTo: 93, score: 2 }, { upTo: 95, score: 1 }, { upTo: Infinity, score: 0 }] },
  // Systolic blood pressure (mmHg): ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3
  systolic: { decimals: 0, bands: [{ upTo: 90, score: 3 }, { upTo: 100, score: 2 }, { upTo: 110, score: 1 }, { upTo: 219, score: 0 }, { upTo: Infinity, score: 3 }] },
  // Pulse (per minute): ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3
  heartRate: {
    decimals: 0,
    bands: [{ upTo: 40, score: 3 }, { upTo: 50, score: 1 }, { upTo: 90, score: 0 }, { upTo: 110, score: 1 }, { upTo: 130, score: 2 }, { upTo: Infinity, score: 3 }],
  },
  // Temperature (°C): ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2
  temperature: { decimals: 1, bands: [{ upTo: 35, score: 3 }, { upTo: 36, score: 1 }, { upTo: 38, score: 0 }, { upTo: 39, score: 1 }, { upTo: Infinity, score: 2 }] },
};

const isNews2Measure = (measure: VitalMeasure): measure is News2Measure => measure in NEWS2_BANDS;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The NEWS2 score of one value (rounded to the precision NEWS2 states first), or undefined when NEWS2 has no band. */
export function news2Score(measure: VitalMeasure, value: number): News2Score | undefined {
  if (!isNews2Measure(measure) || !Number.isFinite(value)) return undefined;
  const { decimals, bands } = NEWS2_BANDS[measure];
  const v = round(value, decimals);
  return bands.find((b) => v <= b.upTo)!.score;
}

/** N, H/L (score 1–2) or HH/LL (score 3); undefined for a measure NEWS2 does not score. */
export function vitalFlag(measure: VitalMeasure, value: number): VitalFlag | undefined {
  if (!isNews2Measure(measure) || !Number.isFinite(value)) return undefined;
  const { decimals, bands } = NEWS2_BANDS[measure];
  const v = round(value, decimals);
  const index = bands.findIndex((b) => v <= b.upTo);
  const { score } = bands[index]!;
  if (score === 0) return 'N';
  const high = index > bands.findIndex((b) => b.score === 0);
  if (score === 3) return high ? 'HH' : 'LL';
  return high ? 'H' : 'L';
}

/** The score-0 band as [low, high] for a chart: the first value above the last low band to the normal band's top. */
export function news2NormalRange(measure: VitalMeasure): { low: number; high: number } | undefined {
  if (!isNews2Measure(measure)) return undefined;
  const { decimals, bands } = NEWS2_BANDS[measure];
  const i = bands.findIndex((b) => b.score === 0);
  const step = 10 ** -decimals;
  const low = i === 0 ? 0 : round(bands[i - 1]!.upTo + step, decimals);
  const top = bands[i]!.upTo;
  // SpO2's normal band is open-ended: it stops at 100 %.
  return { low, high: Number.isFinite(top) ? top : 100 };
}

export const NEWS2_SOURCE = 'NEWS2 (Royal College of Physicians, 2017)';
