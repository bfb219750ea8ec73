"""The vocabulary of EIM Monitor: indicator, region, segment, measure and unit codes.

One source of truth for every code the loaders emit. The codes follow
``../shared/contract`` exactly; this module adds, per indicator, its Chinese and
English names, the unit of its levels, its bulletin section, and the range a
level can plausibly take (used to refuse garbled digits such as ``手机产量96亿台``).

Shapes:
    INDICATORS: code -> Indicator (one per contract indicator)
    REGIONS, SEGMENTS, MEASURES: code -> (name_zh, name_en)
Units: money levels in 亿元, device counts in 万台, chips in 万块 (output) or
万个 (customs), components in 万只; rates in %, changes and gaps in pp.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Indicator:
    """One indicator of the bulletins.

    ``monthly_range`` bounds a level per month of the reporting period (a
    cumulative level is divided by its number of months before the check), in
    ``level_unit``; ``None`` when the bulletin prints no level of it.
    ``per_month`` is False for stocks and ratios, whose level does not add up
    over months. ``contract`` is False for the codes EIM Monitor adds to the shared
    contract (the comparison industries' rates, only ever derived).
    """

    code: str
    name_zh: str
    name_en: str
    level_unit: str
    section: str
    monthly_range: tuple[float, float] | None = None
    per_month: bool = True
    contract: bool = True


def _indicators(*items: Indicator) -> dict[str, Indicator]:
    return {item.code: item for item in items}


INDICATORS: Final[dict[str, Indicator]] = _indicators(
    Indicator(
        "value_added",
        "增加值",
        "Value added of enterprises above designated size",
        "",
        "production",
    ),
    Indicator(
        "sales_output_value",
        "销售产值",
        "Sales output value",
        "亿元",
        "production",
        (2_000, 80_000),
    ),
    Indicator(
        "output_mobile_phones",
        "手机产量",
        "Output: mobile phones",
        "万台",
        "production",
        (3_000, 40_000),
    ),
    Indicator(
        "output_smartphones",
        "智能手机产量",
        "Output: smartphones",
        "万台",
        "production",
        (2_000, 35_000),
    ),
    Indicator(
        "output_microcomputers",
        "微型计算机设备产量",
        "Output: microcomputer equipment",
        "万台",
        "production",
        (800, 12_000),
    ),
    Indicator(
        "output_integrated_circuits",
        "集成电路产量",
        "Output: integrated circuits",
        "万块",
        "production",
        (300_000, 20_000_000),
    ),
    Indicator(
        "output_electronic_components",
        "电子元件产量",
        "Output: electronic components",
        "万只",
        "production",
        (1_000_000, 2_000_000_000),
    ),
    Indicator(
        "export_delivery_value",
        "出口交货值",
        "Export delivery value",
        "亿元",
        "exports",
        (500, 30_000),
    ),
    Indicator(
        "customs_export_laptops",
        "出口笔记本电脑",
        "Customs exports: laptop computers",
        "万台",
        "exports",
        (150, 5_000),
    ),
    Indicator(
        "customs_export_mobile_phones",
        "出口手机",
        "Customs exports: mobile phones",
        "万台",
        "exports",
        (1_500, 30_000),
    ),
    Indicator(
        "customs_export_integrated_circuits",
        "出口集成电路",
        "Customs exports: integrated circuits",
        "万个",
        "exports",
        (300_000, 15_000_000),
    ),
    Indicator(
        "customs_import_integrated_circuits",
        "进口集成电路",
        "Customs imports: integrated circuits",
        "万个",
        "exports",
        (800_000, 25_000_000),
    ),
    Indicator("revenue", "营业收入", "Operating revenue", "亿元", "profits", (3_000, 60_000)),
    Indicator("operating_cost", "营业成本", "Operating cost", "亿元", "profits", (2_500, 55_000)),
    Indicator("total_profit", "利润总额", "Total profit", "亿元", "profits", (20, 6_000)),
    Indicator(
        "profit_margin",
        "营业收入利润率",
        "Profit margin on operating revenue",
        "%",
        "profits",
        (-20, 30),
        per_month=False,
    ),
    Indicator(
        "receivables",
        "应收票据及应收账款",
        "Notes and accounts receivable",
        "亿元",
        "profits",
        (5_000, 600_000),
        per_month=False,
    ),
    Indicator(
        "producer_prices", "生产者出厂价格", "Producer prices (PPI) of the industry", "", "prices"
    ),
    Indicator("fixed_asset_investment", "固定资产投资", "Fixed-asset investment", "", "investment"),
    # Added by EIM Monitor (not in ../shared/contract): the rates of the industries the
    # bulletins compare with, recovered from the printed gaps (loaders.tables.derive).
    Indicator(
        "industry_value_added",
        "工业增加值",
        "Value added of all industry (derived)",
        "",
        "production",
        contract=False,
    ),
    Indicator(
        "high_tech_value_added",
        "高技术制造业增加值",
        "Value added of high-tech manufacturing (derived)",
        "",
        "production",
        contract=False,
    ),
    Indicator(
        "industry_export_delivery_value",
        "工业出口交货值",
        "Export delivery value of all industry (derived)",
        "",
        "exports",
        contract=False,
    ),
    Indicator(
        "industry_fixed_asset_investment",
        "工业投资",
        "Fixed-asset investment of all industry (derived)",
        "",
        "investment",
        contract=False,
    ),
    Indicator(
        "high_tech_fixed_asset_investment",
        "高技术制造业投资",
        "Fixed-asset investment of high-tech manufacturing (derived)",
        "",
        "investment",
        contract=False,
    ),
    Indicator(
        "manufacturing_fixed_asset_investment",
        "制造业投资",
        "Fixed-asset investment of all manufacturing (derived)",
        "",
        "investment",
        contract=False,
    ),
)

#: A region's revenue per month, in 亿元: from the Northeast's few tens of 亿元 a
#: month to the East's ten thousand.
REGIONAL_MONTHLY_RANGE: Final[tuple[float, float]] = (5, 40_000)

REGIONS: Final[dict[str, tuple[str, str]]] = {
    "national": ("全国", "China"),
    "east": ("东部地区", "East"),
    "central": ("中部地区", "Central"),
    "west": ("西部地区", "West"),
    "northeast": ("东北地区", "Northeast"),
    "jing_jin_ji": ("京津冀地区", "Beijing-Tianjin-Hebei"),
    "yangtze_delta": ("长三角地区", "Yangtze River Delta"),
}

#: The four regions whose shares of national revenue add up to 100, in the order
#: the bulletins list them (``四个地区…分别为…``).
FOUR_REGIONS: Final[tuple[str, ...]] = ("east", "central", "west", "northeast")
#: The products and customs series the bulletins print as levels (output, exports and
#: imports), in the order the dashboard offers them.
PRODUCTS: Final[tuple[str, ...]] = (
    "output_mobile_phones",
    "output_smartphones",
    "output_microcomputers",
    "output_integrated_circuits",
    "customs_export_laptops",
    "customs_export_mobile_phones",
    "customs_export_integrated_circuits",
    "customs_import_integrated_circuits",
)
#: The two clusters the bulletins report beside the four regions.
CLUSTERS: Final[tuple[str, ...]] = ("jing_jin_ji", "yangtze_delta")

SEGMENTS: Final[dict[str, tuple[str, str]]] = {
    "all": ("电子信息制造业", "Whole industry"),
    "communication_equipment": ("通信设备制造业", "Communication equipment"),
    "computers": ("计算机制造业", "Computers"),
    "electronic_components": (
        "电子元件及电子专用材料制造业",
        "Electronic components and special materials",
    ),
    "electronic_devices": ("电子器件制造业", "Electronic devices"),
}

MEASURES: Final[dict[str, tuple[str, str]]] = {
    "level": ("水平", "Level"),
    "yoy_pct": ("同比增速", "Year-on-year growth"),
    "change_pp": ("增速变化", "Change against an earlier period"),
    "gap_industry_pp": ("与工业增速之差", "Gap to all industry"),
    "gap_high_tech_pp": ("与高技术制造业增速之差", "Gap to high-tech manufacturing"),
    "gap_manufacturing_pp": ("与制造业增速之差", "Gap to all manufacturing"),
    "share_pct": ("占全国比重", "Share of the national total"),
}

BASES: Final[dict[str, tuple[str, str]]] = {
    "ytd": ("累计", "Year to date"),
    "month": ("当月", "Single month"),
}

PCT: Final = "%"
PP: Final = "pp"


def unit_of(indicator: str, measure: str) -> str:
    """The unit of a value: the level unit for levels, % for rates and shares, pp else."""
    if measure == "level":
        return INDICATORS[indicator].level_unit
    if measure in ("yoy_pct", "share_pct"):
        return PCT
    return PP


def changed_measure(indicator: str) -> str:
    """The measure a ``change_pp`` of ``indicator`` changes, as the contract says: the profit
    margin's level (%), every other indicator's growth rate (``yoy_pct``)."""
    return "level" if indicator == "profit_margin" else "yoy_pct"
