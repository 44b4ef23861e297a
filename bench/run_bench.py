"""Throughput benchmark: `make bench [N=2000]`.

Builds a corpus of N distinct articles from the dev articles (figures and days perturbed so no
two texts are equal), runs the flow on it, and prints articles/s, time per stage and peak memory.
Figures are printed, never asserted: speed is measured here, not in tests.
"""
from __future__ import annotations

import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"\b\d{2,3}(?=[,. ]\d{3}\b|\s(?:activities|events|students))")


def build_corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    for i in range(n):
        text = _NUMBER.sub(lambda m: str(rng.randint(10, 999)), sources[i % len(sources)])
        (folder / f"bench_{i:06d}.txt").write_text(f"{text}\n\nBenchmark copy {i}.\n", encoding="utf-8")


def main() -> int:
    n = int(os.environ.get("N", sys.argv[1] if len(sys.argv) > 1 else 2000))
    from flows.extract import extract_article
    from flows.ingest import list_inputs, read_articles
    from flows.publish_datasets import publish_datasets

    with tempfile.TemporaryDirectory() as tmp:
        raw, output = Path(tmp) / "raw", Path(tmp) / "output"
        raw.mkdir()
        build_corpus(raw, n)
        started = time.perf_counter()
        articles = read_articles(list_inputs(raw), raw).articles
        ingest = time.perf_counter() - started
        started = time.perf_counter()
        for article in articles:
            extract_article(article)
        extract = time.perf_counter() - started
        started = time.perf_counter()
        summary = publish_datasets(raw, output)
        total = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {os.cpu_count()} cores; articles: {n}")
    print(f"ingest+clean: {ingest:.2f} s ({n / ingest:.0f} articles/s)")
    print(f"extract:      {extract:.2f} s ({n / extract:.0f} articles/s)")
    print(f"flow end to end (incl. Prefect start, validate, publish): {total:.2f} s ({n / total:.0f} articles/s)")
    print(f"rows: {summary.release.rows}")
    print(f"peak memory: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
