"""dashboard.lean: a worker of the app imports pandas without pyarrow (strings keep the
``str`` dtype with Python storage), pyarrow stays importable, and glibc's thresholds are set
without error; an interpreter that did not load the app keeps pandas' default storage."""

from __future__ import annotations

import subprocess
import sys

from loaders.settings import PROJECT_ROOT


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True
    )


def test_the_app_imports_pandas_without_pyarrow() -> None:
    done = run(
        "import sys, dashboard.app, pandas as pd\n"
        "assert 'pyarrow' not in sys.modules, 'pyarrow imported'\n"
        "assert pd.Series(['a']).dtype == 'str'\n"
        "print(pd.Series(['a']).dtype.storage)\n"
        "import pyarrow\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "python"


def test_without_the_app_pandas_keeps_its_default_storage() -> None:
    """The check above can fail: pandas alone (pyarrow installed here, for Parquet) takes
    pyarrow's storage."""
    done = run("import pandas as pd\nprint(pd.Series(['a']).dtype.storage)\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pyarrow"
