/**
 * Evidently's "ks" (`ks_stattest.py`): p = scipy.stats.ks_2samp(ref, cur).pvalue (two-sided, method 'auto'),
 * default threshold 0.05. The two-sample test itself lives in ../ks/ks.ts and reads the sorted samples.
 */

import { ks2sampSorted } from '../ks/ks.js';
import type { DriftMethod } from './method.js';

/** Two-sample Kolmogorov-Smirnov test: numeric columns only. */
export const ks: DriftMethod = {
  name: 'ks',
  kind: 'test',
  defaultThreshold: 0.05,
  numeric: (pair) => {
    const r = ks2sampSorted(pair.ref, pair.cur);
    return { statistic: r.statistic, pValue: r.pValue };
  },
};
