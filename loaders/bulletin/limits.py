"""The bounds on what the loader reads, one set for the command line and the web.

MAX_BULLETIN_BYTES   1 MiB (1,048,576 bytes): the largest bulletin file read; a real
                     bulletin, even as a saved web page, is a few dozen KB
PARSE_SECONDS        30 s: the longest ``eim parse`` and ``eim add`` spend reading one
                     file (a 1 MiB file of noise takes about 5 s)
too_large(name, size)  the refusal of a file of ``size`` bytes, as one sentence
"""

from __future__ import annotations

from typing import Final

MAX_BULLETIN_BYTES: Final = 1024 * 1024
PARSE_SECONDS: Final = 30.0


def too_large(name: str, size: int) -> str:
    """Why a file of ``size`` bytes is not read: ``x.txt has 52,428,800 bytes; …``."""
    return (
        f"{name} has {size:,} bytes; bulletins of up to {MAX_BULLETIN_BYTES:,} bytes (1 MB) "
        "are read (a bulletin's page is far smaller)"
    )
