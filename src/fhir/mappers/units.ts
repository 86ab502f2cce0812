// Quantities in mixed units, normalised to one UCUM unit per measure so they can share a chart axis.
// The UCUM `code` is trusted first; the human `unit` text is a fallback for servers that send only that.
import type { Quantity } from 'fhir/r4';

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

export type CanonicalUnit = 'kg' | 'Cel' | 'mm[Hg]' | '/min' | '%' | 'kg/m2' | 'cm';

/** How each canonical unit is shown. */
export const UNIT_LABELS: Record<CanonicalUnit, string> = {
  kg: 'kg',
  Cel: '°C',
  'mm[Hg]': 'mmHg',
  '/min': '/min',
  '%': '%',
  'kg/m2': 'kg/m²',
  cm: 'cm',
};

/** UCUM codes that servers put in `unit` too, as a clinician reads them. Any other text is shown as sent. */
const UCUM_DISPLAY: Record<string, string> = {
  ...UNIT_LABELS,
  '[lb_av]': 'lb',
  '[oz_av]': 'oz',
  '[degF]': '°F',
  '[in_i]': 'in',
  '{beats}/min': '/min',
  '{breaths}/min': '/min',
  '1/min': '/min',
};

export const displayUnit = (unit: string): string => UCUM_DISPLAY[unit] ?? unit;

type Convert = (value: number) => number;
const same: Convert = (v) => v;

/** target unit → source UCUM code → conversion. */
const CONVERSIONS: Record<CanonicalUnit, Record<string, Convert>> = {
  kg: { kg: same, g: (v) => v / 1000, '[lb_av]': (v) => v * 0.45359237, '[oz_av]': (v) => v * 0.028349523125 },
  Cel: { Cel: same, '[degF]': (v) => ((v - 32) * 5) / 9, K: (v) => v - 273.15 },
  'mm[Hg]': { 'mm[Hg]': same },
  '/min': { '/min': same, '{beats}/min': same, '{breaths}/min': same, '1/min': same },
  '%': { '%': same },
  'kg/m2': { 'kg/m2': same },
  cm: { cm: same, m: (v) => v * 100, mm: (v) => v / 10, '[in_i]': (v) => v * 2.54 },
};

/** Unit texts seen in the wild (lower case) → UCUM code. */
const TEXT_ALIASES: Record<string, string> = {
  kg: 'kg', kgs: 'kg', kilogram: 'kg', kilograms: 'kg', g: 'g', gram: 'g', grams: 'g',
  lb: '[lb_av]', lbs: '[lb_av]', pound: '[lb_av]', pounds: '[lb_av]', '[lb_av]': '[lb_av]', oz: '[oz_av]', '[oz_av]': '[oz_av]',
  cel: 'Cel', '°c': 'Cel', c: 'Cel', degc: 'Cel', 'deg c': 'Cel', celsius: 'Cel',
  '[degf]': '[degF]', '°f': '[degF]', f: '[degF]', degf: '[degF]', 'deg f': '[degF]', fahrenheit: '[degF]', k: 'K',
  'mm[hg]': 'mm[Hg]', mmhg: 'mm[Hg]', 'mm hg': 'mm[Hg]',
  '/min': '/min', 'per min': '/min', bpm: '/min', 'beats/min': '/min', '{beats}/min': '/min', 'breaths/min': '/min',
  '{breaths}/min': '/min', '1/min': '/min', 'min-1': '/min',
  '%': '%', percent: '%',
  'kg/m2': 'kg/m2', 'kg/m^2': 'kg/m2', 'kg/m²': 'kg/m2',
  cm: 'cm', m: 'm', mm: 'mm', in: '[in_i]', inch: '[in_i]', inches: '[in_i]', '[in_i]': '[in_i]',
};

/** The UCUM code of a quantity: its `code` when UCUM (or no system), else a known unit text; undefined if neither. */
export function ucumCodeOf(quantity: Pick<Quantity, 'code' | 'system' | 'unit'>): string | undefined {
  const { code, system, unit } = quantity;
  if (code && (!system || system === UCUM_SYSTEM)) return code;
  for (const text of [unit, code]) {
    const alias = text ? TEXT_ALIASES[text.trim().toLowerCase()] : undefined;
    if (alias) return alias;
  }
  return undefined;
}

export interface NormalisedValue {
  value: number;
  unit: CanonicalUnit;
  /** Set when the value was converted: what the source said. */
  original?: { value: number; unit: string };
}

/**
 * The quantity's value in `target`, or undefined when it has no numeric value or a unit that cannot be converted.
 * A quantity without any unit is accepted only when `unitOptional` (e.g. heart rate, where one unit is universal).
 */
export function normaliseQuantity(quantity: Quantity | undefined, target: CanonicalUnit, unitOptional = false): NormalisedValue | undefined {
  const value = quantity?.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const hasUnit = !!(quantity?.code || quantity?.unit);
  if (!hasUnit) return unitOptional ? { value, unit: target } : undefined;
  const code = ucumCodeOf(quantity!);
  const convert = code !== undefined ? CONVERSIONS[target][code] : undefined;
  if (!convert) return undefined;
  if (convert === same) return { value, unit: target };
  return { value: convert(value), unit: target, original: { value, unit: displayUnit(quantity!.unit ?? code!) } };
}

/** Rounds for display without trailing noise (70.00000001 → 70). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
