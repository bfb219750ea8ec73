"""Marks the project writes into text that the loader must recognise.

``DERIVED_MARK`` opens the part of a written bulletin (``loaders.writer``) that holds
EIM Monitor's computed figures: the loader reads a text only up to it, so a written
bulletin parses back to its printed figures and never takes a computed one as printed.
"""

from __future__ import annotations

from typing import Final

DERIVED_MARK: Final = "【推算】"
