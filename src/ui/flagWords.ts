/** What each result flag means, in words (for assistive tech and tooltips). N (normal) is not a flag. */
export const FLAG_WORDS: Record<string, string> = {
  HH: 'Critical high',
  H: 'High',
  L: 'Low',
  LL: 'Critical low',
  A: 'Abnormal',
  AA: 'Critical abnormal',
};

export const isCriticalFlag = (flag: string | undefined) => flag === 'HH' || flag === 'LL' || flag === 'AA';

/** The CSS modifier for a value with this flag: critical, abnormal, or nothing. */
export const flagTone = (flag: string | undefined): 'critical' | 'abnormal' | undefined =>
  !flag || !FLAG_WORDS[flag] ? undefined : isCriticalFlag(flag) ? 'critical' : 'abnormal';
