"""Prices: the industry's producer prices (PPI), in the 2019—2021 layouts.

Sentences read:
    1—5月，电子信息制造业生产者出厂价格同比下降1.6%。
    5月，电子信息制造业生产者出厂价格同比下降0.9%，降幅比上月收窄0.1个百分点。
    与工业生产者出厂价格同比增长5.1%形成较大反差  (all industry's: not ours)
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject("工业生产者出厂价格", "与工业生产者出厂价格同比增长5.1%形成较大反差", blocks=True),
    Subject(
        "生产者出厂价格|出厂价格|PPI",
        "电子信息制造业生产者出厂价格同比下降1.6%",
        indicator="producer_prices",
    ),
)
