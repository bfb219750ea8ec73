"""``eim parse`` as a user runs it: exit statuses, the csv and table formats, ``--period``, and
the same facts from a saved HTML page, GB18030, UTF-8 with a BOM and CRLF line ends.

The bulletins here are written for these tests in the style of MIIT's monthly reports; their
figures are invented (and consistent with each other), not copied from any real bulletin.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import pytest

from loaders.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow  # starts eim in other processes

ROOT = PROJECT_ROOT
CONTRACT_COLUMNS = (
    "period",
    "basis",
    "indicator",
    "region",
    "segment",
    "measure",
    "value",
    "unit",
    "ref_period",
    "derived",
)

TITLE = "2023年1—8月份电子信息制造业运行情况"
BODY = """一、生产小幅增长

1—8月份，规模以上电子信息制造业增加值同比增长3.4%，增速较1—7月份提高0.6个百分点。\
8月份，规模以上电子信息制造业增加值同比增长5.1%。

1—8月份，主要产品中，手机产量9.71亿台，同比增长1.8%，其中智能手机产量7.02亿台，同比下降0.9%。

二、效益逐步恢复

1—8月份，规模以上电子信息制造业实现营业收入9.45万亿元，同比下降2.2%；\
实现利润总额3519亿元，同比下降17.6%；营业收入利润率为3.72%。
"""
BULLETIN = f"{TITLE}\n\n{BODY}"
#: The facts ``BULLETIN`` prints: (basis, indicator, measure) -> value.
EXPECTED = {
    ("ytd", "value_added", "yoy_pct"): 3.4,
    ("ytd", "value_added", "change_pp"): 0.6,
    ("month", "value_added", "yoy_pct"): 5.1,
    ("ytd", "output_mobile_phones", "level"): 97100,
    ("ytd", "output_mobile_phones", "yoy_pct"): 1.8,
    ("ytd", "output_smartphones", "level"): 70200,
    ("ytd", "output_smartphones", "yoy_pct"): -0.9,
    ("ytd", "revenue", "level"): 94500,
    ("ytd", "revenue", "yoy_pct"): -2.2,
    ("ytd", "total_profit", "level"): 3519,
    ("ytd", "total_profit", "yoy_pct"): -17.6,
    ("ytd", "profit_margin", "level"): 3.72,
}
PROSE = "今天天气晴朗，我们去公园散步，看到很多人在放风筝，孩子们玩得很开心。\n"


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``eim <args>`` with the interpreter running pytest, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def parse_json(*args: str | Path) -> tuple[int, list[dict[str, Any]]]:
    """(exit status, JSON array) of ``eim parse <args> --format json``."""
    proc = run_cli("parse", *args, "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError as error:
        pytest.fail(f"stdout is not JSON ({error}): {proc.stdout[:300]!r}\n{proc.stderr}")
    assert isinstance(results, list), results
    return proc.returncode, results


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """``content`` (text as UTF-8) written to ``folder/name``."""
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture
def bulletin_file(tmp_path: Path) -> Path:
    """``BULLETIN`` as a UTF-8 text file."""
    return write(tmp_path, "bulletin.txt", BULLETIN)


def test_good_file_exits_0_with_its_facts(bulletin_file: Path) -> None:
    """A bulletin: status 0, its period, title, and exactly the facts it prints."""
    status, results = parse_json(bulletin_file)
    assert status == 0
    assert len(results) == 1 and "error" not in results[0], results
    result = results[0]
    assert result["period"] == "2023-08"
    assert result["file"] == str(bulletin_file)
    got = {(r["basis"], r["indicator"], r["measure"]): r["value"] for r in result["observations"]}
    assert got == pytest.approx(EXPECTED)
    assert {r["period"] for r in result["observations"]} == {"2023-08"}
    assert result["issues"] == []


def test_one_file_not_a_bulletin_exits_1(bulletin_file: Path, tmp_path: Path) -> None:
    """Prose with no period beside a bulletin: status 1, an error object for the prose only."""
    prose = write(tmp_path, "notes.txt", PROSE)
    status, results = parse_json(bulletin_file, prose)
    assert status == 1
    assert [r["file"] for r in results] == [str(bulletin_file), str(prose)]
    assert "observations" in results[0] and "error" not in results[0]
    error = results[1].get("error")
    assert isinstance(error, str) and len(error.split()) >= 3, results[1]
    assert "observations" not in results[1]


def test_missing_file_exits_2(bulletin_file: Path, tmp_path: Path) -> None:
    """A file that does not exist is an unusable argument: status 2."""
    missing = tmp_path / "no-such-bulletin.txt"
    status, results = parse_json(bulletin_file, missing)
    assert status == 2
    assert results[1]["file"] == str(missing) and "error" in results[1], results


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--period", "2023-13"), id="bad-period-month"),
        pytest.param(("--period", "August"), id="bad-period-text"),
        pytest.param(("--frobnicate",), id="unknown-option"),
        pytest.param(("--format", "xml"), id="unknown-format"),
    ],
)
def test_unusable_arguments_exit_2(bulletin_file: Path, args: tuple[str, ...]) -> None:
    """A bad ``--period``, an unknown option or format: status 2 and a message on stderr."""
    proc = run_cli("parse", bulletin_file, *args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.strip() and "Traceback" not in proc.stderr, proc.stderr


def test_csv_has_a_header_and_one_row_per_observation(bulletin_file: Path) -> None:
    """``--format csv``: the tidy columns as header, then one row per observation."""
    _, results = parse_json(bulletin_file)
    proc = run_cli("parse", bulletin_file, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    reader = csv.DictReader(io.StringIO(proc.stdout))
    header = reader.fieldnames or []
    missing = [column for column in CONTRACT_COLUMNS if column not in header]
    assert not missing, f"csv header {header} lacks {missing}"
    rows = list(reader)
    observations = results[0]["observations"]
    assert len(rows) == len(observations) == len(EXPECTED)
    for row, observation in zip(rows, observations, strict=True):
        assert row["file"] == str(bulletin_file)
        assert float(row["value"]) == pytest.approx(observation["value"])
        for column in ("period", "basis", "indicator", "region", "measure", "unit"):
            assert row[column] == observation[column], (column, row, observation)


def test_table_shows_the_title_and_issues(tmp_path: Path) -> None:
    """``--format table``: the title and period; an ``issues:`` section only when there are.

    The text without a title names no year; the file name gives it, with a warning issue.
    """
    clean = write(tmp_path, "bulletin.txt", BULLETIN)
    no_year = write(tmp_path, "eim_2023-08.txt", BODY)
    proc = run_cli("parse", clean, no_year, "--format", "table")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    first, second = proc.stdout.split(f"== {no_year}")
    assert first.startswith(f"== {clean}")
    assert "2023年1-8月份电子信息制造业运行情况" in first and "(2023-08)" in first, first
    assert f"{len(EXPECTED)} facts" in first
    assert "issues:" not in first, first
    assert "issues:" in second, second
    assert "names no year" in second.split("issues:")[1], second


def test_period_option_sets_the_period_of_a_text_without_a_year(tmp_path: Path) -> None:
    """``--period`` gives a text with no year its period; without it the file is refused."""
    no_year = write(tmp_path, "pasted.txt", BODY)
    status, results = parse_json(no_year, "--period", "2023-08")
    assert status == 0, results
    result = results[0]
    assert result["period"] == "2023-08"
    assert {r["period"] for r in result["observations"]} == {"2023-08"}
    assert {r["ref_period"] for r in result["observations"]} == {"", "2023-07"}
    got = {(r["basis"], r["indicator"], r["measure"]): r["value"] for r in result["observations"]}
    assert got == pytest.approx(EXPECTED)

    status, results = parse_json(no_year)
    assert status == 1, results
    assert "--period" in results[0]["error"], results[0]


def facts_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A result's observation rows, failing when the file was refused."""
    assert "error" not in result, result
    rows: list[dict[str, Any]] = result["observations"]
    return rows


def saved_page(title: str, body: str) -> str:
    """``title`` and ``body`` as a saved web page: ``<p>`` paragraphs, entities, a script with
    a decoy figure, a style sheet, navigation and a comment."""
    paragraphs = []
    for number, line in enumerate(filter(None, body.splitlines())):
        text = escape(line, quote=False).replace("—", "&mdash;")
        if number % 2:
            text = "&nbsp;&nbsp;" + text.replace("，", "&#xFF0C;").replace("%", "&#37;")
        paragraphs.append(f'<p style="text-indent: 2em">{text}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}_运行监测协调局</title>\n"
        "<script>var hot = '1—8月份，规模以上电子信息制造业增加值同比增长99.9%';</script>\n"
        "<style>p { line-height: 2em; }</style>\n</head>\n<body>\n"
        '<div class="crumb">首页 &gt; 工作动态 &gt; 运行监测</div>\n'
        f"<h1>{escape(title)}</h1>\n<!-- 营业收入同比增长88.8% -->\n"
        + "\n".join(paragraphs)
        + '\n<script type="text/javascript">document.write("利润总额同比增长77.7%");</script>\n'
        "</body>\n</html>\n"
    )


def test_saved_html_page_gives_the_facts_of_its_text(tmp_path: Path) -> None:
    """A saved HTML page gives the same facts as the plain text of the same bulletin."""
    text = write(tmp_path, "bulletin.txt", BULLETIN)
    page = write(tmp_path, "bulletin.html", saved_page(TITLE, BODY))
    status, results = parse_json(text, page)
    assert status == 0, results
    plain, html_page = (facts_of(r) for r in results)
    assert len(plain) == len(EXPECTED)
    assert html_page == plain
    assert results[1]["period"] == results[0]["period"] == "2023-08"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("gb18030.txt", BULLETIN.encode("gb18030"), id="gb18030"),
        pytest.param("bom.txt", b"\xef\xbb\xbf" + BULLETIN.encode("utf-8"), id="utf-8-bom"),
        pytest.param("crlf.txt", BULLETIN.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    ],
)
def test_encodings_give_the_facts_of_utf8(tmp_path: Path, name: str, content: bytes) -> None:
    """GB18030, UTF-8 with a BOM and CRLF line ends give the same facts as plain UTF-8."""
    utf8 = write(tmp_path, "utf8.txt", BULLETIN.encode("utf-8"))
    other = write(tmp_path, name, content)
    assert other.read_bytes() != utf8.read_bytes()
    status, results = parse_json(utf8, other)
    assert status == 0, results
    reference, variant = (facts_of(r) for r in results)
    assert len(reference) == len(EXPECTED)
    assert variant == reference
    assert results[1]["period"] == results[0]["period"]
    assert results[1]["title"] == results[0]["title"]
    if name != "crlf.txt":  # the same decoded text, so the same checksum
        assert results[1]["sha256"] == results[0]["sha256"]
