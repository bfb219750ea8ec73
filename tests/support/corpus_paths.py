"""Where the shared corpus, contract and scorer live (``<repo>/../shared``, or the folder
``EIM_SHARED_DIR`` names), and how tests skip visibly when they are absent.

``../shared`` is a folder beside the repository, not part of it: the data contract
(``contract/``), the corpus of real MIIT bulletins with hand-checked facts (``corpus/``) and
the scorer (``tools/score_corpus.py``). The corpus is read in place, read-only, and never
copied into the project. In CI it is present; on a clone without it every corpus test is
skipped with a reason that says what ``../shared`` is and which path is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loaders.settings import PROJECT_ROOT, Settings

ROOT = PROJECT_ROOT
#: ``EIM_SHARED_DIR`` (``loaders.settings``), else ``../shared`` beside the repository.
SHARED = Settings().shared_dir
CORPUS = SHARED / "corpus"
CONTRACT = SHARED / "contract"
SCORER = SHARED / "tools" / "score_corpus.py"

#: The corpus folders of bulletin copies: keyed copies and damaged ones.
FOLDERS: tuple[str, ...] = ("bulletins", "robustness")


def missing_reason(*paths: Path) -> str | None:
    """Why corpus tests cannot run here (naming the first missing path), or None."""
    for path in paths:
        if not path.exists():
            return (
                f"../shared not found: {path} is missing. ../shared is the folder beside "
                "the repository holding the data contract and the corpus of real MIIT "
                "bulletins these tests read (read-only); put it there, or name it with "
                "EIM_SHARED_DIR"
            )
    return None


def require(*paths: Path) -> None:
    """Skip the calling test, with a reason naming the folder, unless every path exists."""
    reason = missing_reason(*paths)
    if reason:
        pytest.skip(reason)


def corpus_folder(name: str) -> Path:
    """``<repo>/../shared/corpus/<name>``; skips the calling test when it is absent."""
    folder = CORPUS / name
    require(folder)
    return folder


def corpus_files(*folders: str) -> list[Any]:
    """``pytest.param`` per ``.txt`` file of the corpus folders, for ``parametrize``.

    When a folder is missing the list holds one parameter that is skipped with a reason naming
    it, so the absence shows in the test report instead of an empty parameter set.
    """
    params: list[Any] = []
    for name in folders:
        folder = CORPUS / name
        reason = missing_reason(folder)
        if reason:
            params.append(
                pytest.param(None, id=f"{name}-missing", marks=pytest.mark.skip(reason=reason))
            )
            continue
        params.extend(
            pytest.param(path, id=f"{name}/{path.name}") for path in sorted(folder.glob("*.txt"))
        )
    return params
