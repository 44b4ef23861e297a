"""Year-partitioned Parquet beside the single file, for tables too large to read whole.

A table of millions of rows is mostly queried a year at a time; Hive-style folders
(`events_by_year/year=2023/part-0.parquet`) let DuckDB, Spark, pyarrow and polars skip the other
years. Small tables do not get them: one file is simpler to download and as fast to read.
"""
from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds

# Tables larger than this also get a partitioned copy (override with BILATERAL_PARTITION_ROWS).
PARTITION_ROWS = int(os.environ.get("BILATERAL_PARTITION_ROWS", "1000000"))
# The column a table's year is read from (dates give their year; `year` columns are used as is).
YEAR_SOURCES = {
    "articles": "reference_date",
    "events": "start_date",
    "agreements": "signed_date",
    "statistics": "year",
    "canonical_events": "start_date",
    "canonical_agreements": "signed_date",
    "canonical_statistics": "year",
}


def partition_folder_name(table: str) -> str:
    return f"{table}_by_year"


def write_year_partitions(table: str, frame: pl.DataFrame, arrow: pa.Table, folder: Path) -> Path | None:
    """Write the partitioned copy if the table is large and has a year; the folder written, or None."""
    source = YEAR_SOURCES.get(table)
    if source is None or frame.height < PARTITION_ROWS:
        return None
    target = folder / partition_folder_name(table)
    if source != "year":  # date tables get the year of the date as the partition column
        arrow = arrow.append_column("year", frame[source].dt.year().cast(pl.Int64).to_arrow())
    partitioning = ds.partitioning(pa.schema([("year", pa.int64())]), flavor="hive")
    ds.write_dataset(arrow, target, format="parquet", partitioning=partitioning, existing_data_behavior="error")
    _fsync_tree(target)
    return target


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
