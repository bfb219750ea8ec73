"""Validated records the loader produces.

``Observation``: one number printed in a bulletin — one row of the tidy table,
keyed by (period, indicator, region, segment, basis, measure, ref_period).
``Issue``: a sentence holding a number that did not become a fact, or a check
that failed, in words a statistician can act on.
``Bulletin``: one parsed bulletin: its period, title, the sha256 of its text,
its observations and its issues.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from loaders.bulletin.notes import Note
from loaders.catalog import INDICATORS, MEASURES, REGIONS, SEGMENTS, unit_of
from loaders.schema import KEY_COLUMNS, PERIOD, TIDY_COLUMNS, fact_key, is_period

Basis = Literal["ytd", "month"]
#: The catalog's codes each coded field of an ``Observation`` must be one of.
_CODES: dict[str, Mapping[str, object]] = {
    "indicator": INDICATORS,
    "region": REGIONS,
    "segment": SEGMENTS,
    "measure": MEASURES,
}
Severity = Literal["unread", "refused", "warning"]


class Observation(BaseModel):
    """One number of a bulletin, in the contract's codes and units.

    ``value`` is the printed figure times the unit factor (``13.5万亿元`` ->
    135000 亿元), never rounded; ``printed`` is the figure as printed, kept for
    checks that need its precision; ``text`` the clause it was read from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    period: str = Field(pattern=PERIOD)
    basis: Basis
    indicator: str
    region: str = "national"
    segment: str = "all"
    measure: str
    value: float
    unit: str
    ref_period: str = ""
    derived: bool = False
    printed: str = ""
    text: str = ""

    @field_validator("indicator", "region", "segment", "measure")
    @classmethod
    def _known_code(cls, code: str, info: ValidationInfo) -> str:
        if code not in _CODES[str(info.field_name)]:
            raise ValueError(f"unknown {info.field_name} code {code!r}")
        return code

    @field_validator("ref_period")
    @classmethod
    def _ref_period_shape(cls, value: str) -> str:
        if value and not is_period(value):
            raise ValueError(f"ref_period {value!r} is not YYYY-MM")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Observation:
        if self.unit != unit_of(self.indicator, self.measure):
            raise ValueError(f"unit {self.unit!r} does not fit {self.indicator} {self.measure}")
        if (self.measure == "change_pp") != bool(self.ref_period):
            raise ValueError("ref_period is set exactly for change_pp")
        return self

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Observation:
        """A printed fact of a store or table row (its key, value, unit and ``printed``)."""
        return cls(**{c: row[c] for c in (*KEY_COLUMNS, "value", "unit", "printed")})

    def key(self) -> tuple[str, ...]:
        """The fact's identity (``loaders.schema.fact_key``): (period, indicator, region,
        segment, basis, measure, ref_period)."""
        return fact_key(self.__dict__)

    def row(self) -> dict[str, object]:
        """The contract's row: the tidy columns (``printed`` left out)."""
        return {column: getattr(self, column) for column in TIDY_COLUMNS}


class Issue(BaseModel):
    """Something the loader saw but did not turn into a fact, or a failed check.

    ``severity``: ``unread`` (a number no rule read), ``refused`` (a number read
    but not trusted: implausible or damaged), ``warning`` (an arithmetic check).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    severity: Severity
    message: str
    text: str = ""
    #: The message as data (``loaders.bulletin.notes``: its code and values), so the dashboard
    #: can say it in the page's language; taken from a ``Note`` given as ``message``. Not
    #: part of ``eim parse``'s output.
    note: Note | None = Field(default=None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _keep_note(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("message"), Note):
            return {"note": data["message"], **data}
        return data


class Bulletin(BaseModel):
    """One parsed bulletin. ``observations`` are unique by ``Observation.key()``."""

    model_config = ConfigDict(extra="forbid")

    source: str
    period: str = Field(pattern=PERIOD)
    title: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    observations: list[Observation]
    issues: list[Issue]

    @model_validator(mode="after")
    def _unique_keys(self) -> Bulletin:
        seen: set[tuple[str, ...]] = set()
        for observation in self.observations:
            key = observation.key()
            if key in seen:
                raise ValueError(f"duplicate fact {key}")
            seen.add(key)
        return self
