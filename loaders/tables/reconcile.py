"""Every copy of a bulletin, reconciled: one value per fact, and a row for every disagreement.

Shape: one ``Copy`` per corpus file (its name, whether it is a clean copy, the loader's
``Bulletin``) in; ``Reconciled`` out: one ``Bulletin`` per period whose observations are the
facts kept (each fact's ``text`` names the copies that print it, ``printed`` is a clean
copy's form), the ``Conflict`` of every fact whose copies disagree, and the figures withheld.

Per period and fact key (``loaders.schema.fact_key``):
1. Copies that print the same value (within the contract's 1e-6 relative) make one fact.
2. Copies that disagree are settled, in this order, by
   a. the clean copies (``bulletins/``, intact by the corpus's account), when they print one
      value;
   b. the undamaged copies, when they print one value and every other copy is damaged (the
      loader refused figures of it as lost digits or implausible levels);
   c. the cross-bulletin check: the one value that a later clean bulletin's change gives
      (``loaders.tables.recover``), within the rounding of the figures involved;
   and otherwise keep no value. Settled or not, each is a ``Conflict``.
3. A damaged copy is never the only source of a figure: its unconfirmed figures are
   withheld (``Reconciled.withheld``), not shipped.
4. A figure that only damaged-folder copies (``robustness/``) print and that a clean
   bulletin's change contradicts beyond rounding is dropped, with a ``Conflict``; the value
   the change gives is then derived in its place by ``loaders.tables.derive``.

Figures the loader refused never reach here: it did not emit them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from loaders.bulletin.models import Bulletin, Observation
from loaders.schema import KEY_COLUMNS, FactKey
from loaders.tables.derive import plain_figure
from loaders.tables.recover import decimals, recovered

#: Words of the loader's refusals that say a copy lost digits (``numbers.damage``) or prints
#: levels no month could have (the reader's plausibility bounds): signs of a damaged copy.
DAMAGE_SIGNS: tuple[str, ...] = (
    "a digit seems lost",
    "where a decimal point belongs",
    "is outside the plausible",
)
#: Relative tolerance of two values printed as the same figure (the contract's).
SAME = 1e-6


@dataclass(frozen=True)
class Copy:
    """One corpus file: ``name`` (file name), ``clean`` (from ``bulletins/``), its parse."""

    name: str
    clean: bool
    bulletin: Bulletin

    @property
    def damage(self) -> list[str]:
        """The loader's refusals of this copy that are signs of damage (empty: none)."""
        return [
            issue.message
            for issue in self.bulletin.issues
            if issue.severity == "refused" and any(s in issue.message for s in DAMAGE_SIGNS)
        ]

    @property
    def damaged(self) -> bool:
        """A copy not known to be intact, with signs of damage. A clean copy never is: there
        a refused level is the loader's doubt about one figure, not lost digits."""
        return not self.clean and bool(self.damage)


@dataclass(frozen=True)
class Conflict:
    """One fact whose sources disagree: each value with the copies (or the later bulletin)
    behind it, the value kept (None: none) and why."""

    key: FactKey
    values: tuple[tuple[float, tuple[str, ...]], ...]
    unit: str
    kept: float | None
    reason: str

    def row(self) -> dict[str, Any]:
        """The ``conflicts`` table's row (``loaders.schema.CONFLICTS``)."""
        return {
            **dict(zip(KEY_COLUMNS, self.key, strict=True)),
            "values": "; ".join(
                f"{plain_figure(v)} ({', '.join(names)})" for v, names in self.values
            ),
            "resolution": "none" if self.kept is None else "kept",
            "value": self.kept,
            "unit": self.unit,
            "reason": self.reason,
        }


@dataclass
class Reconciled:
    """One bulletin per period (with the names of the copies behind it), the conflicts
    (sorted by key) and the withheld figures (key, copy, why)."""

    bulletins: list[tuple[Bulletin, tuple[str, ...]]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    withheld: list[tuple[FactKey, str, str]] = field(default_factory=list)


@dataclass
class _Fact:
    """A key's candidate values in one period: value -> (observation, copies printing it)."""

    key: FactKey
    groups: dict[float, tuple[Observation, list[Copy]]]

    def values(self) -> tuple[tuple[float, tuple[str, ...]], ...]:
        return tuple(
            (value, tuple(c.name for c in copies))
            for value, (_, copies) in sorted(self.groups.items())
        )


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME * max(1.0, abs(a), abs(b))


def _group(copies: list[Copy]) -> dict[FactKey, _Fact]:
    facts: dict[FactKey, _Fact] = {}
    for copy in copies:
        for observation in copy.bulletin.observations:
            fact = facts.setdefault(observation.key(), _Fact(observation.key(), {}))
            value = next((v for v in fact.groups if _same(v, observation.value)), None)
            if value is None:
                fact.groups[observation.value] = (observation, [copy])
            else:
                fact.groups[value][1].append(copy)
    return facts


def _one(values: Iterable[float]) -> float | None:
    found = sorted(set(values))
    return found[0] if len(found) == 1 else None


def _settle_by_copies(fact: _Fact) -> tuple[float | None, str]:
    """Rules 2a and 2b: the value kept and why, or (None, why not)."""
    clean = _one(v for v, (_, cs) in fact.groups.items() if any(c.clean for c in cs))
    if clean is not None:
        return clean, f"the clean copies print {plain_figure(clean)}; the others are damaged copies"
    if any(c.clean for _, cs in fact.groups.values() for c in cs):
        return None, "clean copies print different figures"
    whole = _one(v for v, (_, cs) in fact.groups.items() if any(not c.damaged for c in cs))
    others = [c for v, (_, cs) in fact.groups.items() if v != whole for c in cs]
    if whole is not None and all(c.damaged for c in others):
        return whole, (
            f"the copies without lost digits print {plain_figure(whole)}; "
            f"{', '.join(c.name for c in others)} lost digits (the loader refused figures of it)"
        )
    return None, "damaged copies print different figures and no clean copy prints it"


def _tolerance(observation: Observation, derived: dict[str, Any]) -> float:
    """Rounding of a copy's figure plus that of the two figures behind a recovered one."""
    places = decimals({"printed": observation.printed, "value": observation.value})
    return 0.5 * 10.0**-places + 2 * 0.5 * 10.0 ** -decimals(derived) + 1e-9


def reconcile(copies: list[Copy]) -> Reconciled:
    """Reconcile ``copies`` (any order) period by period; see the module docstring."""
    result = Reconciled()
    by_period: dict[str, list[Copy]] = {}
    for copy in sorted(copies, key=lambda c: (not c.clean, c.name)):
        by_period.setdefault(copy.bulletin.period, []).append(copy)
    kept: dict[str, dict[FactKey, tuple[Observation, list[Copy]]]] = {}
    pending: dict[str, list[_Fact]] = {}
    for period, group in sorted(by_period.items()):
        kept[period] = {}
        for key, fact in sorted(_group(group).items()):
            if len(fact.groups) == 1:
                observation, sources = next(iter(fact.groups.values()))
                if len(sources) == 1 and sources[0].damaged:
                    result.withheld.append(
                        (key, sources[0].name, "only a copy that lost digits prints it")
                    )
                    continue
                kept[period][key] = (observation, sources)
                continue
            value, reason = _settle_by_copies(fact)
            if value is None:
                pending.setdefault(period, []).append(fact)
                continue
            kept[period][key] = fact.groups[value]
            result.conflicts.append(
                Conflict(key, fact.values(), fact.groups[value][0].unit, value, reason)
            )
    _cross_check(kept, pending, result)
    for period, facts in sorted(kept.items()):
        result.bulletins.append(_bulletin(by_period[period], facts))
    result.conflicts.sort(key=lambda c: c.key)
    return result


def _cross_check(
    kept: dict[str, dict[FactKey, tuple[Observation, list[Copy]]]],
    pending: dict[str, list[_Fact]],
    result: Reconciled,
) -> None:
    """Rules 2c and 4, against the figures the clean copies' changes give."""
    clean_rows = [
        {**o.row(), "printed": o.printed, "bulletin": sources[0].name}
        for facts in kept.values()
        for o, sources in facts.values()
        if any(c.clean for c in sources)
    ]
    recovery = {
        tuple(str(row[c] or "") for c in KEY_COLUMNS): row for row in recovered(clean_rows).rows
    }
    for facts in kept.values():
        for key, (observation, sources) in list(facts.items()):
            twin = recovery.get(key)
            if twin is None or any(c.clean for c in sources):
                continue
            if abs(observation.value - twin["value"]) <= _tolerance(observation, twin):
                continue
            del facts[key]
            result.conflicts.append(
                Conflict(
                    key,
                    tuple(
                        sorted(
                            [
                                (observation.value, tuple(c.name for c in sources)),
                                (float(twin["value"]), (f"change printed in {twin['bulletin']}",)),
                            ]
                        )
                    ),
                    observation.unit,
                    None,
                    f"a clean bulletin's change gives {plain_figure(twin['value'])}: "
                    "the damaged copies' figure is dropped (the change's value is derived)",
                )
            )
    for period, facts_pending in pending.items():
        for fact in facts_pending:
            twin = recovery.get(fact.key)
            agreeing = [
                value
                for value, (observation, _) in fact.groups.items()
                if twin is not None and abs(value - twin["value"]) <= _tolerance(observation, twin)
            ]
            value = agreeing[0] if len(agreeing) == 1 else None
            if value is not None and twin is not None:
                kept[period][fact.key] = fact.groups[value]
                reason = (
                    f"the change printed in {twin['bulletin']} gives "
                    f"{plain_figure(twin['value'])}, which {plain_figure(value)} agrees with"
                )
            else:
                reason = (
                    "copies print different figures and no clean copy or later change settles it"
                )
            unit = next(iter(fact.groups.values()))[0].unit
            result.conflicts.append(Conflict(fact.key, fact.values(), unit, value, reason))


def _bulletin(
    copies: list[Copy], facts: dict[FactKey, tuple[Observation, list[Copy]]]
) -> tuple[Bulletin, tuple[str, ...]]:
    """The period's reconciled bulletin: its facts, a clean copy's title (copies come clean
    first), and an identity (sha256) made of its copies' identities."""
    used = sorted({c.name for _, sources in facts.values() for c in sources} or {copies[0].name})
    chosen = [c for c in copies if c.name in used]
    identity = hashlib.sha256(
        "\n".join(sorted(c.bulletin.sha256 for c in chosen)).encode("ascii")
    ).hexdigest()
    observations = [
        observation.model_copy(update={"text": "copies: " + ", ".join(c.name for c in sources)})
        for _, (observation, sources) in sorted(facts.items())
    ]
    bulletin = Bulletin(
        source="+".join(used),
        period=chosen[0].bulletin.period,
        title=chosen[0].bulletin.title,
        sha256=identity,
        observations=observations,
        issues=[],
    )
    return bulletin, tuple(used)
