"""The project's own test bulletin (``tests/fixtures/own_2025-10.txt``, written in the
bulletins' style for the tests), as text and moved to other months."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "own_2025-10.txt"


def own_bulletin(month: int, **changes: str) -> str:
    """The project's own 2025-10 bulletin moved to 1—``month`` 2025, with ``changes``
    (printed figure -> new printed figure) applied."""
    text = FIXTURE.read_text("utf-8")
    text = text.replace("1—10月", f"1—{month}月").replace("10月份，规模", f"{month}月份，规模")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text
