"""The loader's entry point: a bulletin (text, bytes or a path) -> a ``Bulletin``.

    parse_bulletin(Path("2023-11.txt"))            # .txt or a saved .html page
    parse_bulletin(pasted_text, period="2023-11")  # when the text names no year
    require_facts(bulletin)                        # the bulletin, or BulletinError when it
                                                   # gives no fact (nothing worth storing)

A file larger than ``limits.MAX_BULLETIN_BYTES`` is refused before it is read.

Steps: read and decode -> normalise (``loaders.bulletin.text``) -> decide the period
(``loaders.bulletin.periods``) -> read facts (``loaders.bulletin.reader``) -> drop conflicting
duplicates -> arithmetic checks (``loaders.bulletin.checks``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from loaders.bulletin.checks import refuse_doubted
from loaders.bulletin.limits import MAX_BULLETIN_BYTES, too_large
from loaders.bulletin.marks import DERIVED_MARK
from loaders.bulletin.models import Bulletin, Issue, Observation
from loaders.bulletin.notes import Note
from loaders.bulletin.numbers import printed_uncertainty
from loaders.bulletin.periods import PeriodError, detect
from loaders.bulletin.reader import BulletinReader
from loaders.bulletin.text import binary_kind, control_characters, decode, normalize
from loaders.errors import EimError
from loaders.number_text import full

#: A bulletin is at least one sentence with a figure; shorter inputs are refused.
_MIN_CHARACTERS = 20


class BulletinError(EimError, ValueError):
    """The input is not a bulletin the loader can read; the message says why and what to do."""


def read_source(source: str | bytes | Path) -> tuple[str, str]:
    """(raw text, name) of a bulletin given as text, bytes or a path."""
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            if size > MAX_BULLETIN_BYTES:  # refused before reading: 50 MB is not read at all
                raise BulletinError(too_large(str(source), size))
            data = source.read_bytes()
        except OSError as error:
            raise BulletinError(f"cannot read {source}: {error.strerror}") from error
        return _decoded(data, str(source)), str(source)
    if isinstance(source, bytes):
        return _decoded(source, "<bytes>"), "<bytes>"
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BulletinError(
            f"the text holds a character that is not text (position {error.start}); "
            "paste or save the bulletin again"
        ) from error
    _refuse_control_characters(source, "the text")
    return source, "<text>"


def _decoded(data: bytes, name: str) -> str:
    if not data.strip():
        raise BulletinError(f"{name} is empty: there is nothing to read")
    kind = binary_kind(data)
    if kind is not None:
        raise BulletinError(
            f"{name} is not text but {kind}; save the bulletin's web page (.html) or its "
            "text (.txt) and try again"
        )
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise BulletinError(
            f"{name} is neither UTF-8 nor GB18030/GBK text (byte {error.start} cannot be "
            "decoded); save the bulletin as text and try again"
        ) from error
    _refuse_control_characters(text, name)
    return text


#: More control characters than this (besides tab and line breaks) and a text is refused.
_MAX_CONTROL_CHARACTERS = 8


def _refuse_control_characters(text: str, name: str) -> None:
    found = control_characters(text)
    if found > _MAX_CONTROL_CHARACTERS:
        raise BulletinError(
            f"{name} holds {found} control characters: it is not a text file (a binary "
            "file, or text in an encoding other than UTF-8 and GB18030)"
        )


def parse_bulletin(
    source: str | bytes | Path, *, period: str | None = None, name: str | None = None
) -> Bulletin:
    """Parse one bulletin; raises ``BulletinError`` when it is not one."""
    raw, source_name = read_source(source)
    source_name = name or source_name
    text, computed = _without_computed_part(normalize(raw))
    if len(text) < _MIN_CHARACTERS or not any(ch.isdigit() for ch in text):
        raise BulletinError(
            f"{source_name} holds no bulletin: {len(text)} characters and no figures"
        )
    try:
        detected = detect(text, source_name, period)
    except (PeriodError, ValueError) as error:
        raise BulletinError(f"{source_name}: {error}") from error
    reader = BulletinReader(text, detected.period)
    reader.read()
    current, later = _without_later_periods(reader.observations, str(detected.period))
    observations, conflicts = _without_conflicts(current)
    observations, contradicted = refuse_doubted(observations)
    observations, undotted = _without_whole_percentages(observations, reader.lost_decimals)
    contradicted += undotted
    issues = [*later, *conflicts, *contradicted, *reader.issues, *computed]
    if detected.year_from not in ("text", "--period"):
        issues.insert(
            0,
            Issue(
                severity="warning",
                message=Note.of(
                    "no_year", year=str(detected.period.year), source=detected.year_from
                ),
            ),
        )
    if not observations and not issues:
        raise BulletinError(
            f"{source_name} does not read as a bulletin: it has a period "
            f"({detected.period}) but no figure of electronic-information manufacturing"
        )
    return Bulletin(
        source=source_name,
        period=str(detected.period),
        title=detected.title,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        observations=observations,
        issues=issues,
    )


def require_facts(bulletin: Bulletin) -> Bulletin:
    """``bulletin`` when it gives at least one fact; else ``BulletinError`` saying that no
    figure was found (and how many sentences with figures were not read or not trusted): a
    text without facts is never stored as a bulletin."""
    if bulletin.observations:
        return bulletin
    untaken = sum(1 for issue in bulletin.issues if issue.severity != "warning")
    because = (
        f" ({untaken} sentence(s) with figures were not read or not trusted)" if untaken else ""
    )
    raise BulletinError(
        f"{bulletin.source}: no figure of electronic-information manufacturing was found "
        f"for {bulletin.period}{because}; a text without figures is not a bulletin"
    )


def _without_computed_part(text: str) -> tuple[str, list[Issue]]:
    """The text before ``DERIVED_MARK`` (the computed figures of a written bulletin,
    ``loaders.writer``), and an issue saying that the rest was not read."""
    index = text.find(DERIVED_MARK)
    if index < 0:
        return text, []
    skipped = text[index:]
    lines = skipped.count("\n") + 1
    issue = Issue(
        severity="warning",
        message=Note.of("computed_part", lines=str(lines), mark=DERIVED_MARK),
        text=skipped.split("\n", 1)[0],
    )
    return text[:index].rstrip(), [issue]


def _without_later_periods(
    observations: list[Observation], period: str
) -> tuple[list[Observation], list[Issue]]:
    """The figures of ``period`` or earlier, and an issue for each of a later period: a
    bulletin reports no month after its own, so such a figure comes from text around the
    copy (a news wrapper quoting a later bulletin) and is not taken."""
    kept: list[Observation] = []
    issues: list[Issue] = []
    for observation in observations:
        if observation.period <= period:
            kept.append(observation)
            continue
        issues.append(
            Issue(
                severity="refused",
                message=Note.of(
                    "later_period",
                    period=observation.period,
                    bulletin=period,
                    figure=observation.printed or f"{observation.value}",
                ),
                text=observation.text,
            )
        )
    return kept, issues


def _without_whole_percentages(
    observations: list[Observation], lost: list[str]
) -> tuple[list[Observation], list[Issue]]:
    """In a copy that lost its decimal points (``lost``: the figures that showed it), every
    percentage printed without one (``4%`` may be 1.4% or 4.5%) is refused, with the reason;
    levels keep theirs (亿块 and 亿元 are printed whole)."""
    if not lost:
        return observations, []
    kept: list[Observation] = []
    issues: list[Issue] = []
    for observation in observations:
        found = re.match(r"\d+(?:\.\d+)?", observation.printed)
        number = found.group(0) if found else ""
        whole = number.isdigit() and number != "0"
        if not whole or observation.unit not in ("%", "pp") or observation.printed.endswith("倍"):
            kept.append(observation)
            continue
        issues.append(
            Issue(
                severity="refused",
                message=Note.of("lost_decimals", figure=observation.printed, lost="、".join(lost)),
                text=observation.text,
            )
        )
    return kept, issues


def _without_conflicts(
    observations: list[Observation],
) -> tuple[list[Observation], list[Issue]]:
    """One fact per key: repeats of a value are merged; a rounded repeat (a headline's
    ``12%`` over the body's ``11.8%``) yields to the more precise figure, with an issue;
    different values that are not roundings of each other are all dropped."""
    by_key: dict[tuple[str, ...], list[Observation]] = {}
    for observation in observations:
        by_key.setdefault(observation.key(), []).append(observation)
    kept: list[Observation] = []
    issues: list[Issue] = []
    for key, group in by_key.items():
        values = sorted({o.value for o in group})
        if len(values) == 1:
            kept.append(group[0])
            continue
        fact = " ".join(k for k in key if k)
        precise = min(group, key=lambda o: printed_uncertainty(o.printed))
        if all(
            abs(o.value - precise.value) <= printed_uncertainty(o.printed) + 1e-9
            and (
                o.value == precise.value
                or printed_uncertainty(o.printed) > printed_uncertainty(precise.printed)
            )
            for o in group
        ):
            kept.append(precise)
            rounded = sorted({o.printed for o in group if o.value != precise.value})
            issues.append(
                Issue(
                    severity="refused",
                    message=Note.of(
                        "rounding", fact=fact, rounded="、".join(rounded), precise=precise.printed
                    ),
                    text=" / ".join(o.text for o in group if o.value != precise.value),
                )
            )
            continue
        issues.append(
            Issue(
                severity="refused",
                message=Note.of(
                    "different_values", fact=fact, values=", ".join(full(v) for v in values)
                ),
                text=" / ".join(o.text for o in group),
            )
        )
    return kept, issues
