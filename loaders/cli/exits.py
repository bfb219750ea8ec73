"""The exit statuses of every ``eim`` command, one set for all of them.

OK       0  everything asked was done
FAILED   1  an input was refused (not a bulletin, a failed check, nothing stored …);
            the reason is on standard error or in the output
USAGE    2  the arguments are unusable (unknown option, missing file, bad period)
"""

from __future__ import annotations

from typing import Final

OK: Final = 0
FAILED: Final = 1
USAGE: Final = 2
