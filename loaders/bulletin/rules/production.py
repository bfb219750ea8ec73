"""Production: value added and the output of the main products.

Sentences read (figures by ``loaders.bulletin.rules.measures``):
    1—11月份，规模以上电子信息制造业增加值同比增长2.6% …
    主要产品中，手机产量14.1亿台，同比增长3.6%，其中智能手机产量10.3亿台 …
    微型计算机设备产量3.11亿台 … 集成电路产量3114亿块 … 电子元件产量同比下降31.2%
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject("增加值", "规模以上电子信息制造业增加值同比增长2.6%", indicator="value_added"),
    Subject("销售产值", "销售产值同比增长10.2%", indicator="sales_output_value"),
    Subject("智能手机(?:总)?产量", "其中智能手机产量10.3亿台", indicator="output_smartphones"),
    Subject("(?<![智能])手机(?:总)?产量", "手机产量14.1亿台", indicator="output_mobile_phones"),
    Subject(
        "微型计算机(?:设备)?(?:总)?产量",
        "微型计算机设备产量3.11亿台",
        indicator="output_microcomputers",
    ),
    Subject("集成电路(?:总)?产量", "集成电路产量3114亿块", indicator="output_integrated_circuits"),
    Subject("电子元件产量", "电子元件产量同比下降31.2%", indicator="output_electronic_components"),
    # A product named without its output (``智能手机表现较好,产量达6.58亿部``): the
    # figures after it are not the previous product's.
    Subject(
        "智能手机|手机|微型计算机(?:设备)?|集成电路|笔记本电脑",
        "细分品类中智能手机表现相对较好,产量达6.58亿部",
        blocks=True,
    ),
    # Rates of other industries, named in comparisons: never ours.
    Subject(
        "(?:规模以上)?工业增加值|高技术制造业增加值|制造业增加值",
        "全国规模以上工业增加值同比增长4.3%",
        blocks=True,
    ),
)
