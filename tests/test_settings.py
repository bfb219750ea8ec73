"""``loaders.settings``: one Settings for the store, the CLI and the dashboard, read once per
process; the SQLite default is the project's ``var/eim.sqlite`` from any working folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import settings
from loaders.settings import PROJECT_ROOT


def url_seen_from(folder: Path, **env: str) -> str:
    """The store URL a fresh process started in ``folder`` reads from its environment."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("EIM_DATABASE_URL", "EIM_DATABASE_PATH")
    }
    done = subprocess.run(
        [sys.executable, "-c", "from loaders import settings; print(settings.current().url())"],
        cwd=folder,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_default_store_is_the_projects_from_any_folder(tmp_path: Path) -> None:
    expected = f"sqlite:///{PROJECT_ROOT / 'var' / 'eim.sqlite'}"
    assert url_seen_from(tmp_path) == expected
    assert url_seen_from(PROJECT_ROOT) == expected


def test_a_relative_path_given_is_from_the_working_folder(tmp_path: Path) -> None:
    assert url_seen_from(tmp_path, EIM_DATABASE_PATH="here.sqlite") == "sqlite:///here.sqlite"


def test_settings_are_read_once_until_reloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIM_ADMIN_USER", "first")
    assert settings.reload().admin_user == "first"
    monkeypatch.setenv("EIM_ADMIN_USER", "second")
    assert settings.current().admin_user == "first"
    assert settings.reload().admin_user == "second"


def test_one_settings_class_holds_the_store_the_login_and_the_view_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EIM_DATABASE_URL", "postgresql+psycopg://u@h:5432/eim")
    monkeypatch.setenv("EIM_COOKIE_SECURE", "false")
    monkeypatch.setenv("EIM_VIEW_CACHE", "off")
    found = settings.reload()
    assert found.url() == "postgresql+psycopg://u@h:5432/eim"
    assert found.database() == "the database EIM_DATABASE_URL names"
    assert (found.cookie_secure, found.view_cache) == (False, False)
