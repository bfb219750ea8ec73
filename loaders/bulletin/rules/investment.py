"""Investment: fixed-asset investment growth and its gaps to other industries.

Sentences read:
    1—11月份，电子信息制造业固定资产投资同比增长9.2%，比同期工业投资增速高0.2个百分点，
    比高技术制造业投资增速低1.3个百分点。
    其中，电子及通信设备制造业投资增长7.8%。  (a narrower industry: not ours)
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "固定资产投资", "电子信息制造业固定资产投资同比增长9.2%", indicator="fixed_asset_investment"
    ),
    Subject(
        "电子及通信设备制造业|(?:高技术)?制造业投资|工业投资",
        "其中，电子及通信设备制造业投资增长7.8%",
        blocks=True,
    ),
)
