"""Adding a bulletin from the web, below the page: reading uploads and pastes, the preview
against the store, storing only what was previewed, and the editor login's settings."""

from __future__ import annotations

import base64
import hashlib
import secrets
import subprocess
import sys

import pytest
from editor_client import SECRET
from own_bulletin import FIXTURE as OWN_BULLETIN

from dashboard import adding, data
from dashboard.server import auth, secret_key
from loaders import settings
from loaders.store import StoreChanged

FIXTURE = OWN_BULLETIN


def _upload(content: bytes, media_type: str = "text/plain") -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


@pytest.fixture
def own_text() -> str:
    return FIXTURE.read_text("utf-8")


def test_an_upload_is_read_by_its_bytes_not_its_label(own_text: str) -> None:
    gbk = own_text.encode("gbk")
    draft = adding.read_upload(_upload(gbk, "text/plain;charset=utf-8"), "2025-05.txt")
    assert draft.text == own_text
    assert draft.name == "2025-05.txt"
    bom = adding.read_upload(_upload(b"\xef\xbb\xbf" + own_text.encode()), "a.txt")
    assert bom.text == own_text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text but a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "not text but a PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"abc\x00def" * 10, "binary file"),
        (b"\xff" * 50, "neither UTF-8 nor GB18030"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e" * 5, "control characters"),
    ],
)
def test_a_file_that_is_not_text_is_refused_by_name(content: bytes, words: str) -> None:
    with pytest.raises(adding.AddingError) as refused:
        adding.read_upload(_upload(content), "picked.bin")
    assert words in str(refused.value)
    assert "picked.bin" in str(refused.value)


@pytest.mark.parametrize(
    "contents",
    [None, 5, "", "hello", "data:text/plain,abc", "data:text/plain;base64,%%%%", ["x"]],
)
def test_an_upload_that_is_not_a_data_url_is_refused(contents: object) -> None:
    with pytest.raises(adding.AddingError, match=r"could not be read|damaged"):
        adding.read_upload(contents, "a.txt")


def test_a_file_over_the_limit_is_refused_before_decoding() -> None:
    big = b"a" * (adding.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(adding.AddingError, match="files up to 1,048,576 bytes"):
        adding.read_upload(_upload(big), "big.txt")
    just = b"a" * adding.MAX_UPLOAD_BYTES
    with pytest.raises(adding.AddingError, match="no bulletin"):  # read, then not a bulletin
        adding.parse(adding.read_upload(_upload(just), "just.txt"))


@pytest.mark.parametrize("pasted", [None, "", "   \n", 12, ["text"]])
def test_an_empty_paste_asks_for_text(pasted: object) -> None:
    with pytest.raises(adding.AddingError, match="Paste the bulletin"):
        adding.read_paste(pasted)


def test_a_paste_over_the_limit_is_refused() -> None:
    with pytest.raises(adding.AddingError, match="at most 200,000"):
        adding.read_paste("一" * (adding.MAX_PASTE_CHARS + 1))


@pytest.mark.parametrize(
    ("typed", "kept"), [(None, ""), ("", ""), (" 2025-05 ", "2025-05"), ("2024-12", "2024-12")]
)
def test_a_typed_period_is_checked(typed: object, kept: str) -> None:
    assert adding.clean_period(typed) == kept


@pytest.mark.parametrize("typed", ["2025-13", "2025-5", "25-05", "2025/05", 202505, ["2025-05"]])
def test_a_period_not_written_yyyy_mm_is_refused(typed: object) -> None:
    with pytest.raises(adding.AddingError, match="YYYY-MM"):
        adding.clean_period(typed)


@pytest.mark.parametrize(
    "kept",
    [
        None,
        "text",
        [],
        {},
        {"text": "x", "name": "n", "period": "", "version": "3"},
        {"text": "x", "name": "n", "period": "", "version": True},
        {"text": "x", "name": "n", "period": "", "version": -1},
        {"text": 5, "name": "n", "period": "", "version": 1},
        {"text": "x", "name": "n", "period": "2025-13", "version": 1},
    ],
)
def test_a_damaged_draft_is_refused(kept: object) -> None:
    with pytest.raises(adding.AddingError):
        adding.Draft.from_json(kept)


def test_text_that_is_not_a_bulletin_is_refused_in_plain_words() -> None:
    draft = adding.read_paste("今天天气很好，气温25度，适合出门散步。")
    with pytest.raises(adding.AddingError) as refused:
        adding.parse(draft)
    message = str(refused.value)
    assert "no reporting period" in message
    assert "period box" in message and "--period" not in message
    assert message.endswith("Nothing was stored.")


@pytest.mark.usefixtures("shipped_store")
def test_preview_stores_nothing_and_confirm_stores_what_was_previewed(own_text: str) -> None:
    store = data.store()
    before = store.version()
    found = adding.preview(adding.read_paste(own_text))
    assert store.version() == before
    assert found.version == before
    assert found.bulletin.period == "2025-10"
    assert found.result.status == "added"
    assert len(found.result.new) == len(found.bulletin.observations) == 36
    draft, version = adding.Draft.from_json(found.draft.to_json(found.version))
    result = adding.confirm(draft, version, "editor")
    assert result.status == "added"
    assert store.version() > before
    stored = store.bulletins()[-1]
    assert stored["added_by"] == "editor (web)"
    assert stored["source"] == "web: pasted text"
    assert store.text_of(stored["sha256"]) == own_text
    again = adding.preview(adding.read_paste(own_text))
    assert again.result.status == "unchanged"
    assert not again.result.new


@pytest.mark.usefixtures("shipped_store")
def test_confirm_after_the_store_changed_stores_nothing(own_text: str) -> None:
    first = adding.preview(adding.read_paste(own_text))
    revised_text = own_text.replace("手机产量6.05亿台", "手机产量6.07亿台")
    second = adding.preview(adding.read_paste(revised_text))
    assert first.version == second.version
    adding.confirm(first.draft, first.version, "editor")
    count = len(data.store().bulletins())
    with pytest.raises(StoreChanged, match="nothing was stored"):
        adding.confirm(second.draft, second.version, "editor")
    assert len(data.store().bulletins()) == count
    fresh = adding.preview(second.draft)
    assert fresh.result.status == "revised"
    [change] = fresh.result.changes
    assert (change.old, change.new) == (60500.0, 60700.0)  # 万台
    assert adding.confirm(fresh.draft, fresh.version, "editor").vintage == 2


def test_adding_from_the_web_is_off_without_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EIM_ADMIN_PASSWORD", "EIM_ADMIN_PASSWORD_HASH"):
        monkeypatch.delenv(name, raising=False)
    off = settings.reload()
    assert not auth.enabled(off)
    assert not auth.check("editor", "", off)
    assert auth.fingerprint(off) == ""
    monkeypatch.setenv("EIM_ADMIN_PASSWORD", "s3cret")
    monkeypatch.setenv("EIM_SECRET_KEY", SECRET)
    on = settings.reload()
    assert auth.enabled(on)
    assert auth.check("editor", "s3cret", on)
    assert not auth.check("editor", "s3cret ", on)
    assert not auth.check("someone", "s3cret", on)


def test_a_password_hash_is_checked_and_a_bad_one_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("EIM_ADMIN_PASSWORD", raising=False)
    made = subprocess.run(
        [sys.executable, "-m", "loaders.cli", "password-hash"],
        input="long passphrase\n",
        capture_output=True,
        text=True,
        check=True,
    )
    monkeypatch.setenv("EIM_ADMIN_PASSWORD_HASH", made.stdout.strip())
    configured = settings.reload()
    assert auth.check("editor", "long passphrase", configured)
    assert not auth.check("editor", "long passphras", configured)
    monkeypatch.setenv("EIM_ADMIN_PASSWORD_HASH", "not-a-hash")
    assert not auth.check("editor", "not-a-hash", settings.reload())


def test_a_new_password_changes_the_fingerprint_and_the_cookie_never_carries_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EIM_SECRET_KEY", SECRET)
    monkeypatch.setenv("EIM_ADMIN_PASSWORD", "one")
    one = settings.reload()
    monkeypatch.setenv("EIM_ADMIN_PASSWORD", "two")
    two = settings.reload()
    assert auth.fingerprint(one) != auth.fingerprint(two)
    assert auth.signing_key(one) == auth.signing_key(two) == SECRET.encode()
    # the fingerprint is keyed: without the secret key, the password's digest is no use
    assert auth.fingerprint(one) != hashlib.sha256(b"eim-credential\0one").hexdigest()


@pytest.mark.parametrize(
    "key",
    [None, "", "shared", "a" * 64, "ab" * 20, "0123456789abcdef0123456789abcdef"[:31]],
)
def test_no_editor_login_without_a_strong_secret_key(
    monkeypatch: pytest.MonkeyPatch, key: str | None
) -> None:
    monkeypatch.setenv("EIM_ADMIN_PASSWORD", "a long passphrase")
    monkeypatch.delenv("EIM_SECRET_KEY", raising=False)
    if key is not None:
        monkeypatch.setenv("EIM_SECRET_KEY", key)
    configured = settings.reload()
    assert not auth.enabled(configured)
    assert auth.fingerprint(configured) == ""
    problem = auth.secret_problem(configured)
    assert problem is not None and "secrets.token_urlsafe(32)" in problem
    # the cookie is signed by a key of this process alone: no session can be forged
    assert auth.signing_key(configured) != auth.signing_key(configured)
    assert secret_key.problem(secrets.token_urlsafe(32)) is None
    assert secret_key.problem(secrets.token_hex(32)) is None


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/add?lang=en", "/add?lang=en"),
        ("/growth", "/growth"),
        (None, "/add"),
        ("", "/add"),
        ("https://evil.example/", "/add"),
        ("//evil.example/x", "/add"),
        ("/\\evil.example", "/add"),
        ("javascript:alert(1)", "/add"),
    ],
)
def test_after_login_only_a_local_path_is_followed(asked: str | None, kept: str) -> None:
    assert auth.safe_next(asked) == kept


def test_password_hash_refuses_a_short_password() -> None:
    made = subprocess.run(
        [sys.executable, "-m", "loaders.cli", "password-hash"],
        input="short\n",
        capture_output=True,
        text=True,
    )
    assert made.returncode == 1
    assert "at least 12" in made.stderr
    assert made.stdout == ""


@pytest.mark.usefixtures("shipped_store")
def test_a_source_url_typed_with_the_draft_is_stored_with_it(own_text: str) -> None:
    page = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2025/art_1110.html"
    draft = adding.read_paste(own_text).with_period("").with_source_url(f" {page} ")
    found = adding.preview(draft)
    kept, version = adding.Draft.from_json(found.draft.to_json(found.version))
    assert kept.source_url == page
    adding.confirm(kept, version, "editor")
    assert data.store().bulletins()[-1]["source_url"] == page


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://miit.gov.cn/a", "miit.gov.cn", 7])
def test_a_source_url_that_is_not_http_is_refused(own_text: str, bad: object) -> None:
    with pytest.raises(adding.BadSourceUrl) as refused:
        adding.read_paste(own_text).with_source_url(bad)
    assert refused.value.url == str(bad)[:80]
    damaged = {"text": own_text, "name": "x", "period": "", "version": 1, "source_url": bad}
    with pytest.raises(adding.BadSourceUrl):
        adding.Draft.from_json(damaged)
