"""How a Chinese bulletin is phrased: the variants real copies use, all of which the
loader reads. The default is the MIIT's house style.

``dash``: the dash of a month range (``1—11月份``; ``-``, ``–``, ``～``, ``至`` in copies);
``fen``: ``11月份`` or ``11月``; ``named``: ``一季度``/``上半年``/``前三季度`` for 1—3, 1—6, 1—9;
``compare``: ``较`` or ``比`` before an earlier period; ``year_ago``: ``上年同期`` or
``去年同期``; ``gap_pair``: one clause for both gaps (``分别比同期工业、高技术制造业高4.7个和
1.5个百分点``) or one each; ``traditional``: traditional characters; ``spaced``: spaces
around figures (``增长 2.6 %``), as web copies have; ``split_decimal``: a space after the
decimal point (``13. 5``).
"""

from __future__ import annotations

from dataclasses import dataclass

DASHES: tuple[str, ...] = ("—", "-", "–", "－", "～", "至")


@dataclass(frozen=True)
class Style:
    """One phrasing of a Chinese bulletin (see the module docstring)."""

    dash: str = "—"
    fen: bool = True
    named: bool = False
    compare: str = "较"
    year_ago: str = "上年同期"
    gap_pair: bool = False
    traditional: bool = False
    spaced: bool = False
    split_decimal: bool = False


HOUSE_STYLE = Style()
