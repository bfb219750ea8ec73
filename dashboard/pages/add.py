"""Add bulletin: an editor pastes or uploads a new month's bulletin, checks what was read,
and stores it; every viewer sees it at their next interaction.

The flow: paste the text or choose a ``.txt``/``.html`` file (UTF-8 or GB18030) ->
**preview** (nothing stored: the period, every fact in the page's language, the loader's
issues and checks, and each fact against the store: new, unchanged, or old -> new) ->
**confirm** (stored as a new vintage, if the store has not changed since the preview) or
**cancel** (nothing stored).

Who: the page is open to everyone, the form only to the signed-in editor
(``dashboard.server.auth``), and the one callback checks the session on the server before it
previews or stores anything: a hand-made request without a session gets a refusal. Every
value it receives is checked (type, size, shape); anything unexpected gets a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import dash
from dash import Input, Output, State, callback, ctx, dcc, html

from dashboard import adding, ids, routes, shell
from dashboard.i18n import (
    basis_name,
    indicator_name,
    lang_of,
    measure_name,
    region_name,
    segment_name,
    t,
    value_text,
)
from dashboard.pages import bulletins, growth
from dashboard.server import auth
from dashboard.shell import Component
from loaders.bulletin.models import Observation

PATH: Final = routes.ADD
#: At most this many facts are listed in a preview (a bulletin has about fifty).
MAX_ROWS: Final = 500


def _size(count: int, lang: str) -> str:
    megabytes = count / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:.1f} MB".replace(".0 ", " ")
    return f"{count / 1024:.0f} KB"


# -- the page -------------------------------------------------------------------------------


def _hidden(name: str, value: str) -> dcc.Input:
    return dcc.Input(type="hidden", name=name, value=value)


def login_form(lang: str, failed: bool) -> html.Div:
    """The editor's sign-in form (a plain form post to ``auth.LOGIN_URL``)."""
    return html.Div(
        [
            html.P(t("add.sign_in_needed", lang)),
            html.P(t("add.failed", lang), className="error") if failed else None,
            html.Form(
                [
                    _hidden("next", shell.with_query(PATH, {"lang": lang})),
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
    return html.Form(
        [
            html.Span(t("add.signed_in", lang, name=name)),
            _hidden("next", shell.with_query(PATH, {"lang": lang})),
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


def editor_form(name: str, lang: str) -> html.Div:
    """Upload, paste box, period, the three buttons, and where the answers go."""
    limit = _size(adding.MAX_UPLOAD_BYTES, lang)
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
                    html.Div(
                        [
                            html.Label(
                                [
                                    t("add.period", lang),
                                    dcc.Input(
                                        id=ids.ADD_PERIOD,
                                        type="text",
                                        placeholder="YYYY-MM",
                                        maxLength=7,
                                        debounce=True,
                                    ),
                                ]
                            ),
                            html.Span(t("add.period_note", lang), className="note"),
                            html.Button(t("add.preview", lang), id=ids.ADD_PREVIEW, n_clicks=0),
                        ],
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


def layout(lang: str = "zh", login: object = "", **_: Any) -> html.Div:
    """The page for ``lang``: the form for the signed-in editor, else how to get it."""
    lang = lang_of(lang)
    header = [html.H2(t("add.title", lang)), html.P(t("add.intro", lang), className="note")]
    if not auth.enabled():
        return html.Div([*header, html.P(t("add.off", lang), className="chart add-off")])
    editor = auth.current_editor()
    if editor is None:
        return html.Div([*header, login_form(lang, login == "failed")])
    return html.Div([*header, editor_form(editor, lang)])


def register() -> None:
    shell.register_page(
        __name__, path=PATH, name="add", title="添加公报 · EIM Monitor", layout=layout
    )


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


def message(text: str, kind: str = "error") -> html.P:
    return html.P(text, className=f"message {kind}")


def _fact_cells(fact: Observation, lang: str) -> list[object]:
    ref = f" ({fact.ref_period})" if fact.ref_period else ""
    return [
        indicator_name(fact.indicator, lang),
        region_name(fact.region, lang),
        segment_name(fact.segment, lang),
        basis_name(fact.basis, lang),
        measure_name(fact.measure, lang) + ref,
        value_text(fact.value, fact.unit, lang),
        fact.printed,
    ]


def _status(fact: Observation, result: adding.AddResult, lang: str) -> tuple[str, str]:
    changes = {change.key: change for change in result.changes}
    key = fact.key()
    if key in changes:
        change = changes[key]
        old = value_text(change.old, fact.unit, lang)
        return f"{old} → {value_text(change.new, fact.unit, lang)}", "revised"
    if key in set(result.new):
        return t("add.new", lang), "new"
    return t("add.same", lang), "same"


def facts_table(facts: Sequence[Observation], result: adding.AddResult, lang: str) -> html.Table:
    """Every fact of the preview, in ``lang``, with its status against the store."""
    head = [
        t("indicator", lang),
        t("region", lang),
        t("segment", lang),
        t("basis", lang),
        t("measure", lang),
        t("value", lang),
        t("printed", lang),
        t("add.status", lang),
    ]
    rows = []
    for fact in facts[:MAX_ROWS]:
        status, kind = _status(fact, result, lang)
        cells = [html.Td(str(cell)) for cell in _fact_cells(fact, lang)]
        rows.append(html.Tr([*cells, html.Td(status)], className=f"fact-{kind}"))
    return html.Table(
        [html.Thead(html.Tr([html.Th(name) for name in head])), html.Tbody(rows)],
        className="data-table add-facts",
    )


def preview_view(found: adding.Preview, lang: str) -> list[Component]:
    """The preview's components: heading, counts, revision note, facts, notes, checks."""
    bulletin, result = found.bulletin, found.result
    revised = len(result.changes)
    new = len(result.new)
    same = len(bulletin.observations) - revised - new
    parts: list[Component] = [
        html.H3(t("add.preview_title", lang, period=bulletin.period, title=bulletin.title)),
        html.P(
            t(
                "add.preview_counts",
                lang,
                facts=len(bulletin.observations),
                new=new,
                revised=revised,
                same=same,
            )
        ),
    ]
    if result.status == "unchanged":
        parts.append(message(t("add.already_stored", lang, period=bulletin.period), "warning"))
    elif result.status == "revised":
        parts.append(
            message(
                t("add.revision", lang, period=bulletin.period, vintage=result.vintage), "warning"
            )
        )
    if bulletin.observations:
        parts.append(html.Div(facts_table(bulletin.observations, result, lang), className="scroll"))
        if len(bulletin.observations) > MAX_ROWS:
            parts.append(
                html.P(
                    t("add.more_rows", lang, n=len(bulletin.observations) - MAX_ROWS),
                    className="note",
                )
            )
    else:
        parts.append(html.P(t("add.no_facts", lang), className="note"))
    if any(_LOADER_PERIOD_HINT in issue.message for issue in bulletin.issues):
        parts.insert(1, message(t("add.period_unsure", lang, period=bulletin.period), "warning"))
    if bulletin.issues:
        parts += [
            html.H4(t("add.issues", lang)),
            html.Ul(
                [
                    html.Li(
                        [f"[{issue.severity}] {_for_the_web(issue.message)}", _quoted(issue.text)]
                    )
                    for issue in bulletin.issues
                ]
            ),
        ]
    if result.warnings:
        parts += [
            html.H4(t("add.warnings", lang)),
            html.Ul([html.Li(warning.message) for warning in result.warnings]),
        ]
    return [html.Div(parts, className="chart add-preview")]


#: How the loader tells a command-line user to set the period; the page has a box for it.
_LOADER_PERIOD_HINT: Final = "pass --period YYYY-MM to set it"


def _for_the_web(note: str) -> str:
    return note.replace(_LOADER_PERIOD_HINT, "type the period in the period box to set it")


def _quoted(text: str) -> html.Q | None:
    return html.Q(text[:300], className="note") if text else None


def stored_view(result: adding.AddResult, lang: str) -> html.Div:
    """What confirm did, with links to the new month."""
    if result.status == "unchanged":
        return html.Div(message(t("add.unchanged", lang, period=result.period), "warning"))
    return html.Div(
        [
            message(
                t(
                    "add.stored",
                    lang,
                    period=result.period,
                    vintage=result.vintage,
                    facts=result.facts,
                    new=len(result.new),
                    revised=len(result.changes),
                ),
                "success",
            ),
            dcc.Link(t("add.see_growth", lang), href=shell.with_query(growth.PATH, {"lang": lang})),
            " · ",
            dcc.Link(
                t("add.see_bulletin", lang),
                href=bulletins.bulletin_href(result.sha256, lang),
            ),
        ]
    )


# -- the actions -----------------------------------------------------------------------------


def preview_action(
    from_upload: bool, contents: object, filename: object, pasted: object, period: object, lang: str
) -> View:
    """Read the upload (when it triggered) or the paste box, and preview it."""
    try:
        draft = adding.read_upload(contents, filename) if from_upload else adding.read_paste(pasted)
        found = adding.preview(draft.with_period(period))
    except adding.AddingError as error:
        return View(message=message(str(error)))
    return View(
        preview=preview_view(found, lang),
        pending=found.draft.to_json(found.version),
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
    return View(message=stored_view(result, lang))


def _after_change(pending: object, lang: str) -> View:
    try:
        draft, _ = adding.Draft.from_json(pending)
        found = adding.preview(draft)
    except adding.AddingError as error:
        return View(message=message(str(error)))
    if found.result.status == "unchanged":
        return View(
            message=message(t("add.unchanged", lang, period=found.bulletin.period), "warning")
        )
    return View(
        preview_view(found, lang),
        found.draft.to_json(found.version),
        message(t("add.changed", lang), "warning"),
        confirm_disabled=False,
        cancel_disabled=False,
    )


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
        return preview_action(
            trigger == ids.ADD_UPLOAD, contents, filename, pasted, period, lang
        ).outputs()
    raise dash.exceptions.PreventUpdate
