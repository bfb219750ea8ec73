"""The query parameters of the download URLs (and of the Data page, which links to them),
read into ``loaders.tables.filters.Filters``.

    indicator, region, segment, basis, measure
                catalog codes (``CODES``); several by repeating the parameter or with commas
                (``?indicator=revenue,total_profit&region=east``); none: every code
    start, end  periods YYYY-MM, inclusive
    derived     true (only computed rows), false (only printed rows), all (the default)
    as_of       an ISO 8601 time (``2024-03-01``, ``2024-03-01T08:00:00Z``; no zone: UTC)
                in the years ``AS_OF_YEARS`` (1970..9999, in UTC): the data as stored then;
                ``latest`` (the default) for now
    lang        accepted and ignored (``IGNORED``)

In: a query as ``{key: [values]}`` (Flask's ``request.args``, for ``parse_filters``) or as
Dash passes it (a string, or a list for a repeated key, for ``lenient_filters``); out:
``Filters`` (codes as tuples, periods ``YYYY-MM`` or "", ``derived`` True/False/None,
``as_of`` as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` or ""). ``parse_filters`` refuses anything
unknown or malformed with a ``BadParameter`` whose message names the parameter and what it
allows; ``lenient_filters`` never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from loaders.catalog import BASES, INDICATORS, MEASURES, REGIONS, SEGMENTS
from loaders.errors import EimError
from loaders.schema import is_period
from loaders.tables import export
from loaders.tables.filters import FILTER_NAMES, Filters

#: The parameters holding catalog codes, with the codes each allows.
CODES: Final[dict[str, tuple[str, ...]]] = {
    "indicator": tuple(INDICATORS),
    "region": tuple(REGIONS),
    "segment": tuple(SEGMENTS),
    "basis": tuple(BASES),
    "measure": tuple(MEASURES),
}
DERIVED_VALUES: Final[dict[str, bool | None]] = {"true": True, "false": False, "all": None}
LATEST: Final = "latest"
#: Parameters every URL accepts and ignores.
IGNORED: Final[tuple[str, ...]] = ("lang",)
#: Every filter parameter, in the order a query lists them.
FILTERS: Final[tuple[str, ...]] = FILTER_NAMES
#: How much of a bad value an error message repeats.
SHOWN: Final = 60
#: The years (UTC, inclusive) an ``as_of`` time may fall in: no bulletin is stored before
#: 1970, and 9999 is the last year a ``datetime`` (and an ISO time) can hold.
AS_OF_YEARS: Final = (1970, 9999)


def shown(value: str) -> str:
    """``value`` quoted for an error message, cut to ``SHOWN`` characters."""
    return repr(value if len(value) <= SHOWN else value[:SHOWN] + "…")


class BadParameter(EimError, ValueError):
    """A query parameter that cannot be honoured; its message says what is allowed."""

    def __init__(self, name: str, problem: str, allowed: str) -> None:
        self.name = name
        super().__init__(f"Bad parameter {shown(name)}: {problem}. Allowed: {allowed}.")


def strings(value: object) -> list[str]:
    """A query value as a list of strings: ``"a"`` -> ["a"], a list (a repeated key) item
    by item, None -> [] (anything else as its text)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None]
    return [str(value)]


def parse_codes(name: str, raw: Sequence[str], *, strict: bool = True) -> tuple[str, ...]:
    """The codes of parameter ``name``, each given once, from repeated and comma-separated
    values; an unknown code raises ``BadParameter`` (or, not ``strict``, is left out)."""
    allowed = CODES[name]
    codes: list[str] = []
    for value in raw:
        for piece in value.split(","):
            code = piece.strip()
            if not code or code in codes:
                continue
            if code in allowed:
                codes.append(code)
            elif strict:
                raise BadParameter(name, f"{shown(code)} is not a code", ", ".join(allowed))
    return tuple(codes)


def _one(name: str, raw: Sequence[str], allowed: str) -> str:
    given = [value.strip() for value in raw if value.strip()]
    if len(given) > 1:
        raise BadParameter(name, f"{len(given)} values given, one expected", allowed)
    return given[0] if given else ""


def parse_period(name: str, raw: Sequence[str]) -> str:
    """A period ``YYYY-MM`` (month 01..12), or "" when none is given."""
    allowed = "one period YYYY-MM with a month 01-12, e.g. 2023-01"
    value = _one(name, raw, allowed)
    if value and not is_period(value):
        raise BadParameter(name, f"{shown(value)} is not a period", allowed)
    return value


def parse_derived(raw: Sequence[str]) -> bool | None:
    """true -> True (computed rows only), false -> False (printed only), all/none -> None."""
    allowed = ", ".join(DERIVED_VALUES)
    value = _one("derived", raw, allowed).lower()
    if value and value not in DERIVED_VALUES:
        raise BadParameter("derived", f"{shown(value)} is not one of them", allowed)
    return DERIVED_VALUES.get(value)


def as_of_text(moment: datetime) -> str:
    """A time as ``as_of`` holds it: UTC, ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` (no zone: UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return export.iso_utc(moment)


def parse_as_of(raw: Sequence[str]) -> str:
    """An ISO 8601 time as ``as_of_text`` writes it, in the years ``AS_OF_YEARS`` once in UTC;
    "" for none or ``latest``."""
    first, last = AS_OF_YEARS
    allowed = (
        "one ISO 8601 time from the years "
        f"{first}-{last}, e.g. 2024-03-01 or 2024-03-01T08:00:00Z (no zone: UTC), or latest"
    )
    value = _one("as_of", raw, allowed)
    if not value or value.lower() == LATEST:
        return ""
    # a "+" in a query string arrives as a space: 2024-03-01T08:00:00+08:00
    for candidate in (value, value.replace(" ", "+")):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        try:
            utc = moment.astimezone(UTC) if moment.tzinfo is not None else moment
        except OverflowError:  # 9999-12-31T23:00:00-05:00 is in the year 10000 in UTC
            utc = None
        if utc is None or not first <= utc.year <= last:
            raise BadParameter(
                "as_of", f"{shown(value)} is outside the years {first}-{last} (in UTC)", allowed
            )
        return as_of_text(moment)
    raise BadParameter("as_of", f"{shown(value)} is not a time", allowed)


def _ordered(filters: Filters) -> Filters:
    if filters.start and filters.end and filters.start > filters.end:
        raise BadParameter(
            "start", f"start {filters.start} is after end {filters.end}", "start <= end"
        )
    return filters


def parse_filters(
    args: Mapping[str, Sequence[str]], allowed: Sequence[str] = FILTERS, where: str = ""
) -> Filters:
    """The filters of a download URL's query (``{key: [values]}``); anything unknown or
    malformed raises ``BadParameter``."""
    for name in args:
        if name not in allowed and name not in IGNORED:
            names = ", ".join(allowed) if allowed else "none"
            raise BadParameter(name, f"no such parameter{where}", names)
    found: dict[str, Any] = {}
    for name in allowed:
        raw = list(args.get(name, ()))
        if name in CODES:
            found[name] = parse_codes(name, raw)
        elif name in ("start", "end"):
            found[name] = parse_period(name, raw)
        elif name == "derived":
            found[name] = parse_derived(raw)
        elif name == "as_of":
            found[name] = parse_as_of(raw)
    return _ordered(Filters(**found))


def lenient_filters(query: Mapping[str, object]) -> Filters:
    """The filters of a page's query (values as Dash passes them: a string, or a list for
    a repeated key): unknown codes are left out, any other bad value falls back to its
    default (of several values, the first readable one counts), and a start after the end
    swaps with it. Never raises."""
    found: dict[str, Any] = {
        name: parse_codes(name, strings(query.get(name)), strict=False) for name in CODES
    }
    readers: dict[str, Callable[[list[str]], Any]] = {
        "start": lambda raw: parse_period("start", raw),
        "end": lambda raw: parse_period("end", raw),
        "derived": parse_derived,
        "as_of": parse_as_of,
    }
    for name, read in readers.items():
        for value in strings(query.get(name)):
            if not value.strip():
                continue
            try:
                found[name] = read([value])
            except BadParameter:
                continue
            break
    start, end = found.get("start", ""), found.get("end", "")
    if start and end and start > end:
        found.update(start=end, end=start)
    return Filters(**found)
