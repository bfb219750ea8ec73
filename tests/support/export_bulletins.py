"""Three small bulletins written for the export tests, in the style of MIIT's monthly
reports (two periods, one revised), with sources and names a spreadsheet would run as
formulas, and one with its publisher's page (``AUGUST_URL``); ``fill(store)`` adds them as
three vintages."""

from __future__ import annotations

from datetime import datetime

from loaders.bulletin.parse import parse_bulletin
from loaders.store import Store

JULY = """2023年1—7月份电子信息制造业运行情况

一、生产平稳

1—7月份，规模以上电子信息制造业增加值同比增长2.8%，增速分别比同期工业、高技术制造业\
低0.9个和1.2个百分点。7月份，规模以上电子信息制造业增加值同比增长3.6%。

二、效益有所下降

1—7月份，规模以上电子信息制造业实现营业收入8.21万亿元，同比下降2.9%；实现利润总额2930亿元，\
同比下降21.5%；营业收入利润率为3.57%。
"""
AUGUST = """2023年1—8月份电子信息制造业运行情况

一、生产回升

1—8月份，规模以上电子信息制造业增加值同比增长3.4%，增速较1—7月份提高0.6个百分点。\
8月份，规模以上电子信息制造业增加值同比增长5.1%。

二、效益降幅收窄

1—8月份，规模以上电子信息制造业实现营业收入9.45万亿元，同比下降2.2%；实现利润总额3519亿元，\
同比下降17.6%；营业收入利润率为3.72%。
"""
#: A later vintage of August: revenue revised from 9.45 to 9.46 万亿元.
AUGUST_REVISED = AUGUST.replace("9.45万亿元", "9.46万亿元")

#: Sources and authors a spreadsheet would run as formulas (the text columns we control).
FORMULA_SOURCE = '=HYPERLINK("https://example.invalid/","open me")'
#: (text, source, added_by, added_at): added in this order; the last has microseconds.
ADDS: tuple[tuple[str, str, str, datetime], ...] = (
    (JULY, FORMULA_SOURCE, "@analyst", datetime(2023, 8, 20, 9, 30)),
    (AUGUST, "+august.txt", "-", datetime(2023, 9, 18, 9, 30)),
    (AUGUST_REVISED, "\taugust-revised.txt", "'quoted", datetime(2023, 9, 25, 8, 0, 1, 123456)),
)
PERIODS = ("2023-07", "2023-08")
#: The publisher's page of the first August vintage (the others name none).
AUGUST_URL = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2023/art_0908.html"


def fill(store: Store) -> Store:
    """Add the test bulletins to ``store`` (three vintages, two periods)."""
    for text, source, who, when in ADDS:
        bulletin = parse_bulletin(text, name=source)
        url = AUGUST_URL if text == AUGUST else None
        store.add(bulletin, text, source=source, added_by=who, added_at=when, source_url=url)
    return store
