"""Whether ``EIM_SECRET_KEY`` is strong enough to sign the editor's sessions.

In: the key's text (or None). Out: None when it will do, else a sentence saying what is wrong
and how to make one. The strength is estimated as length × log2(distinct characters): a
``secrets.token_urlsafe(32)`` key (43 characters) gives about 210 bits, ``token_hex(32)``
256; ``MIN_SECRET_BITS`` is 128 and a key needs ``MIN_SECRET_CHARS`` characters.
"""

from __future__ import annotations

import math
from typing import Final

MIN_SECRET_CHARS: Final = 32
MIN_SECRET_BITS: Final = 128
HOW_TO_MAKE: Final = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def estimated_bits(key: str) -> float:
    """length × log2(distinct characters); 0 for a key of one repeated character."""
    distinct = len(set(key))
    return len(key) * math.log2(distinct) if distinct > 1 else 0.0


def problem(key: str | None) -> str | None:
    """None for a strong key; else why the editor login stays off, and the way out."""
    if not key:
        what = "EIM_SECRET_KEY is not set"
    elif len(key) < MIN_SECRET_CHARS:
        what = f"EIM_SECRET_KEY has {len(key)} characters, fewer than {MIN_SECRET_CHARS}"
    elif estimated_bits(key) < MIN_SECRET_BITS:
        what = f"EIM_SECRET_KEY is too predictable (about {estimated_bits(key):.0f} bits)"
    else:
        return None
    return (
        f"{what}: the editor login stays off. Make a key with `{HOW_TO_MAKE}`, set it as "
        "EIM_SECRET_KEY (the same on every machine sharing the database) and restart."
    )
