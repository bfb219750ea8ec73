"""The loader's notes as data: what an ``Issue`` says, by code, with the values it names.

A ``Note`` is the English sentence ``eim parse`` prints (it *is* that ``str``), and keeps its
``code`` and ``values`` so that a reader in another language can say the same: the
dashboard's catalogue has a Chinese and an English text for each code
(``dashboard/i18n/catalogue.toml``, ``[add] note_<code>``). A value may itself be a note (the
reason a figure was not taken), translated the same way.

    Note.of("unit_missing", figure="0.4", expected="个百分点")
        -> "「0.4」 has no 个百分点 after it"   (.code "unit_missing", .values {...})

``ENGLISH`` is the one table of the loader's wordings: code -> template with ``{value}``
fields. Nothing here reads text; the rules say which note applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Every note of the loader: code -> English template.
ENGLISH: Final[Mapping[str, str]] = {
    # the bulletin as a whole (loaders.bulletin.parse)
    "no_year": "the text names no year; {year} comes from {source} (pass --period YYYY-MM to "
    "set it)",
    "computed_part": "the {lines} line(s) from 「{mark}」 on were not read: they hold figures EIM "
    "Monitor computed, which no bulletin prints",
    "later_period": "a figure of {period} in a bulletin of {bulletin}: a bulletin reports no "
    "later period, so it comes from text around the copy (such as a news wrapper); {figure} is "
    "not taken",
    "lost_decimals": "「{figure}」 not taken: this copy lost decimal points ({lost} is plausible "
    "only with one put back), so a whole percentage may be a cut one",
    "rounding": "{fact}: {rounded} is a rounding of {precise}; {precise} is taken",
    "different_values": "{fact} is printed with different values ({values}); none is taken",
    # one figure (loaders.bulletin.reader)
    "not_taken": "「{figure}」 not taken as a fact: {why}",
    "not_read": "「{figure}」 not read: {why}",
    "no_rule": "figures no rule reads: {figures}",
    # why a figure is not read
    "other_span": "a growth rate over another span than one year",
    "unnamed_list": "a list of figures (分别…) whose items are not named",
    "no_indicator": "no indicator of ours names it",
    "foreign_item": "it follows 「{item}」 of an item with no code of ours",
    "unknown_region": "it follows 「地区」 without a region we know",
    "national_share": "a share of the national total names no region",
    # why a figure is not taken
    "no_period": "the period it belongs to cannot be read",
    "four_regions": "it is said of the four regions together, not of one",
    "spliced_month": "it follows 「{month}月」 with no year, a month after the bulletin's "
    "{bulletin}: a later bulletin's text spliced into this copy",
    "unit_missing": "「{figure}」 has no {expected} after it",
    "not_a_number": "「{figure}」 is not a number",
    "rate_beyond": "a growth rate of {number}% is beyond ±1000%",
    "level_in_percent": "a level in % does not fit {indicator}",
    "level_without_unit": "a level without its unit",
    "wrong_unit": "{indicator} is not measured in {unit}",
    "unreadable_reference": "the comparison period 「{reference}」 cannot be read",
    "impossible_rate": "a growth rate of {number}% is impossible",
    "implausible_change": "a change of {number} percentage points is implausible",
    "impossible_share": "a share of {number}% is impossible",
    "no_level": "{indicator} has no published level",
    "implausible_level": "{indicator} of {number} {unit} over {months} month(s) is outside the "
    "plausible {low}–{high} {unit} a month",
    # a damaged figure (loaders.bulletin.numbers.damage)
    "leading_zero": "「{figure}」 starts with a zero: a digit seems lost",
    "stop_for_point": "「{figure}」 has a full stop where a decimal point belongs",
    "cut_at_point": "「{figure}.」 ends in a decimal point: the figure was cut",
}


class Note(str):
    """An English note that keeps its ``code`` and ``values`` (see the module doc)."""

    code: str
    values: dict[str, str]

    def __new__(cls, code: str, values: Mapping[str, str]) -> Note:
        note = super().__new__(cls, ENGLISH[code].format(**values))
        note.code = code
        note.values = dict(values)
        return note

    @classmethod
    def of(cls, code: str, **values: str) -> Note:
        """The note ``code`` naming ``values`` (strings, or notes)."""
        return cls(code, values)

    def __reduce__(self) -> tuple[type[Note], tuple[str, dict[str, str]]]:
        return (Note, (self.code, self.values))
