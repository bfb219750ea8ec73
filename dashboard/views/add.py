"""The Add bulletin page's texts that are neither layout nor a figure: a file size for the
upload note, a fact's table cells in the page's language, its status against the store, the
preview's counts, and the loader's notes in the page's language (each ``Issue``'s ``Note``:
its code's text in ``catalogue.toml``, ``[add] note_<code>``; a note without a text there is
shown in the loader's English, its command-line advice turned into the page's).

In: ``loaders.bulletin.models.Observation`` facts and ``dashboard.adding``'s ``AddResult``
(what storing the bulletin would change) and ``Preview``; out: plain strings and counts. No
Dash: ``dashboard/pages/add_preview.py`` puts them into components.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dashboard import adding
from dashboard.i18n import (
    basis_name,
    has_text,
    indicator_name,
    measure_name,
    region_name,
    segment_name,
    t,
    value_text,
)
from loaders.bulletin.models import Issue, Observation
from loaders.bulletin.notes import Note

#: How the loader tells a command-line user to set the period; the page has a box for it.
LOADER_PERIOD_HINT: Final = "pass --period YYYY-MM to set it"
#: At most this many characters of a source text are quoted under an issue.
QUOTED_CHARS: Final = 300
#: Where the loader took a year the text does not name (its English words) -> catalogue key.
YEAR_SOURCES: Final = {
    "a comparison with the previous year": "add.year_from_comparison",
    "the file name": "add.year_from_file",
    "the publication date": "add.year_from_published",
}


def size_text(count: int) -> str:
    """A size in bytes as the upload note shows it: ``2 MB``, ``1.5 MB``, ``512 KB``."""
    megabytes = count / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:.1f} MB".replace(".0 ", " ")
    return f"{count / 1024:.0f} KB"


def fact_cells(fact: Observation, lang: str) -> list[str]:
    """A fact's cells in ``lang``: indicator, region, segment, basis, measure (with its
    reference period), value with unit, and the number as printed."""
    ref = f" ({fact.ref_period})" if fact.ref_period else ""
    return [
        indicator_name(fact.indicator, lang),
        region_name(fact.region, lang),
        segment_name(fact.segment, lang),
        basis_name(fact.basis, lang),
        measure_name(fact.measure, lang) + ref,
        value_text(fact.value, fact.unit, lang),
        fact.printed,
    ]


def fact_status(fact: Observation, result: adding.AddResult, lang: str) -> tuple[str, str]:
    """The fact against the store, as (text, kind): ``old → new`` and "revised", "new", or
    as stored ("same")."""
    changes = {change.key: change for change in result.changes}
    key = fact.key()
    if key in changes:
        change = changes[key]
        old = value_text(change.old, fact.unit, lang)
        return f"{old} → {value_text(change.new, fact.unit, lang)}", "revised"
    if key in set(result.new):
        return t("add.new", lang), "new"
    return t("add.same", lang), "same"


@dataclass(frozen=True)
class Counts:
    """How many facts a preview has, and how many of them are new, revised or as stored."""

    facts: int
    new: int
    revised: int
    same: int


def counts(found: adding.Preview) -> Counts:
    """The counts of a preview."""
    facts = len(found.bulletin.observations)
    revised = len(found.result.changes)
    new = len(found.result.new)
    return Counts(facts=facts, new=new, revised=revised, same=facts - revised - new)


def period_unsure(found: adding.Preview) -> bool:
    """Whether the loader could not tell the bulletin's period (and said so)."""
    return any(LOADER_PERIOD_HINT in issue.message for issue in found.bulletin.issues)


def for_the_web(note: str) -> str:
    """A loader's note with its command-line advice turned into the page's."""
    return note.replace(LOADER_PERIOD_HINT, "type the period in the period box to set it")


def note_text(note: str, lang: str) -> str:
    """A loader's note in ``lang``: a ``Note`` by its code's text (its values that are notes
    too, the year's source by ``YEAR_SOURCES``); other text in the loader's words."""
    key = f"add.note_{note.code}" if isinstance(note, Note) else ""
    if not isinstance(note, Note) or not has_text(key):
        return for_the_web(str(note))
    values = {
        name: note_text(value, lang)
        if isinstance(value, Note)
        else t(YEAR_SOURCES[value], lang)
        if value in YEAR_SOURCES
        else value
        for name, value in note.values.items()
    }
    return t(key, lang, **values)


def issue_text(issue: Issue, lang: str) -> str:
    """An issue as the preview lists it: ``[未采用] …`` / ``[refused] …``, in ``lang``."""
    severity = f"add.severity_{issue.severity}"
    label = t(severity, lang) if has_text(severity) else issue.severity
    return f"[{label}] {note_text(issue.note or issue.message, lang)}"


def quoted(text: str) -> str:
    """The start of a source text quoted under an issue (at most ``QUOTED_CHARS``)."""
    return text[:QUOTED_CHARS]
