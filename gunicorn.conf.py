"""gunicorn's configuration for the Procfile (``gunicorn --config gunicorn.conf.py``): the
settings of ``dashboard.tools.serving``, which ``eim serve``, the tests and the benchmark use
too. Edit them there."""

from dashboard.tools.serving import *  # noqa: F403
