"""Pure figure builders: series (pandas DataFrames) in, plotly figures (plain dicts) out.

    base      what every chart shares: the layout, time series with gaps and derived points,
              bars, sparklines, the modebar config, colours
    memo      values computed once per cached DataFrame (rows as dicts, columns as lists)

Page figures live beside them, one module per page. Nothing here imports Dash, Flask or the
store: a figure is a function of its data and the language (``tests/test_architecture.py``).
"""
