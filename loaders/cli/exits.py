"""The exit statuses of every ``eim`` command, one set for all of them.

OK       0  everything asked was done
FAILED   1  an input was refused (not a bulletin, a failed check, nothing stored …);
            the reason is on standard error or in the output
USAGE    2  the arguments are unusable (unknown option, a missing file or a directory
            given as one, a bad period, an --out that is a file)
INTERRUPTED 130  stopped by Ctrl-C (SIGINT; 128 + 2, as shells report it)

Input that ends at a prompt (Ctrl-D) gives FAILED: no answer was given.
"""

from __future__ import annotations

from typing import Final

OK: Final = 0
FAILED: Final = 1
USAGE: Final = 2
INTERRUPTED: Final = 130
