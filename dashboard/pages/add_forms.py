"""The Add bulletin page's forms: the editor's sign-in and sign-out forms (plain form posts to
``dashboard.server.auth``) and the editor's form (upload, paste box, period, source URL, the
preview, confirm and cancel buttons, and the places the callback answers into: the message, the
preview area and the kept draft). In: the page's language (``zh``/``en``) and the editor's
name; out: Dash components whose ids are ``dashboard.ids.ADD_*``.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import adding, ids, routes, shell
from dashboard.i18n import t
from dashboard.server import auth
from dashboard.views.add import size_text
from loaders.source_url import MAX_LENGTH


def _back_here(lang: str) -> dcc.Input:
    """The hidden field that sends the browser back to this page after the form post."""
    return dcc.Input(type="hidden", name="next", value=shell.with_query(routes.ADD, {"lang": lang}))


def _wait_text(seconds: int, lang: str) -> str:
    """A wait in words: whole minutes (rounded up) from a minute on, else seconds."""
    if seconds >= 60:
        return t("login.minutes", lang, n=-(-seconds // 60))
    return t("login.seconds", lang, n=max(seconds, 1))


def login_notice(login: object, wait: object, lang: str) -> str | None:
    """What the last sign-in said (the ``login`` and ``wait`` of the address the sign-in form
    came back to), in ``lang``; None when it said nothing."""
    if login == auth.FAILED:
        return t("add.failed", lang)
    if login == auth.UNAVAILABLE:
        return t("login.unavailable", lang)
    if login == auth.LOCKED:
        seconds = int(wait) if isinstance(wait, str) and wait.isdigit() and len(wait) < 9 else 0
        return t("login.locked", lang, wait=_wait_text(seconds, lang))
    return None


def login_form(lang: str, notice: str | None) -> html.Div:
    """The editor's sign-in form (a plain form post to ``auth.LOGIN_URL``), under ``notice``
    (what the last sign-in said) when there is one."""
    return html.Div(
        [
            html.P(t("add.sign_in_needed", lang)),
            html.P(notice, className="error") if notice else None,
            html.Form(
                [
                    _back_here(lang),
                    html.Label([t("add.user", lang), dcc.Input(name="user", type="text")]),
                    html.Label(
                        [t("add.password", lang), dcc.Input(name="password", type="password")]
                    ),
                    html.Button(t("add.sign_in", lang), type="submit"),
                ],
                id=ids.ADD_LOGIN_FORM,
                action=auth.LOGIN_URL,
                method="post",
                className="controls",
            ),
        ],
        className="chart",
    )


def logout_form(name: str, lang: str) -> html.Form:
    """Who is signed in, and the sign-out button (a form post to ``auth.LOGOUT_URL``)."""
    return html.Form(
        [
            html.Span(t("add.signed_in", lang, name=name)),
            _back_here(lang),
            html.Button(t("add.sign_out", lang), type="submit"),
        ],
        id=ids.ADD_LOGOUT_FORM,
        action=auth.LOGOUT_URL,
        method="post",
        className="controls",
    )


def _limit_attributes(lang: str, limit: str) -> dict[str, Any]:
    """Read by assets/upload_limit.js, which refuses a larger file before it is sent."""
    return {
        "data-max-bytes": str(adding.MAX_UPLOAD_BYTES),
        "data-message-id": ids.ADD_MESSAGE,
        "data-too-big": t("add.too_big", lang, name="{name}", got="{got}", size=limit),
    }


def _typed(label: str, field: dcc.Input, note: str) -> html.Div:
    """A typed value's row: its label around its input, then a note on when to give it."""
    return html.Div(
        [html.Label([label, field]), html.Span(note, className="note")], className="controls"
    )


def period_field(lang: str) -> html.Div:
    """The optional period, for a text that names no year."""
    field = dcc.Input(
        id=ids.ADD_PERIOD, type="text", placeholder="YYYY-MM", maxLength=7, debounce=True
    )
    return _typed(t("add.period", lang), field, t("add.period_note", lang))


def source_url_field(lang: str) -> html.Div:
    """The optional source URL (the publisher's page), kept with the bulletin."""
    field = dcc.Input(
        id=ids.ADD_SOURCE_URL,
        type="url",
        placeholder="https://www.miit.gov.cn/…",
        maxLength=MAX_LENGTH,
        debounce=True,
        style={"width": "min(36em, 100%)"},
    )
    return _typed(t("add.source_url", lang), field, t("add.source_url_note", lang))


def editor_form(name: str, lang: str) -> html.Div:
    """Upload, paste box, period, source URL, the three buttons, and where the answers go."""
    limit = size_text(adding.MAX_UPLOAD_BYTES)
    upload = html.Div(
        [
            dcc.Upload(
                html.Div([t("add.drop", lang), html.A(t("add.choose", lang))]),
                id=ids.ADD_UPLOAD,
                max_size=adding.MAX_UPLOAD_BYTES,
                accept=".txt,.htm,.html,text/plain,text/html",
                className="upload",
            ),
            html.P(t("add.upload_note", lang, size=limit), className="note"),
        ],
        id=ids.ADD_UPLOAD_BOX,
        **_limit_attributes(lang, limit),
    )
    return html.Div(
        [
            logout_form(name, lang),
            html.Div(
                [
                    upload,
                    html.Label(t("add.paste", lang), htmlFor=ids.ADD_TEXT),
                    dcc.Textarea(
                        id=ids.ADD_TEXT,
                        maxLength=adding.MAX_PASTE_CHARS,
                        style={"width": "100%", "height": "12em"},
                    ),
                    period_field(lang),
                    source_url_field(lang),
                    html.Div(
                        html.Button(t("add.preview", lang), id=ids.ADD_PREVIEW, n_clicks=0),
                        className="controls",
                    ),
                ],
                className="chart",
            ),
            html.Div(id=ids.ADD_MESSAGE, role="status", className="add-message"),
            html.Div(id=ids.ADD_PREVIEW_AREA),
            html.Div(
                [
                    html.Button(
                        t("add.confirm", lang), id=ids.ADD_CONFIRM, n_clicks=0, disabled=True
                    ),
                    html.Button(
                        t("add.cancel", lang), id=ids.ADD_CANCEL, n_clicks=0, disabled=True
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.ADD_PENDING),
        ]
    )
