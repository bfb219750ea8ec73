"""Writing the synthetic store: ``build`` makes a new SQLite store of ``years`` years of
synthetic bulletins (one transaction each) and gives a ``SyntheticSummary`` of what it made
(counts of bulletins, printed observations, facts and ``api.observations`` rows; the failed
checks; seconds spent on values, writing, reading back and checking).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic.model import Model
from benchmarks.synthetic.periods import bulletin_periods, published, text_of, title_of
from benchmarks.synthetic.shipped import Shipped
from benchmarks.synthetic.templates import SHIPPED, Shape, Template, printed_rows, select_templates
from loaders import api
from loaders.bulletin.checks import store_report
from loaders.bulletin.models import Bulletin
from loaders.bulletin.periods import Month
from loaders.store import Store
from loaders.store.adding import PUBLISHER, insert_bulletin, parser_version
from loaders.store.queries import utc_naive

SOURCE = "synthetic"
ADDED_BY = "benchmark"


@dataclass(frozen=True)
class SyntheticSummary:
    """What ``build`` made and how long it took (seconds)."""

    path: Path
    seed: int
    shape: Shape
    through_add: bool
    first_period: str
    last_period: str
    bulletins: int
    #: Observations printed by the bulletins (a key printed by two bulletins counts twice).
    printed: int
    #: Printed facts in the store (``Store.facts``: the latest of each key).
    facts: int
    #: Rows of ``loaders.api.observations(store=...)``, and how many of them are derived.
    rows: int
    derived: int
    version: int
    #: Month -> the shipped bulletin period whose keys its bulletins print.
    templates: dict[int, str]
    #: Failed checks: ``loaders.bulletin.checks.store_report`` over the built store, and the
    #: warnings of ``Store.add`` when it was used. None expected.
    warnings: tuple[str, ...]
    seconds_total: float
    seconds_values: float
    seconds_store: float
    seconds_observations: float
    seconds_checks: float

    def __str__(self) -> str:
        writer = "Store.add" if self.through_add else "insert_bulletin"
        return (
            f"{self.path}: {self.bulletins} bulletins {self.first_period}..{self.last_period} "
            f"(seed {self.seed}, shape {self.shape}), {self.printed} printed observations, "
            f"{self.facts} facts, {self.rows} rows of api.observations ({self.derived} derived), "
            f"version {self.version}, {len(self.warnings)} warnings; built in "
            f"{self.seconds_total:.1f} s (values {self.seconds_values:.1f} s, {writer} "
            f"{self.seconds_store:.1f} s, api.observations {self.seconds_observations:.1f} s, "
            f"checks {self.seconds_checks:.1f} s)"
        )


def synthetic_bulletin(period: Month, template: Template, model: Model) -> tuple[Bulletin, str]:
    """The synthetic bulletin of ``period`` and its text."""
    text = text_of(period, model.seed)
    bulletin = Bulletin(
        source=SOURCE,
        period=str(period),
        title=title_of(period),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        observations=[model.observation(key) for key in template.keys_for(period)],
        issues=[],
    )
    return bulletin, text


def store_bulletin(store: Store, bulletin: Bulletin, text: str, through_add: bool) -> list[str]:
    """Store one bulletin in one transaction; the warnings ``Store.add`` gave (if used).

    ``Store.add`` reads every stored fact on each call (to report changed values and run the
    cross-bulletin checks): building 30 years through it is quadratic, about 40 s. The fast
    path writes the same rows with the same function (``insert_bulletin``, as ``Store.add``
    and ``loaders.tables.importer`` do) in the same kind of transaction, without that read;
    ``build`` runs the checks once over the finished store instead."""
    period = Month.parse(bulletin.period)
    if through_add:
        result = store.add(
            bulletin, text, source=SOURCE, added_by=ADDED_BY, added_at=published(period)
        )
        if result.status != "added":
            raise RuntimeError(f"{period}: Store.add says {result.status}, expected added")
        return [f"{period}: {issue.message}" for issue in result.warnings]
    with store.write() as connection:
        insert_bulletin(
            connection,
            bulletin,
            text=text,
            source=SOURCE,
            parser_version=parser_version(),
            added_at=utc_naive(published(period)),
            added_by=ADDED_BY,
            publisher=PUBLISHER,
        )
    return []


def build(
    path: Path,
    years: int = 30,
    last_year: int = 2025,
    seed: int = 0,
    *,
    shape: Shape = "month",
    through_add: bool = False,
    datasets: Path = SHIPPED,
) -> SyntheticSummary:
    """Write a new SQLite store at ``path`` of ``years`` years of synthetic bulletins ending
    with ``last_year``; see the module docstring. Refuses an existing file. ``through_add``:
    store each bulletin with ``Store.add`` (slow, see ``store_bulletin``)."""
    start = time.perf_counter()
    if years < 1:
        raise ValueError(f"years is {years}, expected at least 1")
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists: the synthetic store is written to a new file")
    bulletin_rows, observation_rows = printed_rows(datasets)
    templates = select_templates(bulletin_rows, observation_rows, shape)
    model = Model(Shipped.of(observation_rows, templates), seed, last_year)
    periods = bulletin_periods(last_year - years + 1, last_year)
    seconds_values = seconds_store = 0.0
    printed_count = 0
    warnings: list[str] = []
    store = Store(f"sqlite:///{path}")
    try:
        for period in periods:
            began = time.perf_counter()
            bulletin, text = synthetic_bulletin(period, templates[period.month], model)
            made = time.perf_counter()
            warnings.extend(store_bulletin(store, bulletin, text, through_add))
            seconds_values += made - began
            seconds_store += time.perf_counter() - made
            printed_count += len(bulletin.observations)
        began = time.perf_counter()
        frame = api.observations(store=store)
        queried = time.perf_counter()
        report = store_report(store.facts())
        warnings.extend(
            line.removeprefix("warning: ") for line in report if line.startswith("warning: ")
        )
        checked = time.perf_counter()
        summary = SyntheticSummary(
            path=path,
            seed=seed,
            shape=shape,
            through_add=through_add,
            first_period=str(periods[0]),
            last_period=str(periods[-1]),
            bulletins=len(store.bulletins()),
            printed=printed_count,
            facts=int((~frame["derived"]).sum()),
            rows=len(frame),
            derived=int(frame["derived"].sum()),
            version=store.version(),
            templates={month: str(t.period) for month, t in templates.items()},
            warnings=tuple(warnings),
            seconds_total=time.perf_counter() - start,
            seconds_values=seconds_values,
            seconds_store=seconds_store,
            seconds_observations=queried - began,
            seconds_checks=checked - queried,
        )
    finally:
        store.close()
    return summary
