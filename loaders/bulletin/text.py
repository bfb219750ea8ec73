"""Reading a bulletin's bytes and normalising its text, once, before any rule sees it.

Takes the raw material of a web copy (bytes in UTF-8 with or without BOM, or
GB18030/GBK; a saved HTML page or plain text) and gives one clean string of
simplified Chinese with ASCII digits and punctuation, one paragraph per line.
The rules in ``loaders.bulletin.rules`` rely on exactly what this module guarantees:

- script: traditional characters are converted to simplified (OpenCC ``t2s``);
  the pinyin glosses of web copies (``業(yè)``, ``萬(wàn)臺(tái)``) are gone;
- width: NFKC has turned full-width digits, ``，％（）：；`` into ASCII; the
  ideographic full stop ``。`` stays (inside a number it marks damage);
- month ranges are written ``1-11月`` whatever dash, tilde or ``至`` the copy used;
- figures have no thousands separators (``12,345亿元`` and ``12，345亿元`` -> ``12345亿元``);
- no horizontal space next to a Chinese character, a digit or ``%``;
- a section heading (``二、出口…``, ``(一)通信设备制造业``) starts a line, even in a body
  that came as one long line;
- no figure captions (``图1 …累计增速``), whose numbers are labels, not data;
- no lines that are only ``?``, image file names, or ``(资料图)`` placeholders.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Any

CJK = "\u4e00-\u9fff"

_PINYIN_VOWELS_WITH_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_NEUTRAL_SYLLABLES = ("de", "men", "le", "zi", "ge", "me", "ma", "ne", "ba", "zhe", "li")
_PINYIN_GLOSS = re.compile(
    rf"(?<=[{CJK}])(?:[ \t\u3000]*\((?:[a-zü]*[{_PINYIN_VOWELS_WITH_TONE}]"
    rf"[a-zü{_PINYIN_VOWELS_WITH_TONE}]*|{'|'.join(_NEUTRAL_SYLLABLES)})\))+"
)
_MONTH_RANGE = re.compile(r"(?<!\d)(1)\s*月?\s*(?:[-—–―─~〜]+|至)\s*(\d{1,2})\s*月")
_SPACE = r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b]+"
# A figure with thousands separators (12,345 and 1,234,567.8; 12，345 after NFKC): the digits
# joined. Only groups of exactly three after a lead of one to three digits, so that a list
# (3,5) or a comma after a figure (6.1%,345家) is left alone.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,])")
# Space between a character and a figure, or inside words; not between two figures
# (``2022-09-30 10:00`` keeps its date apart from its time).
_SPACE_AFTER = re.compile(
    rf"(?<=[{CJK}%,.:;()]){_SPACE}(?=[{CJK}%,.:;()\d])|(?<=\d){_SPACE}(?=[{CJK}%,.:;()])"
)
_JUNK_LINE = re.compile(
    r"^(?:\?+|[\w.-]*\.(?:png|jpe?g|gif|webp|bmp)|[(【\[]?资料图片?[)】\]]?)$", re.IGNORECASE
)
# A section heading run into the previous paragraph (a body copied as one long line):
# ``…个百分点。二、出口…`` or ``…。(一)通信设备制造业``. It starts a paragraph again.
_INLINE_HEADING = re.compile(
    r"(?<=[。!?])[ \t\u3000]*(?=[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\))"
)
_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|head|meta|article)\b", re.IGNORECASE)
_HTML_DROP = re.compile(
    r"<(script|style|head|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_HTML_BLOCK = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<[^>]+>")
# A figure caption: ``图1 电子信息制造业…累计增速`` on a line of its own, or run into the
# next paragraph and closed by ``(%)`` (``图1 2020年8月…分月增速(%) 1-8月,…``).
_CAPTION_RUN_IN = re.compile(r"[图圖]\s*\d{1,2}(?!\d)[^\n]{0,60}?[(（][%％][)）]")
_CAPTION_LINE = re.compile(r"(?m)^[ \t\u3000]*[图圖]\s*\d{1,2}(?!\d)[^\n]*$")


#: Signatures of files people pick by mistake: (first bytes, what the file is).
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc or .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)
#: Control characters that never occur in text (all but tab, newline, carriage return,
#: form feed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def binary_kind(data: bytes) -> str | None:
    """What a file is when it is not text (``"a PDF document"``, ``"a binary file"``), or
    None for bytes that may be text. Looks at the signature and for NUL bytes."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:65536]:
        return "a binary file (it contains NUL bytes)"
    return None


def control_characters(text: str) -> int:
    """How many control characters (never found in a bulletin) ``text`` holds."""
    return len(_CONTROL.findall(text))


def decode(data: bytes) -> str:
    """Bytes of a bulletin -> text: UTF-8 (a BOM is dropped) else GB18030 (a GBK superset).

    Raises ``UnicodeDecodeError`` when the bytes are neither.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def looks_like_html(text: str) -> bool:
    """True when the text is markup (a saved web page) rather than plain text."""
    return bool(_HTML_HINT.search(text[:20000]))


def html_to_text(markup: str) -> str:
    """A saved HTML page -> its text, one block element per line, entities resolved."""
    without_code = _HTML_DROP.sub(" ", markup)
    with_breaks = _HTML_BLOCK.sub("\n", without_code)
    # Markup that was escaped in the page (``&lt;p&gt;``) is markup all the same.
    return _HTML_TAG.sub("", html.unescape(_HTML_TAG.sub("", with_breaks)))


@lru_cache(maxsize=2)
def _opencc(config: str) -> Any:
    import opencc  # imported lazily: a C extension that costs start-up time

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional characters -> simplified (OpenCC ``t2s``); simplified text is unchanged."""
    return str(_opencc("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Simplified characters -> traditional (OpenCC ``s2t``), as the writer's traditional
    style prints a bulletin."""
    return str(_opencc("s2t").convert(text))


def strip_pinyin_glosses(text: str) -> str:
    """Remove the ``(yè)`` runs that web copies put after characters: ``業(yè)`` -> ``業``."""
    return _PINYIN_GLOSS.sub("", text)


def normalize(text: str) -> str:
    """The one normalisation step: raw bulletin text (or HTML) -> clean simplified text.

    See the module docstring for what the result guarantees.
    """
    if looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text)
    text = _CAPTION_LINE.sub("", _CAPTION_RUN_IN.sub("\n", text))
    text = strip_pinyin_glosses(text)
    text = to_simplified(text)
    text = _SPACE_AFTER.sub("", text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
    text = _MONTH_RANGE.sub(r"\1-\2月", text)
    text = _INLINE_HEADING.sub("\n", text)
    lines = (line.strip(" \t\u3000\u00a0") for line in text.split("\n"))
    kept = [line for line in lines if line and not _JUNK_LINE.match(line)]
    return "\n".join(kept)
