"""A bulletin's source URL: the publisher's page it was copied from, kept with the bulletin.

In: what a user typed (``eim add --source-url``, the Add page's URL field), or a stored or
exported value. Out: the URL as kept (``https://www.miit.gov.cn/…``, surrounding spaces
removed, the scheme in lower case), or None when none was given; ``SourceUrlError`` with a
sentence saying what is wrong for anything else. Only ``http`` and ``https`` URLs with a host
are kept: a link the pages show must open the publisher's page, never run a script
(``javascript:``) or open a local file.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

from loaders.errors import EimError

#: The longest URL kept (characters); the publisher's pages are far shorter.
MAX_LENGTH: Final = 2000
#: The form ``loaders.schema`` gives the column (Frictionless ``pattern``).
PATTERN: Final = r"^https?://[^\s/?#]+[^\s]*$"
_URL: Final = re.compile(PATTERN)


class SourceUrlError(EimError, ValueError):
    """A source URL that cannot be kept; the message says why, in a sentence."""


def source_url(value: object) -> str | None:
    """``value`` as a source URL (see the module doc): the URL, None for none given."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceUrlError("the source URL must be text, e.g. https://www.miit.gov.cn/…")
    url = value.strip()
    if not url:
        return None
    shown = url if len(url) <= 60 else url[:60] + "…"
    if len(url) > MAX_LENGTH:
        raise SourceUrlError(f"the source URL has {len(url)} characters; at most {MAX_LENGTH}")
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    if scheme not in ("http", "https"):
        raise SourceUrlError(
            f"{shown!r} is not an http or https URL: give the publisher's page, "
            "e.g. https://www.miit.gov.cn/…"
        )
    url = scheme + url[len(scheme) :]  # HTTPS://… kept as https://…
    if not _URL.match(url) or not urlsplit(url).hostname:
        raise SourceUrlError(f"{shown!r} is not a URL with a host and no spaces")
    return url
