"""Exports: export delivery value, and customs exports and imports of products.

Sentences read:
    1—11月份，规模以上电子信息制造业出口交货值同比下降6.4% …
    据海关统计，1—11月份，我国出口笔记本电脑12849万台，同比下降16.9%；
    出口手机7.25亿台 …；出口集成电路2446亿个 …；进口集成电路3123亿块 …
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    # Figures of one kind of enterprise only: never the industry's.
    Subject(
        "(?:外商投资|外资|内资|港澳台(?:商)?投资|国有(?:控股)?|私营|民营|股份制|三资)企业"
        "(?:出口交货值|营业收入|利润总额|利润|增加值)?",
        "其中，外商投资企业出口交货值同比下降3.2%",
        blocks=True,
    ),
    Subject(
        "出口交货值",
        "规模以上电子信息制造业出口交货值同比下降6.4%",
        indicator="export_delivery_value",
    ),
    Subject(
        "出口笔记本电脑|出口笔记本", "出口笔记本电脑12849万台", indicator="customs_export_laptops"
    ),
    Subject("出口手机", "出口手机7.25亿台", indicator="customs_export_mobile_phones"),
    Subject("出口集成电路", "出口集成电路2446亿个", indicator="customs_export_integrated_circuits"),
    Subject("进口集成电路", "进口集成电路3123亿块", indicator="customs_import_integrated_circuits"),
)
