"""Add bulletin: an editor pastes or uploads a new month's bulletin, checks what was read,
and stores it; every viewer sees it at their next interaction.

The flow: paste the text or choose a ``.txt``/``.html`` file (UTF-8 or GB18030), and give
the publisher's page if known (an http or https URL, kept with the bulletin) ->
**preview** (nothing stored: the period, every fact in the page's language, the loader's
issues and checks, and each fact against the store: new, unchanged, or old -> new) ->
**confirm** (stored as a new vintage, if the store has not changed since the preview) or
**cancel** (nothing stored).

Who: the page is open to everyone, the form only to the signed-in editor
(``dashboard.server.auth``), and the one callback checks the session on the server before it
previews or stores anything: a hand-made request without a session gets a refusal. Every
value it receives is checked (type, size, shape); anything unexpected gets a message.

Here: the layout, the page's registration and the one callback ``act`` with its actions; the
forms are built in ``dashboard.pages.add_forms``, the answers in
``dashboard.pages.add_preview`` (texts from ``dashboard.views.add``), and the draft, preview
and confirm logic is ``dashboard.adding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import dash
from dash import Input, Output, State, callback, ctx, html

from dashboard import adding, ids, routes, shell
from dashboard.i18n import lang_of, t
from dashboard.pages.add_forms import editor_form, login_form, login_notice
from dashboard.pages.add_preview import message, preview_view, stored_view
from dashboard.server import auth

PATH: Final = routes.ADD
#: What the page says when the store cannot preview or store (``StoreFailure.kind``).
STORE_FAILURES: Final = {
    "read_only": "outage.store_read_only",
    "full": "outage.store_full",
    "unavailable": "outage.store_unavailable",
}


# -- the page -------------------------------------------------------------------------------


def layout(lang: str = "zh", login: object = "", wait: object = "", **_: Any) -> html.Div:
    """The page for ``lang``: the form for the signed-in editor, else how to get it (with
    what the last sign-in said: ``login`` failed, locked for ``wait`` seconds, unavailable)."""
    lang = lang_of(lang)
    header = [html.H2(t("add.title", lang)), html.P(t("add.intro", lang), className="note")]
    if not auth.configured_password():
        return html.Div([*header, html.P(t("add.off", lang), className="chart add-off")])
    if auth.secret_problem() is not None:
        return html.Div([*header, html.P(t("login.weak_secret", lang), className="chart add-off")])
    editor = auth.current_editor()
    if editor is None:
        return html.Div([*header, login_form(lang, login_notice(login, wait, lang))])
    return html.Div([*header, editor_form(editor, lang)])


# -- what a callback answers -----------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The callback's outputs: the preview, the kept draft, the message, and whether
    confirm and cancel are disabled."""

    preview: object = None
    pending: object = None
    message: object = None
    confirm_disabled: bool = True
    cancel_disabled: bool = True

    def outputs(self) -> tuple[object, ...]:
        return (
            self.preview,
            self.pending,
            self.message,
            self.confirm_disabled,
            self.cancel_disabled,
            None,  # the upload is read once: the next preview reads the paste box
        )


# -- the actions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """What the editor typed beside the text: the period and the source URL (unchecked)."""

    period: object = None
    source_url: object = None


def preview_action(
    from_upload: bool, contents: object, filename: object, pasted: object, typed: Typed, lang: str
) -> View:
    """Read the upload (when it triggered) or the paste box, and preview it."""
    try:
        draft = adding.read_upload(contents, filename) if from_upload else adding.read_paste(pasted)
        draft = draft.with_period(typed.period).with_source_url(typed.source_url)
        found = adding.preview(draft)
    except adding.BadSourceUrl as error:
        return View(message=message(t("add.bad_source_url", lang, url=error.url)))
    except adding.AddingError as error:
        return View(message=message(str(error)))
    except adding.StoreFailure as error:
        return _store_failed(error, lang)
    return _previewed(found, lang)


def _store_failed(error: adding.StoreFailure, lang: str) -> View:
    """The store could not preview or store: say why in ``lang`` (nothing was stored)."""
    return View(
        message=message(t(STORE_FAILURES.get(error.kind, STORE_FAILURES["unavailable"]), lang))
    )


def _previewed(found: adding.Preview, lang: str, note: object = None) -> View:
    """The preview of ``found`` with its draft kept for confirm, which is now enabled."""
    return View(
        preview=preview_view(found, lang),
        pending=found.draft.to_json(found.version),
        message=note,
        confirm_disabled=False,
        cancel_disabled=False,
    )


def confirm_action(pending: object, editor: str, lang: str) -> View:
    """Store the previewed draft; if the store changed since, a fresh preview instead (or,
    when the change was this very text being stored, say so)."""
    try:
        draft, version = adding.Draft.from_json(pending)
        result = adding.confirm(draft, version, editor)
    except adding.StoreChanged:
        return _after_change(pending, lang)
    except adding.AddingError as error:
        return View(message=message(str(error)))
    except adding.StoreFailure as error:
        return _store_failed(error, lang)
    return View(message=stored_view(result, lang))


def _after_change(pending: object, lang: str) -> View:
    try:
        draft, _ = adding.Draft.from_json(pending)
        found = adding.preview(draft)
    except adding.AddingError as error:
        return View(message=message(str(error)))
    except adding.StoreFailure as error:
        return _store_failed(error, lang)
    if found.result.status == "unchanged":
        return View(
            message=message(t("add.unchanged", lang, period=found.bulletin.period), "warning")
        )
    return _previewed(found, lang, message(t("add.changed", lang), "warning"))


@callback(
    Output(ids.ADD_PREVIEW_AREA, "children"),
    Output(ids.ADD_PENDING, "data"),
    Output(ids.ADD_MESSAGE, "children"),
    Output(ids.ADD_CONFIRM, "disabled"),
    Output(ids.ADD_CANCEL, "disabled"),
    Output(ids.ADD_UPLOAD, "contents"),
    Input(ids.ADD_PREVIEW, "n_clicks"),
    Input(ids.ADD_UPLOAD, "contents"),
    Input(ids.ADD_CONFIRM, "n_clicks"),
    Input(ids.ADD_CANCEL, "n_clicks"),
    State(ids.ADD_UPLOAD, "filename"),
    State(ids.ADD_TEXT, "value"),
    State(ids.ADD_PERIOD, "value"),
    State(ids.ADD_SOURCE_URL, "value"),
    State(ids.ADD_PENDING, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def act(
    _preview: object,
    contents: object,
    _confirm: object,
    _cancel: object,
    filename: object,
    pasted: object,
    period: object,
    source_url: object,
    pending: object,
    search: object,
) -> tuple[object, ...]:
    """Preview, confirm or cancel, as the control that fired says; the editor's session is
    checked first, on the server."""
    lang = shell.lang_of_search(search)
    trigger = ctx.triggered_id
    if trigger == ids.ADD_UPLOAD and not contents:
        raise dash.exceptions.PreventUpdate  # the upload was cleared by this callback
    editor = auth.current_editor()
    if editor is None:
        return View(message=message(t("add.not_signed_in", lang))).outputs()
    if trigger == ids.ADD_CANCEL:
        return View(message=message(t("add.cancelled", lang), "note")).outputs()
    if trigger == ids.ADD_CONFIRM:
        return confirm_action(pending, editor, lang).outputs()
    if trigger in (ids.ADD_PREVIEW, ids.ADD_UPLOAD):
        typed = Typed(period, source_url)
        return preview_action(
            trigger == ids.ADD_UPLOAD, contents, filename, pasted, typed, lang
        ).outputs()
    raise dash.exceptions.PreventUpdate
