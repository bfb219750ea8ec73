"""The download commands: ``eim export``, ``eim import``, ``eim datasets``.

    eim export [--format csv|xlsx|json|parquet] --out DIR   every table of the store as files
    eim import DIR                                         an exported CSV folder into the store
    eim datasets [--corpus DIR] [--out DIR]                the shipped datasets from the corpus

The store is the one the environment names (``EIM_DATABASE_URL``, else the SQLite file
``EIM_DATABASE_PATH``); ``eim export`` first fills an empty one from the shipped
``datasets/`` (``store.open_store``), ``eim import`` never does. An ``--out`` that is an
existing file is an unusable argument (exit 2); errors go to standard error. pandas and the
store are imported when a command runs, so ``import loaders.cli`` stays light.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.cli import exits

FORMAT_CHOICES = ("csv", "xlsx", "json", "parquet")  # loaders.tables.export.FORMATS, without pandas


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export``, ``import`` and ``datasets`` to ``eim``."""
    export = commands.add_parser(
        "export",
        help="write every table of the store as CSV, XLSX, JSON or Parquet",
        description="Write the tables observations (tidy: latest vintage of each figure, "
        "plus derived series), wide (one row per period, one column per series), indicators "
        "and bulletins into DIR. csv: one UTF-8 file with BOM per table and a "
        "datapackage.json; xlsx: one workbook eim.xlsx, a sheet per table; json: one file "
        "per table and a datapackage.json; parquet: one file per table. Text that a "
        "spreadsheet would run as a formula gets a leading apostrophe in CSV and XLSX.",
    )
    export.add_argument(
        "--format", choices=FORMAT_CHOICES, default="csv", help="file format (default: csv)"
    )
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    export.set_defaults(run=export_command)

    load = commands.add_parser(
        "import",
        help="load an exported CSV folder into an empty store",
        description="Read DIR/bulletins.csv and DIR/observations.csv (as written by "
        "`eim export --format csv` or `eim datasets`) into the store: every bulletin with "
        "its provenance and its printed figures (derived rows are computed again; source "
        "texts are not in the files). A store that holds other bulletins is refused (exit "
        "1); one that holds exactly these is left unchanged.",
    )
    load.add_argument("directory", type=Path, metavar="DIR", help="an exported CSV folder")
    load.set_defaults(run=import_command)

    datasets = commands.add_parser(
        "datasets",
        help="build the shipped datasets (CSV + datapackage.json) from the corpus",
        description="Parse every CORPUS/bulletins/*.txt, keep the most complete copy of each "
        "period, store them in a temporary store at fixed times and export CSV with a "
        "datapackage.json into OUT. Running it twice gives identical files.",
    )
    datasets.add_argument(
        "--corpus",
        type=Path,
        default=Path("../shared/corpus"),
        metavar="DIR",
        help="the corpus folder holding bulletins/ (default: ../shared/corpus)",
    )
    datasets.add_argument(
        "--out",
        type=Path,
        default=Path("datasets"),
        metavar="DIR",
        help="folder to write (default: datasets)",
    )
    datasets.set_defaults(run=datasets_command)


def export_command(args: argparse.Namespace) -> int:
    """``eim export``: see ``register``."""
    from loaders.cli.store import open_store
    from loaders.tables.export import export

    if args.out.exists() and not args.out.is_dir():
        print(
            f"eim export: --out {args.out} is a file; give a folder (it is created when missing)",
            file=sys.stderr,
        )
        return exits.USAGE
    store = open_store()
    try:
        files = export(store, args.format, args.out)
    except OSError as error:  # a parent that is a file, no permission, a full disk
        print(f"eim export: cannot write into {args.out}: {error.strerror}", file=sys.stderr)
        return exits.FAILED
    finally:
        store.close()
    for path in files:
        print(path)
    return exits.OK


def import_command(args: argparse.Namespace) -> int:
    """``eim import DIR``: see ``register``."""
    from loaders.cli.store import open_store
    from loaders.tables.importer import ImportRefused, TableError, import_tables

    store = open_store(shipped=False)  # an import goes into an empty store
    try:
        result = import_tables(store, args.directory)
    except (ImportRefused, TableError) as error:
        print(f"eim import: {error}", file=sys.stderr)
        return exits.FAILED
    finally:
        store.close()
    if result.status == "unchanged":
        print(f"{args.directory}: unchanged — the store already holds exactly these bulletins")
    else:
        print(
            f"{args.directory}: imported {result.bulletins} bulletins, {result.facts} facts "
            f"({result.derived_skipped} derived rows are computed again, not stored)"
        )
    return exits.OK


def datasets_command(args: argparse.Namespace) -> int:
    """``eim datasets``: see ``register``."""
    from loaders.tables.datasets import build_datasets

    if not (args.corpus / "bulletins").is_dir():
        print(
            f"eim datasets: {args.corpus / 'bulletins'} is not a folder (set --corpus)",
            file=sys.stderr,
        )
        return exits.FAILED
    result = build_datasets(args.corpus, args.out)
    for period, names in result.chosen.items():
        print(f"{period}: {', '.join(names)}")
    for name, reason in result.skipped.items():
        print(f"left out {name}: {reason}")
    unsettled = sum(conflict.kept is None for conflict in result.conflicts)
    print(
        f"{len(result.conflicts)} conflicts between copies ({unsettled} left without value, "
        f"see conflicts.csv); {len(result.withheld)} figures withheld (only a damaged copy "
        "prints them)"
    )
    for path in result.files:
        print(f"wrote {path}")
    return exits.OK
