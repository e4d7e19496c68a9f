#!/usr/bin/env python3
"""The same drift and quality work as bench/drift-quality.mjs, in numpy/scipy/pandas, for the side-by-side ratio.

Drift: per column scipy.stats.ks_2samp (method auto), Evidently's normalised Wasserstein
(scipy.stats.wasserstein_distance / np.std(ref)) and Evidently's PSI (Sturges bins, empty bins 1e-4).
Quality: the market-master guide's calculate_quality_score (isnull, duplicated, IQR outliers per column).
Prints one JSON line: {"drift_s":..,"ks_s":..,"wasserstein_s":..,"psi_s":..,"quality_s":..}.
"""
import json, os, sys, time
import numpy as np
import pandas as pd
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
meta = json.load(open(os.path.join(here, "data", "meta.json")))
rows, cols = meta["rows"], meta["cols"]
ref = np.fromfile(os.path.join(here, "data", "reference.f64"), dtype="<f8").reshape(cols, rows)
cur = np.fromfile(os.path.join(here, "data", "current.f64"), dtype="<f8").reshape(cols, rows)

def psi(r, c):
    bins = np.histogram_bin_edges(np.concatenate([r, c]), bins="sturges")
    rp = np.histogram(r, bins)[0] / len(r)
    cp = np.histogram(c, bins)[0] / len(c)
    np.place(rp, rp == 0, 0.0001)
    np.place(cp, cp == 0, 0.0001)
    return float(np.sum((cp - rp) * np.log(cp / rp)))

t = {"ks_s": 0.0, "wasserstein_s": 0.0, "psi_s": 0.0}
results = []
for i in range(cols):
    a, b = ref[i], cur[i]
    t0 = time.perf_counter(); ks = stats.ks_2samp(a, b); t1 = time.perf_counter()
    wd = stats.wasserstein_distance(a, b) / max(np.std(a), 0.001); t2 = time.perf_counter()
    p = psi(a, b); t3 = time.perf_counter()
    t["ks_s"] += t1 - t0; t["wasserstein_s"] += t2 - t1; t["psi_s"] += t3 - t2
    results.append({"column": meta["columns"][i], "ks": ks.statistic, "p": ks.pvalue, "wasserstein": wd, "psi": p})
t["drift_s"] = t["ks_s"] + t["wasserstein_s"] + t["psi_s"]

df = pd.DataFrame({name: cur[i] for i, name in enumerate(meta["columns"])})
t0 = time.perf_counter()
missing_ratio = df.isnull().sum().sum() / (df.shape[0] * df.shape[1])
duplicate_ratio = df.duplicated().sum() / len(df)
outlier_ratio = 0.0
for col in df.select_dtypes(include=[np.number]).columns:
    q1, q3 = df[col].quantile(0.25), df[col].quantile(0.75)
    iqr = q3 - q1
    outlier_ratio += ((df[col] < q1 - 1.5 * iqr) | (df[col] > q3 + 1.5 * iqr)).sum() / len(df)
outlier_ratio /= len(df.columns)
score = max(0.0, min(1.0, 1.0 - (missing_ratio + duplicate_ratio + outlier_ratio)))
t["quality_s"] = time.perf_counter() - t0
t["quality_score"] = score
t["columns"] = results
print(json.dumps(t))
