"""EIM Monitor's library: MIIT 电子信息制造业运行情况 bulletins -> validated, tidy facts.

    from loaders import parse_bulletin
    bulletin = parse_bulletin(Path("2023-11.txt"))
    bulletin.observations  # Observation rows in the contract's codes

The packages, from text to tables:
    bulletin/   the parser: one bulletin's text -> ``Observation`` rows and ``Issue`` s
    store/      every bulletin ever added, with its text, as a vintage (SQLite, PostgreSQL)
    tables/     the store's facts as tables: derived series, filters, export, import, datasets
    writer/     a period's facts written back as a bulletin (zh, en)
    cli/        the ``eim`` command line
and the modules they share: ``schema`` (the one definition of every table and of a fact's
key), ``catalog`` (the codes and their names), ``settings`` (the environment, read once),
``errors`` (the base exception), ``api`` (the tables as DataFrames, for notebooks and the
dashboard).
"""

from loaders.bulletin.models import Bulletin, Issue, Observation
from loaders.bulletin.parse import BulletinError, parse_bulletin

__all__ = ["Bulletin", "BulletinError", "Issue", "Observation", "parse_bulletin"]
