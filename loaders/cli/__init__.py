"""The ``eim`` command line: a thin layer of argparse over the library.

    eim parse FILE...                 read bulletins, print their facts (``cli.parse``)
    eim add | list | show | check     the store (``cli.store``)
    eim export | import | datasets    tables as files (``cli.export``)
    eim coverage                      the months each series has a figure for (``cli.coverage``)
    eim serve | password-hash         the dashboard under gunicorn (``cli.serve``)
    eim write PERIOD                  a period's facts as a bulletin (``cli.write``)

Each module adds its subcommands with ``register(subparsers)`` and imports what its
commands need only when they run, so ``eim parse`` starts without pandas, the store or the
dashboard. Exit statuses are those of ``loaders.cli.exits`` for every command: Ctrl-C ends
any of them with one line and INTERRUPTED (130), input that ends before an answer (Ctrl-D at
a prompt) with one line and FAILED. ``eim --version`` prints the installed package's version.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata

from loaders import settings
from loaders.cli import coverage as coverage_commands
from loaders.cli import exits
from loaders.cli import export as export_commands
from loaders.cli import parse as parse_commands
from loaders.cli import serve as serve_commands
from loaders.cli import store as store_commands
from loaders.cli import write as write_commands
from loaders.errors import StoreFailure
from loaders.extras import MissingExtra

#: The distribution whose metadata ``eim --version`` prints.
PACKAGE = "eim-monitor"
#: Modules that add subcommands, in the order ``eim --help`` lists them.
COMMAND_MODULES = (
    parse_commands,
    store_commands,
    export_commands,
    coverage_commands,
    serve_commands,
    write_commands,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``eim`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="eim", description="EIM Monitor: MIIT electronic-information bulletins as data."
    )
    parser.add_argument("--version", action="version", version=f"eim {version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def version() -> str:
    """The installed ``eim-monitor`` package's version (its metadata), or ``unknown``."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown (the package eim-monitor is not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``eim`` console script."""
    args = build_parser().parse_args(argv)
    settings.reload()  # a command reads the environment once, as it is when it starts
    try:
        status: int = args.run(args)
    except BrokenPipeError:  # the reader (``| head``) stopped reading: not an error
        sys.stderr.close()
        return exits.OK
    except MissingExtra as error:  # an optional part without its extra: say which to install
        print(f"eim {args.command}: {error}", file=sys.stderr)
        return exits.FAILED
    except StoreFailure as error:  # the database is read-only, full or unreachable: say so
        print(f"eim {args.command}: {error}", file=sys.stderr)
        return exits.FAILED
    except KeyboardInterrupt:  # Ctrl-C: one line, not a traceback
        print(f"\neim {args.command}: interrupted", file=sys.stderr)
        return exits.INTERRUPTED
    except EOFError:  # Ctrl-D (end of input) at a prompt
        print(f"\neim {args.command}: the input ended before an answer was given", file=sys.stderr)
        return exits.FAILED
    return status
