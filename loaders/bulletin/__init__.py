"""The bulletin parser: one bulletin's text in, validated facts and issues out.

    text      decode bytes (UTF-8, GB18030) and normalise the text once (NFKC, pinyin glosses,
              traditional -> simplified, spaces inside figures)
    periods   the bulletin's own period and the periods its sentences refer to
    numbers   printed figures -> values in the contract's units, and their precision
    rules/    the rule tables, one module per bulletin section (subjects and measures)
    scanner   tokens of a normalised text: figures, periods, subjects, measure words
    reader    clause by clause, tokens -> ``Observation`` rows or ``Issue`` s
    checks    arithmetic checks over facts (shares, margins, changes against earlier figures)
    models    the pydantic records: ``Observation``, ``Issue``, ``Bulletin``
    marks     marks the project writes into text that the parser must recognise
    parse     the entry point: ``parse_bulletin(text | bytes | Path) -> Bulletin``

Shapes: ``parse_bulletin`` takes a bulletin's text (str, bytes or a path to .txt/.html) and
gives a ``Bulletin``: period ``YYYY-MM``, title, sha256 of the text, ``observations`` (one per
printed figure, in the contract's codes and units, with the clause it came from) and
``issues`` (figures not read or not trusted, failed checks). It raises ``BulletinError`` for
an input that is not a bulletin. Nothing here imports the store, pandas or the dashboard
(``tests/test_architecture.py`` holds it to that).
"""
