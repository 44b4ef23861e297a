"""Extract a folder of articles into the four tables the evaluation reads, without a flow run.

    python tools/extract_tables.py RAW_DIR OUT_DIR
    python ../shared/eval/score.py --output OUT_DIR --verbose

For working on extraction rules: a `bilateral run` starts Prefect's server and builds every
cross-article table (~10 s); this reads, extracts and writes articles, events, agreements and
statistics as Parquet and CSV in about a second. The rows are the ones a run publishes for these
tables (same extraction, same table dtypes); only the cross-article columns are absent.
"""
from __future__ import annotations

import sys
from pathlib import Path

from flows.extract import extract_article
from flows.ingest import Article, InputError, read_input
from schemas.tables import frame_from_records

TABLES = ("articles", "events", "agreements", "statistics")


def extract_folder(raw_dir: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    for path in sorted(raw_dir.rglob("*.txt")):
        try:
            article = read_input(path, path.relative_to(raw_dir).as_posix(), raw_dir=raw_dir)
        except InputError as error:
            print(f"{path}: {error}", file=sys.stderr)
            continue
        assert isinstance(article, Article)
        rows["articles"].append(article.record())
        extracted = extract_article(article)
        for table in TABLES[1:]:
            rows[table] += extracted[table]
    return rows


def write_tables(rows: dict[str, list[dict]], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for table, records in rows.items():
        frame = frame_from_records(table, records)
        frame.write_parquet(out_dir / f"{table}.parquet")
        list_columns = [name for name, dtype in frame.schema.items() if str(dtype).startswith("List")]
        frame.with_columns(frame[name].list.join("; ") for name in list_columns).write_csv(out_dir / f"{table}.csv")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: python tools/extract_tables.py RAW_DIR OUT_DIR", file=sys.stderr)
        return 2
    write_tables(extract_folder(Path(sys.argv[1])), Path(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
