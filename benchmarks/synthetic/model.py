"""The synthetic values: ``Model.figure(key)`` -> (value in the contract's unit, the figure as
printed), a pure function of the key and the seed; ``Model.observation(key)`` the validated
``Observation``. The rules are in ``benchmarks/synthetic_store.py``'s docstring: levels from a
seasonal, growing monthly amount, rates from levels a year apart or around the shipped mean,
regional shares and margins from levels, changes from printed rates.
"""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.synthetic.periods import Key
from benchmarks.synthetic.shipped import FOLLOWS, Format, Shipped, default_format
from loaders.bulletin.models import Observation
from loaders.catalog import FOUR_REGIONS, INDICATORS, unit_of

#: The yearly growth of a level series: the shipped mean rate, clipped to this range (%/yr)
#: so that 30 years of it stay plausible, then ± YEAR_SHIFT points a year.
GROWTH_RANGE = (-2.0, 10.0)
YEAR_SHIFT = 3.0
#: Noise of a rate without levels (points), of a gap (points).
RATE_NOISE = 1.0
GAP_NOISE = 1.0
#: Relative noise of a monthly amount, of a regional weight, of a ratio to the parent.
AMOUNT_NOISE = 0.04
WEIGHT_NOISE = 0.03
RATIO_NOISE = 0.02
#: A level printed with fewer significant digits than this gets more decimals.
MIN_DIGITS = 3


class Model:
    """The synthetic values: ``figure(key)`` -> (value, printed), a pure function of the key
    and the seed (cached). See the module docstring for the rules."""

    def __init__(self, shipped: Shipped, seed: int, last_year: int) -> None:
        self.shipped = shipped
        self.seed = seed
        self.last_year = last_year
        self._figures: dict[Key, tuple[float, str]] = {}
        self._amounts: dict[tuple[str, str, int, int], float] = {}
        self._growth: dict[tuple[str, int], float] = {}
        missing = set(FOUR_REGIONS) - set(shipped.shares)
        if missing:
            raise ValueError(f"the shipped datasets give no revenue share for {sorted(missing)}")
        total = sum(shipped.shares[r] for r in FOUR_REGIONS)
        if abs(total - 100) > 5:
            raise ValueError(f"the four regions' shipped shares sum to {total:.1f}, expected ≈100")

    # random draws: one generator per (seed, what), so a value does not depend on build order
    def uniform(self, low: float, high: float, *what: object) -> float:
        return random.Random("|".join(map(str, (self.seed, *what)))).uniform(low, high)

    def format(self, key: Key) -> Format:
        formats = self.shipped.formats.get(key.month.month, {})
        found = formats.get(key.series) or self.shipped.any_format.get(key.series)
        return found or default_format(key.indicator, key.measure)

    # -- levels
    def growth(self, indicator: str, year: int) -> float:
        """The level of ``indicator`` in ``year`` relative to ``last_year`` (1 there)."""
        if year == self.last_year:
            return 1.0
        cached = self._growth.get((indicator, year))
        if cached is not None:
            return cached
        centre = self.shipped.centres.get((indicator, "national", "all", "ytd", "yoy_pct"), 5.0)
        low, high = GROWTH_RANGE

        def rate(y: int) -> float:
            return 1 + (min(max(centre, low), high) + self.uniform(-3, 3, "g", indicator, y)) / 100

        factor = 1.0
        if year < self.last_year:
            for y in range(self.last_year, year, -1):
                factor /= rate(y)
        else:
            for y in range(self.last_year + 1, year + 1):
                factor *= rate(y)
        self._growth[(indicator, year)] = factor
        return factor

    def amount(self, indicator: str, region: str, year: int, month: int) -> float:
        """The single-month level of ``indicator`` in ``region``, unrounded, in its unit."""
        cache = (indicator, region, year, month)
        cached = self._amounts.get(cache)
        if cached is not None:
            return cached
        if region != "national":
            if indicator != "revenue" or region not in self.shipped.shares:
                raise ValueError(f"no level model for {indicator} in {region}")
            value = self.amount("revenue", "national", year, month) * self.weight(
                region, year, month
            )
        elif indicator == "total_profit":
            margin = self.shipped.ratios["profit_margin"] + self.uniform(-1, 1, "m", year)
            margin += self.uniform(-0.5, 0.5, "m", year, month)
            value = self.amount("revenue", region, year, month) * max(margin, 0.5) / 100
        elif indicator in FOLLOWS:
            ratio = self.shipped.ratios[indicator]
            ratio *= 1 + self.uniform(-RATIO_NOISE, RATIO_NOISE, "r", indicator, year, month)
            value = self.amount(FOLLOWS[indicator], region, year, month) * min(ratio, 1.0)
        elif indicator in self.shipped.monthly:
            season = 0.85 + 0.3 * (month - 1) / 11
            noise = 1 + self.uniform(-AMOUNT_NOISE, AMOUNT_NOISE, "a", indicator, year, month)
            value = self.shipped.monthly[indicator] * self.growth(indicator, year) * season * noise
        else:
            raise ValueError(f"the shipped datasets hold no national level of {indicator}")
        self._amounts[cache] = value
        return value

    def weight(self, region: str, year: int, month: int) -> float:
        """A region's part of national revenue in one month: the four sum to 1 exactly."""

        def raw(r: str) -> float:
            noise = self.uniform(-WEIGHT_NOISE, WEIGHT_NOISE, "w", r, year, month)
            return self.shipped.shares[r] * (1 + noise)

        if region in FOUR_REGIONS:
            return raw(region) / sum(raw(r) for r in FOUR_REGIONS)
        return raw(region) / 100

    def level(self, key: Key) -> float:
        """Unrounded level: the month's amount, or the sum from January (cumulative)."""
        month = key.month
        if key.basis == "month":
            return self.amount(key.indicator, key.region, month.year, month.month)
        return sum(
            self.amount(key.indicator, key.region, month.year, m) for m in range(1, month.month + 1)
        )

    def has_levels(self, key: Key) -> bool:
        spec = INDICATORS[key.indicator]
        if key.segment != "all" or not spec.per_month or not spec.level_unit:
            return False
        if key.region != "national":
            return key.indicator == "revenue" and key.region in self.shipped.shares
        return key.indicator in self.shipped.monthly or key.indicator in FOLLOWS

    # -- every measure
    def true_value(self, key: Key) -> float:
        """The unrounded value of a key."""
        same = key._replace(measure="level", ref_period="")
        if key.measure == "level":
            if key.indicator == "profit_margin":
                profit = self.figure(same._replace(indicator="total_profit"))[0]
                revenue = self.figure(same._replace(indicator="revenue"))[0]
                return 100 * profit / revenue
            if not self.has_levels(key):
                raise ValueError(f"no level model for {key}")
            return self.level(key)
        if key.measure == "yoy_pct":
            if self.has_levels(key):
                year_ago = same._replace(period=str(key.month.shifted(-12)))
                return 100 * (self.level(same) / self.level(year_ago) - 1)
            centre = self.shipped.centres.get(key.series)
            if centre is None:
                centre = self.shipped.centres.get(
                    (key.indicator, "national", "all", "ytd", "yoy_pct"), 5.0
                )
            shift = self.uniform(-YEAR_SHIFT, YEAR_SHIFT, "y", key.indicator, key.month.year)
            return centre + shift + self.uniform(-RATE_NOISE, RATE_NOISE, "k", *key)
        if key.measure == "change_pp":
            base = "level" if key.indicator == "profit_margin" else "yoy_pct"
            now = key._replace(measure=base, ref_period="")
            then = now._replace(period=key.ref_period)
            return round(self.figure(now)[0] - self.figure(then)[0], 6)
        if key.measure == "share_pct":
            if key.indicator != "revenue" or key.region == "national":
                raise ValueError(f"no share model for {key}")
            return 100 * self.level(same) / self.level(same._replace(region="national"))
        if key.measure.startswith("gap_"):
            centre = self.shipped.centres.get(key.series, 0.0)
            return centre + self.uniform(-GAP_NOISE, GAP_NOISE, "k", *key)
        raise ValueError(f"no model for the measure of {key}")

    def figure(self, key: Key) -> tuple[float, str]:
        """(value in the contract's unit, the figure as printed) of a key."""
        cached = self._figures.get(key)
        if cached is None:
            cached = printed(self.true_value(key), self.format(key))
            self._figures[key] = cached
        return cached

    def observation(self, key: Key) -> Observation:
        """The validated ``Observation`` of a key."""
        value, figure = self.figure(key)
        return Observation.model_validate(
            {
                **key._asdict(),
                "value": value,
                "unit": unit_of(key.indicator, key.measure),
                "printed": figure,
            }
        )


def printed(value: float, fmt: Format) -> tuple[float, str]:
    """``value`` rounded as ``fmt`` prints it: (printed number × factor, signed; the figure
    unsigned with its unit, as the bulletins print it: ``下降1.8%`` -> ``1.8%``)."""
    number = abs(value) / float(fmt.factor)
    decimals = fmt.decimals
    while fmt.scaled and number * 10**decimals < 10 ** (MIN_DIGITS - 1) and decimals < 6:
        decimals += 1
    text = f"{number:.{decimals}f}"
    exact = Decimal(text) * fmt.factor
    return (-float(exact) if value < 0 and exact else float(exact)), text + fmt.suffix
