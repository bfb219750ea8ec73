"""Regions: revenue of the four regions and two clusters, and their national shares.

Sentences read:
    东部地区实现营业收入91874亿元，同比下降2%，较1—10月份降幅收窄1个百分点；
    四个地区电子信息制造业营业收入占全国比重分别为67.9%、16.7%、14.7%和0.7%。
    东部、中部、西部和东北地区营业收入占全国比重分别为69.9%、16.6%、12.9%和0.6%。
    京津冀地区实现营业收入6719亿元、同比下降4.9% …，营收占全国比重5%；
"""

from __future__ import annotations

from loaders.bulletin.rules.base import Subject

SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "东部(?:地区)?[、,]中部(?:地区)?[、,]西部(?:地区)?(?:[、,]|和|及|与)东北(?:地区)?",
        "东部、中部、西部和东北地区营业收入占全国比重分别为69.9%、16.6%、12.9%和0.6%",
        four_regions=True,
    ),
    Subject("东部地区|东部", "东部地区实现营业收入91874亿元", region="east"),
    Subject("中部地区|中部", "中部地区实现营业收入22626亿元", region="central"),
    Subject("西部地区|西部", "西部地区实现营业收入19893亿元", region="west"),
    Subject("东北地区|东北", "东北地区实现营业收入911亿元", region="northeast"),
    Subject("京津冀地区|京津冀", "京津冀地区实现营业收入6719亿元", region="jing_jin_ji"),
    Subject("长三角地区|长三角", "长三角地区实现营业收入38261亿元", region="yangtze_delta"),
    Subject(
        "(?:四个|四大|4个)地区",
        "四个地区…占全国比重分别为67.9%、16.7%、14.7%和0.7%",
        four_regions=True,
    ),
)
