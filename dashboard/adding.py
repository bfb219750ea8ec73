"""Adding a bulletin from the web, without the page: read what the editor sent, preview it
against the store, store it.

    read_upload(contents, filename) -> Draft     a dcc.Upload's data URL, decoded
    read_paste(text) -> Draft                     text pasted into the page
    draft.with_source_url(url) -> Draft           with the publisher's page (http/https)
    preview(draft) -> Preview                     parsed and compared with the store (a dry
                                                  run: nothing is stored)
    confirm(draft, version, editor) -> AddResult  stored as a new vintage, if the store is
                                                  still at the ``version`` the preview saw

Every refusal is an ``AddingError`` whose message says, in plain words, what was wrong and
that nothing was stored; a store that cannot do it (read-only, full, unreachable) raises
``StoreFailure`` instead, whose ``kind`` the page says in its language. A ``Draft`` is what
the browser keeps between preview and confirm (``Draft.to_json``/``from_json``); the server
parses it again on confirm and trusts nothing of it but the text, its name, the period and
the source URL typed in (checked again).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.exc import DBAPIError

from dashboard import data
from loaders.bulletin.limits import MAX_BULLETIN_BYTES
from loaders.bulletin.models import Bulletin
from loaders.bulletin.parse import BulletinError, parse_bulletin, read_source, require_facts
from loaders.errors import EimError, StoreFailure
from loaders.schema import is_period
from loaders.source_url import SourceUrlError, source_url
from loaders.store import AddResult, StoreChanged
from loaders.store.failures import failure_of

__all__ = [
    "AddResult",
    "AddingError",
    "BadSourceUrl",
    "Draft",
    "Preview",
    "StoreChanged",
    "StoreFailure",
    "check_text",
    "clean_period",
    "clean_source_url",
    "confirm",
    "parse",
    "preview",
    "read_paste",
    "read_upload",
]

#: The largest file accepted (bytes), in the browser (``dcc.Upload(max_size=…)``) and here:
#: the loader's limit, the same as on the command line.
MAX_UPLOAD_BYTES: Final = MAX_BULLETIN_BYTES
#: The most characters accepted from the paste box.
MAX_PASTE_CHARS: Final = 200_000
MAX_NAME_CHARS: Final = 200
PASTED: Final = "pasted text"
#: The loader's advice to a command-line user (``pass --period YYYY-02``); the page has a box.
_PERIOD_OPTION: Final = re.compile(r"pass --period YYYY-[0-9M]{2}")
_DATA_URL: Final = re.compile(r"^data:[^,]{0,200};base64,", re.IGNORECASE)


class AddingError(EimError, ValueError):
    """Input that cannot be previewed or stored; the message is for the editor."""


class BadSourceUrl(AddingError):
    """A source URL that is not an http or https URL; ``url`` is what was typed (the page
    says so in its language)."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        super().__init__(f"The source URL {reason}. Nothing was stored.")


def clean_source_url(value: object) -> str:
    """A typed source URL as kept (``loaders.source_url``), "" for none; ``BadSourceUrl``
    for anything but an http or https URL."""
    try:
        return source_url(value) or ""
    except SourceUrlError as error:
        shown = value if isinstance(value, str) else repr(value)
        raise BadSourceUrl(shown[:80], str(error).removeprefix("the source URL ")) from error


@dataclass(frozen=True)
class Draft:
    """A bulletin's text as the editor gave it: ``text`` (decoded), ``name`` (the file's
    name or ``PASTED``), ``period`` (``YYYY-MM`` typed by the editor, or "") and
    ``source_url`` (the publisher's page typed by the editor, or "")."""

    text: str
    name: str
    period: str = ""
    source_url: str = ""

    def with_period(self, period: object) -> Draft:
        """The same draft with the period the editor typed (checked; "" for none)."""
        return Draft(self.text, self.name, clean_period(period), self.source_url)

    def with_source_url(self, url: object) -> Draft:
        """The same draft with the source URL the editor typed (checked; "" for none)."""
        return Draft(self.text, self.name, self.period, clean_source_url(url))

    def to_json(self, version: int) -> dict[str, Any]:
        """What the browser keeps until confirm: the draft and the store's version."""
        return {
            "text": self.text,
            "name": self.name,
            "period": self.period,
            "source_url": self.source_url,
            "version": version,
        }

    @staticmethod
    def from_json(value: object) -> tuple[Draft, int]:
        """The draft and version kept by ``to_json``; ``AddingError`` if damaged."""
        if not isinstance(value, dict):
            raise AddingError("There is no preview to confirm: preview the bulletin first.")
        text, name, period = value.get("text"), value.get("name"), value.get("period")
        version = value.get("version")
        if (
            not isinstance(text, str)
            or not isinstance(name, str)
            or not isinstance(period, str)
            or not isinstance(version, int)
            or isinstance(version, bool)
            or version < 0
        ):
            raise AddingError("The preview to confirm is damaged: preview the bulletin again.")
        if len(text) > MAX_PASTE_CHARS * 4 or len(name) > MAX_NAME_CHARS:
            raise AddingError("The preview to confirm is too large: preview the bulletin again.")
        draft = Draft(check_text(text), name, clean_period(period))
        return draft.with_source_url(value.get("source_url")), version


@dataclass(frozen=True)
class Preview:
    """A parsed draft compared with the store: the ``bulletin``, the dry run's ``result``
    (status, new keys, changes old -> new, cross-bulletin warnings) and the store's
    ``version`` it was made at."""

    draft: Draft
    bulletin: Bulletin
    result: AddResult
    version: int


def clean_period(value: object) -> str:
    """A typed period as ``YYYY-MM``, or "" for none; ``AddingError`` for anything else."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AddingError("The period must be written YYYY-MM, e.g. 2025-03.")
    period = value.strip()
    if period and not is_period(period):
        shown = period if len(period) <= 20 else period[:20] + "…"
        raise AddingError(
            f"{shown!r} is not a period: write it YYYY-MM with a month 01-12, e.g. 2025-03."
        )
    return period


def _name(filename: object) -> str:
    if not isinstance(filename, str) or not filename.strip():
        return "upload"
    return filename.strip()[:MAX_NAME_CHARS]


def check_text(text: str) -> str:
    """``text`` when it can be a bulletin's (UTF-8-encodable, not binary); else
    ``AddingError`` with the loader's reason."""
    try:
        raw, _ = read_source(text)
    except BulletinError as error:
        raise AddingError(_sentence(str(error))) from error
    return raw


def read_paste(text: object) -> Draft:
    """The paste box's text as a draft; ``AddingError`` when empty or too long."""
    if not isinstance(text, str) or not text.strip():
        raise AddingError("Paste the bulletin's text, or choose a file, then preview.")
    if len(text) > MAX_PASTE_CHARS:
        raise AddingError(
            f"The pasted text has {len(text):,} characters; at most {MAX_PASTE_CHARS:,} are "
            "accepted (a bulletin has a few thousand). Nothing was stored."
        )
    return Draft(check_text(text), PASTED)


def read_upload(contents: object, filename: object) -> Draft:
    """A dcc.Upload's ``contents`` (``data:<type>;base64,<bytes>``) decoded as UTF-8 or
    GB18030 whatever type the browser labelled it with; ``AddingError`` when it is not a
    data URL, is empty, too large, binary or not text."""
    name = _name(filename)
    if not isinstance(contents, str) or not _DATA_URL.match(contents):
        raise AddingError(f"The upload of {name} could not be read: send the file again.")
    encoded = contents.split(",", 1)[1]
    if len(encoded) > (MAX_UPLOAD_BYTES * 4) // 3 + 4:
        raise AddingError(_too_large(name, (len(encoded) * 3) // 4))
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise AddingError(f"The upload of {name} is damaged: send the file again.") from error
    if len(raw) > MAX_UPLOAD_BYTES:
        raise AddingError(_too_large(name, len(raw)))
    try:
        text, _ = read_source(raw)
    except BulletinError as error:
        raise AddingError(_sentence(str(error).replace("<bytes>", name, 1))) from error
    return Draft(text, name)


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} has {size:,} bytes; files up to {MAX_UPLOAD_BYTES:,} bytes are accepted "
        "(a bulletin's page is far smaller). Nothing was stored."
    )


def _sentence(message: str) -> str:
    message = message.strip()
    return message + ("" if message.endswith(".") else ".")


def parse(draft: Draft) -> Bulletin:
    """The draft parsed (with its typed period, if any); ``AddingError`` when it is not a
    bulletin or gives no figure (never stored), in the loader's words."""
    try:
        return require_facts(
            parse_bulletin(draft.text, period=draft.period or None, name=draft.name)
        )
    except BulletinError as error:
        message = _PERIOD_OPTION.sub(
            "type its period (YYYY-MM) in the period box and preview again", _sentence(str(error))
        )
        raise AddingError(message + " Nothing was stored.") from error


def preview(draft: Draft) -> Preview:
    """The draft parsed and compared with the store, storing nothing."""
    bulletin = parse(draft)
    with _store_failures():
        store = data.store()
        version = store.version()
        result = store.add(
            bulletin,
            draft.text,
            source=_source(draft),
            dry_run=True,
            source_url=draft.source_url or None,
        )
    return Preview(draft, bulletin, result, version)


def confirm(draft: Draft, version: int, editor: str) -> AddResult:
    """Store the draft as a new vintage, added by ``editor``, if the store is still at
    ``version``; ``loaders.store.StoreChanged`` otherwise (nothing stored)."""
    bulletin = parse(draft)
    with _store_failures():
        return data.store().add(
            bulletin,
            draft.text,
            source=_source(draft),
            added_by=f"{editor} (web)",
            expected_version=version,
            source_url=draft.source_url or None,
        )


@contextmanager
def _store_failures() -> Iterator[None]:
    """A database error that is the database's trouble (read-only, full, unreachable) as a
    ``StoreFailure``; any other stays as it is (a bug)."""
    try:
        yield
    except DBAPIError as error:
        failure = failure_of(error)
        if failure is None:
            raise
        raise failure from error


def _source(draft: Draft) -> str:
    return f"web: {draft.name}"
