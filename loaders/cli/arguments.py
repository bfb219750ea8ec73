"""Argument readers the commands share.

period_argument("2023-11")        an argparse ``type``: the period, or a usage error
period_or_none("2023-13", "show") the period, or None after saying why on stderr
"""

from __future__ import annotations

import argparse
import sys

from loaders.bulletin.periods import Month


def period_argument(value: str) -> str:
    """An argparse type: a period ``YYYY-MM``, normalised."""
    try:
        return str(Month.parse(value))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def period_or_none(value: str, command: str) -> str | None:
    """The period ``YYYY-MM`` that ``value`` names, or None when it names none; then the
    reason is on standard error, as ``eim COMMAND: …`` (the caller exits with USAGE)."""
    try:
        return str(Month.parse(value))
    except ValueError as error:
        print(f"eim {command}: {error}", file=sys.stderr)
        return None
