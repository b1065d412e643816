#!/usr/bin/python3
"""Writes the reference values the C# statistics are checked against.

Run with Debian's interpreter and packages (python3-scipy, python3-numpy):
    /usr/bin/python3 generate.py
Inputs: configurations.csv, latency_sample.csv. Outputs: correlations.csv, regression.json, descriptive.json.
"""
import csv
import json

import numpy as np
from scipy import stats

TARGETS = ["latency.mean_ms", "throughput.fps", "cpu.utilization_cores", "power.mean_w", "energy.per_inference_mj"]
KEYS = ["model", "backend", "threads"]
OLS_FEATURES = ["sim.instructions", "sim.d1_misses", "sw.page_faults"]
RIDGE_LAMBDA = 2.0


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0].keys() if c not in KEYS]
    return {c: np.array([float(r[c]) for r in rows]) for c in columns}


def correlations(table):
    out = []
    for target in TARGETS:
        for metric in table:
            if metric == target:
                continue
            x, y = table[metric], table[target]
            pearson = stats.pearsonr(x, y)
            ci = pearson.confidence_interval(0.95)
            spearman = stats.spearmanr(x, y)
            out.append({"target": target, "metric": metric, "n": len(x),
                        "pearson_r": pearson.statistic, "pearson_p": pearson.pvalue,
                        "ci_low": ci.low, "ci_high": ci.high,
                        "spearman_rho": spearman.correlation, "spearman_p": spearman.pvalue})
    return out


def fit_summary(x, y, coefficients, intercept):
    n, p = x.shape
    residuals = y - intercept - x @ coefficients
    r2 = 1 - residuals @ residuals / ((y - y.mean()) @ (y - y.mean()))
    return {"intercept": intercept, "coefficients": list(coefficients),
            "standardized": list(coefficients * x.std(axis=0, ddof=1) / y.std(ddof=1)),
            "r_squared": r2, "adjusted_r_squared": 1 - (1 - r2) * (n - 1) / (n - p - 1)}


def regression(table):
    x = np.column_stack([table[f] for f in OLS_FEATURES])
    y = table["latency.mean_ms"]
    design = np.column_stack([np.ones(len(y)), x])
    solution, *_ = np.linalg.lstsq(design, y, rcond=None)
    ols = fit_summary(x, y, solution[1:], solution[0])

    means, sds = x.mean(axis=0), x.std(axis=0, ddof=1)
    z = (x - means) / sds
    beta = np.linalg.solve(z.T @ z + RIDGE_LAMBDA * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    coefficients = beta / sds
    ridge = fit_summary(x, y, coefficients, y.mean() - coefficients @ means)
    return {"target": "latency.mean_ms", "features": OLS_FEATURES, "ols": ols,
            "ridge": dict(ridge, **{"lambda": RIDGE_LAMBDA})}


def descriptive(sample, page_faults):
    n = len(sample)
    # Largest l with P(X <= l - 1) <= 0.025 for X ~ Binomial(n, 1/2); interval [x(l), x(n - l + 1)].
    l = 0
    while l + 1 <= n // 2 and stats.binom.cdf(l, n, 0.5) <= 0.025:
        l += 1
    ordered = np.sort(sample)
    return {"mean": sample.mean(), "std_dev": sample.std(ddof=1),
            "percentiles": {str(p): np.percentile(sample, p) for p in (0, 10, 25, 50, 90, 95, 99, 100)},
            "median_ci_95": [ordered[l - 1], ordered[n - l]],
            "page_fault_ranks": list(stats.rankdata(page_faults))}


def main():
    table = read_table("configurations.csv")
    rows = correlations(table)
    with open("correlations.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (repr(float(v)) if isinstance(v, (float, np.floating)) else v) for k, v in row.items()})
    with open("regression.json", "w") as f:
        json.dump(regression(table), f, indent=2, default=float)
    sample = np.array([float(r["latency_ms"]) for r in csv.DictReader(open("latency_sample.csv"))])
    with open("descriptive.json", "w") as f:
        json.dump(descriptive(sample, table["sw.page_faults"]), f, indent=2, default=float)


if __name__ == "__main__":
    main()
