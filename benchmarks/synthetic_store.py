"""A synthetic store of many years of bulletins, for the performance benchmark (issue #6).

NOT REAL DATA. Every number here is made up by a seeded pseudo-random generator; the store is
built on demand by the benchmark (``benchmarks/bench_dashboard.py``) and is never shipped,
exported to ``datasets/`` or served as MIIT's figures. Each bulletin's title starts with
``[synthetic]`` and its stored text says so.

What it makes: a new SQLite store (``loaders.store.Store``) holding one bulletin per reporting
period of ``last_year - years + 1 .. last_year``, with January and February merged as MIIT
does (a 1—2月 bulletin with period YYYY-02 and no YYYY-01 bulletin): 11 bulletins a year,
330 for 30 years. Each is stored in a transaction of its own, with ``source="synthetic"``,
``added_by="benchmark"`` and ``added_at`` the 1st of the next month: by default with the
function ``Store.add`` writes its rows with (``insert_bulletin``, as ``loaders.tables.importer``
also does), then the store's checks run once over the result; with ``through_add`` by
``Store.add`` itself, which gives the same store but reads every stored fact on each call (30
years: about 40 s instead of 2 s, see ``store_bulletin``).

Size (seed 0, 30 years): ``shape="month"`` 13,200 printed observations (13,021 facts, 16,321
rows of ``loaders.api.observations`` with the derived ones); ``shape="richest"`` 19,800 printed
(26,250 rows).

Shape: a synthetic bulletin prints the same keys (indicator, region, segment, basis, measure,
unit, ref_period pattern) as its template, the printed (``derived = false``) rows of a real
shipped bulletin (``datasets/``): with ``shape="month"`` the richest shipped bulletin of the same
month (most printed rows; for a month no shipped bulletin has, the richest overall), with
``shape="richest"`` the richest shipped bulletin for every month. Periods move with the
bulletin: a row of the template's own period names the synthetic period, a row or
``ref_period`` k bulletins earlier (a change on the previous cumulative period, on the same
period a year before: 11 bulletins back) names the synthetic period k bulletins earlier.

Values, in the contract's units (levels in 亿元, 万台, 万块, 万个; rates and shares in %;
changes and gaps in pp), each a pure function of its key and the seed, printed with the
template's unit and precision (``13.5万亿元``; a level keeps at least 3 significant digits) and
``value`` = printed × unit factor, as the loader stores it:

- levels: monthly amounts = the shipped mean level per month × a yearly growth factor (the
  shipped mean national growth rate, clipped to -2..10 %/yr, ± 3 points a year) × a seasonal
  factor (0.85 in January .. 1.15 in December) × ± 4 % noise; cumulative levels are their sums
  from January (so they grow through the year), single-month levels the month's amount.
  Operating cost and smartphones follow revenue and mobile phones by their shipped ratios
  (± 2 %), total profit follows revenue by the shipped mean margin (± 1 point a year,
  ± 0.5 a month); the four regions' revenue splits the national revenue exactly (weights from the
  shipped shares ± 3 %), the two clusters take their shipped shares ± 3 %.
- growth rates of a series with levels: computed from the synthetic levels a year apart;
  of any other series: the shipped mean of that series ± 3 points a year ± 1 point;
- gaps: the shipped mean of that series ± 1 point; regional shares: 100 × region / national
  (the four sum to 100 ± 0.2); the profit margin: 100 × printed profit / printed revenue;
- changes: the printed rate (the margin, for the profit margin) minus that of ``ref_period``.

Each draw is ``random.Random(f"{seed}|what it is for").uniform(…)``, so a value does not
depend on the order values are made in. The store's arithmetic checks (``loaders.bulletin.checks``)
hold, and a key printed by two bulletins has the same value in both (no revisions).

    python benchmarks/synthetic_store.py OUT.sqlite [--years N] [--seed N]
        [--last-year YYYY] [--shape month|richest] [--through-add]

This module is the command line and the names the benchmark and its tests use; the work is
done in ``benchmarks/synthetic/`` (``periods``, ``templates``, ``shipped``, ``model``,
``builder``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/synthetic_store.py
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic.builder import (  # noqa: E402
    SyntheticSummary,
    build,
    store_bulletin,
    synthetic_bulletin,
)
from benchmarks.synthetic.model import Model, printed  # noqa: E402
from benchmarks.synthetic.periods import (  # noqa: E402
    Key,
    bulletin_index,
    bulletin_period,
    bulletin_periods,
    published,
    text_of,
    title_of,
)
from benchmarks.synthetic.shipped import Format, Shipped  # noqa: E402
from benchmarks.synthetic.templates import (  # noqa: E402
    Template,
    key_pattern,
    printed_rows,
    select_templates,
)

__all__ = [
    "Format",
    "Key",
    "Model",
    "Shipped",
    "SyntheticSummary",
    "Template",
    "build",
    "bulletin_index",
    "bulletin_period",
    "bulletin_periods",
    "key_pattern",
    "main",
    "printed",
    "printed_rows",
    "published",
    "select_templates",
    "store_bulletin",
    "synthetic_bulletin",
    "text_of",
    "title_of",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic store (NOT real data) for the performance benchmark.",
    )
    parser.add_argument("out", type=Path, help="the new SQLite file to write (must not exist)")
    parser.add_argument("--years", type=int, default=30, help="years of bulletins (30)")
    parser.add_argument("--last-year", type=int, default=2025, help="the last year (2025)")
    parser.add_argument("--seed", type=int, default=0, help="pseudo-random seed (0)")
    parser.add_argument(
        "--shape",
        choices=("month", "richest"),
        default="month",
        help="template of each bulletin: the richest shipped bulletin of its month (month) "
        "or the richest shipped bulletin for all months (richest)",
    )
    parser.add_argument(
        "--through-add",
        action="store_true",
        help="store each bulletin with Store.add (slow: it reads every stored fact each time)",
    )
    args = parser.parse_args(argv)
    try:
        summary = build(
            args.out,
            args.years,
            args.last_year,
            args.seed,
            shape=args.shape,
            through_add=args.through_add,
        )
    except (FileExistsError, ValueError) as error:
        print(f"synthetic_store: {error}", file=sys.stderr)
        return 2
    print(summary)
    print("templates: " + ", ".join(f"{m:02d} <- {p}" for m, p in summary.templates.items()))
    for warning in summary.warnings:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
