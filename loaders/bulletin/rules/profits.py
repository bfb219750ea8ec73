"""Profits: revenue, operating cost, total profit, the profit margin, receivables.

Sentences read:
    实现营业收入13.5万亿元，同比下降1.8%，较1—10月份降幅收窄1.1个百分点；
    营业成本11.8万亿元，同比下降1.5%；实现利润总额5736亿元，同比下降11.2% …；
    营业收入利润率为4.2%，较1—10月份上升0.2个百分点。
    利润同比下降15.3%（2019—2021 layouts）  5月末，全行业应收账款同比增长12.3%。
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "(?:营业收入|主营业务收入|主营收入)?利润率",
        "营业收入利润率为4.2%",
        indicator="profit_margin",
    ),
    Subject("营业收入|营收|主营业务收入|主营收入", "实现营业收入13.5万亿元", indicator="revenue"),
    # before 2019: 主营业务成本 (the contract's older wording)
    Subject("营业成本|主营业务成本", "营业成本11.8万亿元", indicator="operating_cost"),
    Subject("利润总额|利润", "实现利润总额5736亿元", indicator="total_profit"),
    Subject("应收票据及应收账款|应收账款", "全行业应收账款同比增长12.3%", indicator="receivables"),
)
