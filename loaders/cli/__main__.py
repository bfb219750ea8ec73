"""``python -m loaders.cli ARGS`` is ``eim ARGS``."""

import sys

from loaders.cli import main

sys.exit(main())
