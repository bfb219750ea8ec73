"""Sub-industries (the 2019—2021 layouts' ``主要分行业情况``) and the whole industry.

Sentences read:
    （一）通信设备制造业  1—4月，通信设备制造业增加值同比增长8.6%，出口交货值同比增长3.4%。
    电子元件及电子专用材料制造业营业收入同比下降0.4% …  电子器件制造业增加值 …
    规模以上电子信息制造业增加值 … / 全行业应收账款 …  (back to the whole industry)
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "通信设备制造业|通信设备行业",
        "通信设备制造业增加值同比增长8.6%",
        segment="communication_equipment",
    ),
    Subject("计算机制造业|计算机行业", "计算机制造业营业收入同比增长3.1%", segment="computers"),
    Subject(
        "电子元件及电子专用材料制造业|电子元件行业|电子元件制造业",
        "电子元件及电子专用材料制造业增加值同比增长13.2%",
        segment="electronic_components",
    ),
    Subject(
        "电子器件制造业|电子器件行业",
        "电子器件制造业增加值同比增长8.8%",
        segment="electronic_devices",
    ),
    Subject("电子信息制造业|电子信息制造|全行业", "规模以上电子信息制造业增加值", segment="all"),
)
