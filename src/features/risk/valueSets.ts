// The codes the risk inputs are read from. Small explicit lists: the app has no terminology server, so a
// code not listed here is shown as "not recognised" and the clinician answers instead.

export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';

/** Total cholesterol: 2093-3 (mass/volume); 14647-2 is the same test in moles/volume. */
export const TOTAL_CHOLESTEROL_CODES = ['2093-3', '14647-2'] as const;
/** HDL cholesterol: 2085-9 (mass/volume); 14646-4 in moles/volume. */
export const HDL_CODES = ['2085-9', '14646-4'] as const;
/** Systolic BP stand-alone, or as a component of the blood pressure panel. */
export const SYSTOLIC_CODES = ['85354-9', '8480-6'] as const;
export const SMOKING_STATUS_CODE = '72166-2';

export type SmokingStatus = 'current' | 'former' | 'never';

/** SNOMED CT answers of 72166-2 (US Core / ONC smoking status value set and common synonyms). */
export const SMOKING_ANSWERS: Record<string, SmokingStatus> = {
  '449868002': 'current', // Current every day smoker / Smokes tobacco daily
  '428041000124106': 'current', // Current some day smoker / Occasional tobacco smoker
  '77176002': 'current', // Smoker (current status unknown: every day or some days)
  '428071000124103': 'current', // Current heavy tobacco smoker
  '428061000124105': 'current', // Current light tobacco smoker
  '65568007': 'current', // Cigarette smoker
  '8517006': 'former', // Former smoker / Ex-smoker
  '266919005': 'never', // Never smoker
  '8392000': 'never', // Non-smoker
};
/** 266927001 "Unknown if ever smoked" and similar: recorded, but no answer. */
export const SMOKING_UNKNOWN = new Set(['266927001']);

/** Diabetes mellitus (type 1, type 2, unspecified) in SNOMED CT. Gestational diabetes and prediabetes are not diabetes here. */
export const DIABETES_SNOMED = new Set([
  '73211009', // Diabetes mellitus
  '44054006', // Diabetes mellitus type 2
  '46635009', // Diabetes mellitus type 1
  '313436004', // Type 2 diabetes mellitus without complication
]);
export const ICD10_SYSTEMS = new Set(['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10']);
/** ICD-10 diabetes mellitus: E08–E14 (E08/E09 secondary, E10 type 1, E11 type 2, E13 other, E12/E14 WHO only). */
export const DIABETES_ICD10 = /^E(0[89]|1[0-4])(\.|\d|$)/;

/**
 * Blood-pressure-lowering drugs by ingredient name, as RxNorm names them in a medication's display or text (the
 * app cannot classify an RxNorm code without a terminology service). Beta blockers and diuretics are also given for
 * other reasons: the view names the medication so the clinician can judge.
 */
export const ANTIHYPERTENSIVE_INGREDIENTS = [
  // ACE inhibitors
  'benazepril', 'captopril', 'enalapril', 'fosinopril', 'lisinopril', 'moexipril', 'perindopril', 'quinapril', 'ramipril', 'trandolapril',
  // Angiotensin receptor blockers and renin inhibitors
  'azilsartan', 'candesartan', 'eprosartan', 'irbesartan', 'losartan', 'olmesartan', 'telmisartan', 'valsartan', 'aliskiren',
  // Calcium channel blockers
  'amlodipine', 'felodipine', 'isradipine', 'nicardipine', 'nifedipine', 'nisoldipine', 'diltiazem', 'verapamil',
  // Thiazide and thiazide-like diuretics, potassium-sparing and loop diuretics
  'hydrochlorothiazide', 'chlorthalidone', 'chlorothiazide', 'indapamide', 'metolazone', 'spironolactone', 'eplerenone',
  'amiloride', 'triamterene', 'furosemide', 'torsemide', 'bumetanide',
  // Beta blockers
  'atenolol', 'bisoprolol', 'carvedilol', 'labetalol', 'metoprolol', 'nadolol', 'nebivolol', 'propranolol', 'acebutolol', 'pindolol',
  // Alpha blockers, central agonists, direct vasodilators
  'doxazosin', 'prazosin', 'terazosin', 'clonidine', 'guanfacine', 'methyldopa', 'hydralazine', 'minoxidil',
] as const;

const INGREDIENT_PATTERN = new RegExp(`\\b(${ANTIHYPERTENSIVE_INGREDIENTS.join('|')})\\b`, 'i');

/** The antihypertensive ingredient a medication name mentions, if any (lower case). */
export const antihypertensiveIn = (name: string): string | undefined => INGREDIENT_PATTERN.exec(name)?.[1]?.toLowerCase();

/** US Core race (OMB categories, CDC Race & Ethnicity code system urn:oid:2.16.840.1.113883.6.238). */
export const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
export const OMB_BLACK = '2054-5';
export const OMB_CATEGORIES: Record<string, string> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
};
