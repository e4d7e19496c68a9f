#!/usr/bin/env python3
"""scipy's side of bench/drift-calibration.mjs: the same single-column trials, decided by scipy.

Reads bench/data/calibration-*.f64 (written by the .mjs, one file per table row): R references of m values,
then T null windows and T shifted windows of n values, all float64. Trial t uses reference t % R.
Numeric rows: scipy.stats.ks_2samp (method auto). Categorical rows (the latent value cut at -1, 0, 1):
scipy.stats.chi2_contingency(correction=False). Prints one JSON object per row name:
{"<row>": {"fa": <rate at alpha>, "power": <rate at alpha / 14>}}.
"""
import json, os, sys
import numpy as np
from scipy import stats

ALPHA = 0.05
COLUMNS = 14

here = os.path.dirname(os.path.abspath(__file__))
rows = json.load(open(os.path.join(here, "data", "calibration-meta.json")))


def pvalue(ref, cur, categorical):
    if not categorical:
        return stats.ks_2samp(ref, cur).pvalue
    cuts = np.array([-1.0, 0.0, 1.0])
    r = np.bincount(np.searchsorted(cuts, ref, side="left"), minlength=4)
    c = np.bincount(np.searchsorted(cuts, cur, side="left"), minlength=4)
    keep = (r + c) > 0
    return stats.chi2_contingency(np.vstack([r[keep], c[keep]]), correction=False)[1]


out = {}
for row in rows:
    m, n, R, T = row["m"], row["n"], row["refs"], row["trials"]
    data = np.fromfile(os.path.join(here, "data", row["file"]), dtype="<f8")
    refs = data[: R * m].reshape(R, m)
    null = data[R * m : R * m + T * n].reshape(T, n)
    shifted = data[R * m + T * n :].reshape(T, n)
    fa = sum(pvalue(refs[t % R], null[t], row["categorical"]) <= ALPHA for t in range(T)) / T
    power = sum(pvalue(refs[t % R], shifted[t], row["categorical"]) <= ALPHA / COLUMNS for t in range(T)) / T
    out[row["name"]] = {"fa": fa, "power": power}
print(json.dumps(out))
