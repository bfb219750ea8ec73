"""The store's facts as tables: derived series, DataFrames, filters, files in and out.

    derive     printed facts -> computed rows (single months, comparison industries' rates,
               regional shares), each flagged ``derived`` and saying how it was computed
    frames     ``Store.facts()`` / ``Store.bulletins()`` -> the pandas tables of
               ``loaders.schema`` (observations, wide, bulletins, indicators)
    filters    one selection of observations (codes, periods, derived, as of a time) and
               the one function that applies it to a table
    export     tables -> CSV (UTF-8 with BOM), XLSX, JSON, Parquet and ``datapackage.json``
    importer   an exported CSV folder -> an empty store
    datasets   the shipped ``datasets/`` built from the shared corpus (``eim datasets``)

Shapes: every table is a DataFrame with exactly the columns of its ``loaders.schema.Table``,
in order, index 0..n-1; values in the row's ``unit``. Nothing here renders pages.
"""
