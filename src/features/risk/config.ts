/** A chart value older than this is marked stale (it is still used, and the score says so). */
export const STALE_AFTER_MONTHS = 12;

/** Cholesterol (total or HDL): 1 mmol/L = 38.67 mg/dL (molar mass of cholesterol, 386.65 g/mol). */
export const CHOLESTEROL_MG_DL_PER_MMOL_L = 38.67;

/** How many of the latest readings of each code are read (the newest usable one is taken). */
export const READINGS_PER_CODE = 10;
