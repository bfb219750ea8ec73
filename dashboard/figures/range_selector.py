"""The buttons above a time chart that choose how many years it shows: 1Y, 3Y, 5Y, all.

    range_selector(lang)   plotly's ``xaxis.rangeselector``: the last 1, 3 or 5 years up
                           to the end of the range shown, or every month; at the top right
                           of the plot, clear of the title (top left) and the legend (below)

Choosing one zooms the chart as a drag would, so the months chosen go into the address bar
(``dashboard/assets/chart_actions.js``) and into the chart's downloads.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import t

#: The spans offered, in years.
YEARS: tuple[int, ...] = (1, 3, 5)


def range_selector(lang: str) -> dict[str, Any]:
    """The buttons in ``lang`` (``1年``, ``3年``, ``5年``, ``全部`` / ``1Y`` … ``All``)."""
    buttons: list[dict[str, Any]] = [
        {
            "count": count,
            "label": t("chart.range_years", lang, count=count),
            "step": "year",
            "stepmode": "backward",
        }
        for count in YEARS
    ]
    buttons.append({"label": t("chart.range_all", lang), "step": "all"})
    return {
        "buttons": buttons,
        "x": 1,
        "xanchor": "right",
        "y": 1.02,
        "yanchor": "bottom",
        "font": {"size": 11},
        "bgcolor": "#f3f3f3",
        "activecolor": "#e0d4d4",
    }
