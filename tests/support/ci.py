"""Whether the tests run under CI (``CI`` set to anything but empty, 0, false, no): there a
missing service or browser fails the run instead of skipping its tests."""

from __future__ import annotations

import os


def running_under_ci() -> bool:
    """True under CI."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
