"""Pure figure builders: series (pandas DataFrames) in, plotly figures (plain dicts) out.

    base          what every chart shares: the layout, time series with gaps and derived
                  points, bars, sparklines, the modebar config, colours
    look          the chart pages' look: height, grid, legend, "no data", titles with units
    year_overlay  one line per year over the months 1..12
    memo          values computed once per cached DataFrame (rows as dicts, columns as lists)
    growth, products, regions   the figures of each chart page

Nothing here imports Dash, Flask or the store: a figure is a function of its data and the
language (``tests/test_architecture.py``).
"""
