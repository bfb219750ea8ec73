"""Write ``gb18030.txt``: an invented 2021-layout bulletin saved in GB18030, as some Chinese
sites serve their pages. Run ``python tests/bulletin/golden/make_gb18030.py`` after editing TEXT;
the golden test reads the committed bytes, so the loader's decoding is tested too."""

from __future__ import annotations

from pathlib import Path

TEXT = """\
2021年1—4月份电子信息制造业运行情况

1—4月份，规模以上电子信息制造业增加值同比增长28.3%，增速比上年同期提高31.6个百分点，两年平均增速为11.2%。4月份，规模以上电子信息制造业增加值同比增长12.7%，增速比上年同期回落1.9个百分点。

1—4月份，规模以上电子信息制造业累计实现出口交货值同比增长24.1%，增速比上年同期提高27.4个百分点。4月份，规模以上电子信息制造业实现出口交货值同比增长9.2%。

1—3月，规模以上电子信息制造业实现营业收入29436亿元，同比增长33.8%；实现营业成本25718亿元，同比增长31.2%；实现利润总额1292亿元，同比增长1.4倍；营业收入利润率为4.39%，比上年同期提高1.87个百分点。3月末，全行业应收账款同比增长14.6%。

1—4月份，电子信息制造业生产者出厂价格同比下降0.8%。4月份，电子信息制造业生产者出厂价格同比增长0.2%，比上月提高0.5个百分点。

1—4月份，电子信息制造业固定资产投资同比增长31.5%，比上年同期提高36.2个百分点，比工业投资快9.8个百分点。

4月份，主要产品中，手机产量1.52亿部，同比增长11.3%；其中，智能手机产量1.21亿部，同比增长9.8%；微型计算机设备产量3862.4万台，同比增长26.1%；集成电路产量301.7亿块，同比增长32.5%。

据海关统计，1—4月份，我国出口笔记本电脑7314万台，同比增长62.8%；出口手机3.07亿部，同比增长31.6%；出口集成电路1021亿块，同比增长27.9%；进口集成电路2093亿块，同比增长26.4%。
"""


def main() -> None:
    """Write TEXT as GB18030 beside this script."""
    target = Path(__file__).with_name("gb18030.txt")
    target.write_bytes(TEXT.encode("gb18030"))


if __name__ == "__main__":
    main()
