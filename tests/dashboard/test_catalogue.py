"""The one translation catalogue (``dashboard/i18n/catalogue.toml``): every label the code
asks for by a literal key is there, in both languages; a computed key's section exists; a
malformed catalogue is refused when read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard import i18n
from loaders.settings import PROJECT_ROOT


def keys_asked_for(folder: Path) -> tuple[set[str], set[str]]:
    """(literal keys, prefixes of computed keys) of every ``t(...)`` call under ``folder``:
    ``t("growth.title", lang)`` gives ``growth.title``; ``t(f"growth.{code}", lang)`` and
    ``t("growth." + code, lang)`` give the prefix ``growth.``."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "t" or not node.args:
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                literal.add(key.value)
            elif isinstance(key, ast.JoinedStr) and isinstance(key.values[0], ast.Constant):
                prefixes.add(str(key.values[0].value))
            elif isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant):
                prefixes.add(str(key.left.value))
    return literal, prefixes


def test_every_literal_key_is_in_the_catalogue_in_both_languages() -> None:
    literal, prefixes = keys_asked_for(PROJECT_ROOT / "dashboard")
    assert len(literal) > 100
    missing = sorted(key for key in literal if key not in i18n.CATALOGUE)
    assert not missing
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in i18n.CATALOGUE), prefix
    for zh, en in i18n.CATALOGUE.values():
        assert zh and en


def test_a_label_is_filled_only_when_values_are_given() -> None:
    assert i18n.t("growth.year_name", "en", year=2024) == "2024"
    assert i18n.t("growth.year_name", "zh", year=2024) == "2024年"
    assert i18n.t("growth.year_name", "zh") == "{year}年"
    with pytest.raises(KeyError):
        i18n.t("no.such.label", "zh")


def test_a_malformed_catalogue_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "catalogue.toml"
    bad.write_text('title = ["只有中文"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="title is not a pair"):
        i18n._read_catalogue(bad)
