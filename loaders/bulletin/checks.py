"""Arithmetic checks on one bulletin's facts: failures that quote the figures.

Shape: the bulletin's observations in; ``failures`` gives each failed check with the
figures it puts in doubt. ``refuse_doubted`` (the loader) drops those figures and says why
(``Issue(severity="refused")``: when a copy's figures contradict each other, one of them
is garbled and none is taken); ``run_checks`` (the store's report) gives warnings.
Checks (each within the rounding of the printed figures):
- the four regional shares of revenue add up to 100 (± 0.3);
- a region's printed share matches its revenue over the national revenue;
- the four regions' revenue adds up to the national revenue;
- the profit margin matches total profit over revenue;
- smartphones are no more than mobile phones.
Across bulletins (``cross_checks``, ``change_consistency``): each change against an
earlier period matches the two figures it compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from loaders.bulletin.models import Issue, Observation
from loaders.bulletin.numbers import printed_uncertainty
from loaders.catalog import FOUR_REGIONS, REGIONS, changed_measure
from loaders.number_text import full, signed
from loaders.schema import FactKey, fact_key

SHARE_TOLERANCE = 0.3

Key = tuple[str, str, str, str, str]  # period, basis, indicator, region, measure


def _index(observations: Iterable[Observation]) -> dict[Key, Observation]:
    return {
        (o.period, o.basis, o.indicator, o.region, o.measure): o
        for o in observations
        if o.segment == "all" and o.measure in ("level", "share_pct")
    }


def _uncertainty(observation: Observation) -> float:
    """Half a unit of the last printed digit, in the observation's unit."""
    return printed_uncertainty(observation.printed)


@dataclass(frozen=True)
class Failure:
    """A failed check: what it found, and the figures it puts in doubt."""

    message: str
    doubted: tuple[Observation, ...]


def failures(observations: list[Observation]) -> list[Failure]:
    """Every arithmetic check over one bulletin's facts that fails."""
    index = _index(observations)
    periods = sorted({(key[0], key[1]) for key in index})
    found: list[Failure] = []
    for period, basis in periods:
        found.extend(_shares_add_up(index, period, basis))
        found.extend(_shares_match_levels(index, period, basis))
        found.extend(_regions_add_up(index, period, basis))
        found.extend(_margin_matches(index, period, basis))
        found.extend(_smartphones_within_phones(index, period, basis))
    return found


def run_checks(observations: list[Observation]) -> list[Issue]:
    """Every failed arithmetic check over one bulletin's facts, as a warning."""
    return [Issue(severity="warning", message=f.message) for f in failures(observations)]


def refuse_doubted(observations: list[Observation]) -> tuple[list[Observation], list[Issue]]:
    """The figures no failed check doubts, and one refusal per failed check naming the
    figures it leaves out."""
    found = failures(observations)
    doubted = {o.key() for failure in found for o in failure.doubted}
    issues = [
        Issue(
            severity="refused",
            message=f"{failure.message}: the figures contradict each other, so "
            + "、".join(o.printed or full(o.value) for o in failure.doubted)
            + " are not taken",
            text=" / ".join(dict.fromkeys(o.text for o in failure.doubted if o.text)),
        )
        for failure in found
    ]
    return [o for o in observations if o.key() not in doubted], issues


def _failure(message: str, *doubted: Observation | None) -> Failure:
    return Failure(message, tuple(o for o in doubted if o is not None))


def _shares_add_up(index: dict[Key, Observation], period: str, basis: str) -> list[Failure]:
    shares = [index.get((period, basis, "revenue", r, "share_pct")) for r in FOUR_REGIONS]
    if any(s is None for s in shares):
        return []
    total = sum(s.value for s in shares if s is not None)
    if abs(total - 100) <= SHARE_TOLERANCE:
        return []
    return [
        _failure(
            f"{period}: the four regions' shares of revenue sum to {total:.1f}%, "
            f"expected 100 ± {SHARE_TOLERANCE}",
            *shares,
        )
    ]


def _shares_match_levels(index: dict[Key, Observation], period: str, basis: str) -> list[Failure]:
    national = index.get((period, basis, "revenue", "national", "level"))
    if national is None:
        return []
    issues = []
    for region in REGIONS:
        share = index.get((period, basis, "revenue", region, "share_pct"))
        level = index.get((period, basis, "revenue", region, "level"))
        if share is None or level is None:
            continue
        computed = 100 * level.value / national.value
        relative = _uncertainty(level) / level.value + _uncertainty(national) / national.value
        tolerance = computed * relative + _uncertainty(share) + 0.05
        if abs(computed - share.value) > tolerance:
            issues.append(
                _failure(
                    f"{period}: {REGIONS[region][0]}'s printed share {full(share.value)}% "
                    f"differs from its revenue {full(level.value)} over the national "
                    f"{full(national.value)} "
                    f"亿元 = {computed:.2f}%",
                    share,
                    level,
                )
            )
    return issues


def _regions_add_up(index: dict[Key, Observation], period: str, basis: str) -> list[Failure]:
    national = index.get((period, basis, "revenue", "national", "level"))
    levels = [index.get((period, basis, "revenue", r, "level")) for r in FOUR_REGIONS]
    if national is None or any(level is None for level in levels):
        return []
    present = [level for level in levels if level is not None]
    total = sum(level.value for level in present)
    tolerance = _uncertainty(national) + sum(_uncertainty(level) for level in present)
    if abs(total - national.value) <= tolerance:
        return []
    return [
        _failure(
            f"{period}: the four regions' revenue sums to {full(total)} 亿元 but the national "
            f"revenue is {full(national.value)} 亿元 (± {full(tolerance)} from rounding)",
            *present,
        )
    ]


def _margin_matches(index: dict[Key, Observation], period: str, basis: str) -> list[Failure]:
    margin = index.get((period, basis, "profit_margin", "national", "level"))
    profit = index.get((period, basis, "total_profit", "national", "level"))
    revenue = index.get((period, basis, "revenue", "national", "level"))
    if margin is None or profit is None or revenue is None or revenue.value <= 0:
        return []
    computed = 100 * profit.value / revenue.value
    relative = _uncertainty(profit) / abs(profit.value) + _uncertainty(revenue) / revenue.value
    tolerance = abs(computed) * relative + _uncertainty(margin)
    if abs(computed - margin.value) <= tolerance + 1e-9:
        return []
    return [
        _failure(
            f"{period}: the profit margin is printed as {full(margin.value)}% but total profit "
            f"{full(profit.value)} over revenue {full(revenue.value)} 亿元 gives {computed:.2f}%",
            margin,
            profit,
            revenue,
        )
    ]


def _smartphones_within_phones(
    index: dict[Key, Observation], period: str, basis: str
) -> list[Failure]:
    phones = index.get((period, basis, "output_mobile_phones", "national", "level"))
    smart = index.get((period, basis, "output_smartphones", "national", "level"))
    if phones is None or smart is None or smart.value <= phones.value:
        return []
    return [
        _failure(
            f"{period}: smartphone output {full(smart.value)} 万台 exceeds mobile-phone output "
            f"{full(phones.value)} 万台",
            smart,
            phones,
        )
    ]


# -- checks across bulletins ---------------------------------------------------------------


def _compared(
    rows: Iterable[Mapping[str, Any]], index: Mapping[FactKey, Mapping[str, Any]]
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any], float, bool]]:
    """Each ``change_pp`` of ``rows`` whose two figures ``index`` holds: (change, figure now,
    figure then, now − then, whether that agrees with the change within the rounding of the
    three printed figures). For the profit margin the figures are its levels."""
    for row in rows:
        if row["measure"] != "change_pp" or not row["ref_period"]:
            continue
        base = changed_measure(str(row["indicator"]))
        common = (row["indicator"], row["region"], row["segment"], row["basis"], base, "")
        now = index.get((row["period"], *common))
        then = index.get((row["ref_period"], *common))
        if now is None or then is None:
            continue
        difference = float(now["value"]) - float(then["value"])
        tolerance = sum(printed_uncertainty(str(r.get("printed") or "")) for r in (row, now, then))
        yield row, now, then, difference, abs(difference - float(row["value"])) <= tolerance + 1e-9


def change_agreements(
    rows: Iterable[Mapping[str, Any]], index: Mapping[FactKey, Mapping[str, Any]]
) -> int:
    """How many changes of ``rows`` agree with the two printed figures they compare: the
    evidence that recovering a figure from a change (``loaders.tables.recover``) works."""
    return sum(1 for *_, agrees in _compared(rows, index) if agrees)


def change_consistency(
    rows: Iterable[Mapping[str, Any]], index: Mapping[FactKey, Mapping[str, Any]]
) -> list[Issue]:
    """Each ``change_pp`` in ``rows`` against the two figures it compares, when ``index``
    (facts by key) holds both: 2023-11 says value added growth rose 0.9 points on 1—10月,
    so 2023-11's rate minus 2023-10's must be 0.9, within the rounding of the three
    printed figures. A warning names both bulletins: one of them is revised or wrong."""
    issues: list[Issue] = []
    for row, now, then, difference, agrees in _compared(rows, index):
        if agrees:
            continue
        issues.append(
            Issue(
                severity="warning",
                message=(
                    f"{row['period']} {row['indicator']} ({row['region']}, {row['basis']}): the "
                    f"change on {row['ref_period']} is printed as "
                    f"{signed(float(row['value']))} pp, but "
                    f"{full(float(now['value']))} ({row['period']}, bulletin "
                    f"{str(now.get('bulletin', ''))[:12]}) minus {full(float(then['value']))} "
                    f"({row['ref_period']}, bulletin {str(then.get('bulletin', ''))[:12]}) is "
                    f"{difference:+.2f}"
                ),
                text=str(row.get("text") or ""),
            )
        )
    return issues


def cross_checks(
    new: Iterable[Observation], stored: Iterable[Mapping[str, Any]], sha256: str
) -> list[Issue]:
    """The checks a new bulletin gets against the store: its changes against the stored
    figures they refer to, and the stored changes that refer to its periods (the store's
    latest facts, overlaid with the new bulletin's)."""
    new_rows = [{**o.row(), "printed": o.printed, "bulletin": sha256} for o in new]
    stored = list(stored)
    index: dict[FactKey, Mapping[str, Any]] = {fact_key(row): row for row in stored}
    index.update({fact_key(row): row for row in new_rows})
    periods = {row["period"] for row in new_rows}
    referring = [
        row
        for row in stored
        if row["measure"] == "change_pp"
        and row["ref_period"] in periods
        and fact_key(row) not in {fact_key(r) for r in new_rows}
    ]
    return change_consistency([*new_rows, *referring], index)


def store_report(facts: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every check over the store's facts (latest vintage of each), as report lines:
    a summary first, then one ``warning: …`` line per failed check."""
    from loaders.bulletin.models import Observation

    by_bulletin: dict[str, list[Observation]] = {}
    for row in facts:
        by_bulletin.setdefault(str(row.get("bulletin", "")), []).append(Observation.from_row(row))
    issues: list[Issue] = []
    for observations in by_bulletin.values():
        issues.extend(run_checks(observations))
    index = {fact_key(row): row for row in facts}
    issues.extend(change_consistency(facts, index))
    periods = {row["period"] for row in facts}
    head = (
        f"checked {len(facts)} facts of {len(periods)} periods from {len(by_bulletin)} "
        f"bulletins: {len(issues)} warning(s)"
    )
    agreements = (
        f"{change_agreements(facts, index)} printed changes agree with both printed figures "
        "they compare (within rounding): the figures recovered from changes rest on them"
    )
    return [head, agreements, *(f"warning: {issue.message}" for issue in issues)]
