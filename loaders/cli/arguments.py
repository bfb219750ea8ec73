"""Argument readers the commands share.

period_argument("2023-11")        an argparse ``type``: the period, or a usage error
period_or_none("2023-13", "show") the period, or None after saying why on stderr
source_url_argument("https://…")  an argparse ``type``: the URL, or a usage error
"""

from __future__ import annotations

import argparse
import sys

from loaders.bulletin.periods import Month
from loaders.source_url import SourceUrlError, source_url


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


def source_url_argument(value: str) -> str | None:
    """An argparse type: a bulletin's source URL (http or https; "" for none)."""
    try:
        return source_url(value)
    except SourceUrlError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
