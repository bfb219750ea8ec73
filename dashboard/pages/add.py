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
from dashboard.i18n import text as page_text
from dashboard.pages import bulletins, growth
from dashboard.server import auth
from dashboard.shell import Component
from loaders.bulletin.models import Observation
from loaders.store import AddResult, StoreChanged

PATH: Final = routes.ADD
#: At most this many facts are listed in a preview (a bulletin has about fifty).
MAX_ROWS: Final = 500

_TEXT: Final[dict[str, tuple[str, str]]] = {
    "title": ("添加公报", "Add a bulletin"),
    "intro": (
        "工业和信息化部发布新一期公报后，在此粘贴其文字或上传保存的网页（.html）或文本（.txt），"
        "先预览解析结果，确认后入库。入库后所有页面即显示新数据。",
        "When MIIT publishes a new bulletin, paste its text here or upload the saved web page "
        "(.html) or text (.txt), check what was read, then store it. Every page shows the new "
        "figures at once.",
    ),
    "off": (
        "网页添加功能未开启。请在服务器环境中设置 EIM_ADMIN_PASSWORD（或由 "
        "`eim password-hash` 生成的 EIM_ADMIN_PASSWORD_HASH），多台机器共用数据库时再设置同一"
        "个 EIM_SECRET_KEY，然后重启服务。也可在命令行运行 `eim add 文件`。",
        "Adding from the web is off. To turn it on, set EIM_ADMIN_PASSWORD (or "
        "EIM_ADMIN_PASSWORD_HASH, made by `eim password-hash`) in the server's environment, "
        "and the same EIM_SECRET_KEY on every machine sharing the database, then restart it. "
        "On the command line, `eim add FILE` adds a bulletin.",
    ),
    "sign_in_needed": ("添加公报需要编辑登录。", "Adding a bulletin needs the editor's login."),
    "user": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "failed": ("用户名或密码不正确。", "Wrong user name or password."),
    "signed_in": ("已登录：{name}", "Signed in as {name}"),
    "drop": ("将文件拖放到此处，或", "Drop a file here, or "),
    "choose": ("选择文件", "choose one"),
    "upload_note": (
        ".txt 或 .html，UTF-8 或 GB18030 编码，不超过 {size}。",
        ".txt or .html, in UTF-8 or GB18030, up to {size}.",
    ),
    "too_big": (
        "文件 {name} 有 {got}，超过上限 {size}，未上传。",
        "{name} has {got}, more than the {size} allowed: it was not uploaded.",
    ),
    "paste": ("或粘贴公报文字：", "Or paste the bulletin's text:"),
    "period": ("报告期（可选，YYYY-MM）", "Period (optional, YYYY-MM)"),
    "period_note": (
        "仅在解析器无法判断报告期时填写，例如文中没有年份。",
        "Only when the loader cannot tell the period, e.g. the text names no year.",
    ),
    "preview": ("预览", "Preview"),
    "confirm": ("确认入库", "Confirm and store"),
    "cancel": ("取消", "Cancel"),
    "not_signed_in": (
        "未登录或登录已过期：请重新登录。未保存任何内容。",
        "You are not signed in (or your session ended): sign in again. Nothing was stored.",
    ),
    "cancelled": ("已取消，未保存任何内容。", "Cancelled: nothing was stored."),
    "preview_title": ("预览：{period} · {title}", "Preview: {period} · {title}"),
    "preview_counts": (
        "读出 {facts} 个数据：新增 {new} 个，修订 {revised} 个，与库中相同 {same} 个。尚未保存。",
        "{facts} facts read: {new} new, {revised} revising stored values, {same} as stored. "
        "Nothing is stored yet.",
    ),
    "already_stored": (
        "这份文字已经入库（{period}），确认不会有任何改变。",
        "This very text is already stored ({period}): confirming changes nothing.",
    ),
    "revision": (
        "报告期 {period} 已有公报：确认后这份将作为第 {vintage} 版入库，修订的数值见下表。",
        "Period {period} is already stored: this will be its vintage {vintage}; the values it "
        "revises are marked below.",
    ),
    "period_unsure": (
        "公报文字未写明年份，报告期 {period} 是推断的：如有误，"
        "请在“报告期”框中填写正确的报告期后重新预览。",
        "The text names no year, so the period {period} is inferred: if it is wrong, type the "
        "right one in the period box and preview again.",
    ),
    "issues": (
        "解析器提示（未成为数据的数字及原因）",
        "The loader's notes (figures not read, and why)",
    ),
    "warnings": ("与已入库公报的核对", "Checks against the stored bulletins"),
    "no_facts": ("没有读出任何数据。", "No fact was read."),
    "status": ("与库中比较", "Against the store"),
    "new": ("新增", "new"),
    "same": ("相同", "as stored"),
    "more_rows": ("另有 {n} 个数据未列出。", "{n} more facts not listed."),
    "stored": (
        "已入库：{period}，第 {vintage} 版，{facts} 个数据（新增 {new} 个，修订 {revised} 个）。",
        "Stored: {period}, vintage {vintage}, {facts} facts ({new} new, {revised} revised).",
    ),
    "unchanged": (
        "这份文字已经入库（{period}），未作任何改变。",
        "This text was already stored ({period}): nothing changed.",
    ),
    "see_growth": ("在“增长”页查看", "See it on the Growth page"),
    "see_bulletin": ("查看公报原文", "Open the bulletin"),
    "changed": (
        "在您预览之后，库中已加入其他公报，未保存。下面是按最新数据重新生成的预览，请核对后再确认。",
        "Another bulletin was added after your preview, so nothing was stored. Below is a "
        "fresh preview against the store as it is now: check it and confirm again.",
    ),
}


def _t(key: str, lang: str, **values: object) -> str:
    return page_text(_TEXT, key, lang, **values)


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
            html.P(_t("sign_in_needed", lang)),
            html.P(_t("failed", lang), className="error") if failed else None,
            html.Form(
                [
                    _hidden("next", shell.with_query(PATH, {"lang": lang})),
                    html.Label([_t("user", lang), dcc.Input(name="user", type="text")]),
                    html.Label([_t("password", lang), dcc.Input(name="password", type="password")]),
                    html.Button(_t("sign_in", lang), type="submit"),
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
            html.Span(_t("signed_in", lang, name=name)),
            _hidden("next", shell.with_query(PATH, {"lang": lang})),
            html.Button(_t("sign_out", lang), type="submit"),
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
        "data-too-big": _t("too_big", lang, name="{name}", got="{got}", size=limit),
    }


def editor_form(name: str, lang: str) -> html.Div:
    """Upload, paste box, period, the three buttons, and where the answers go."""
    limit = _size(adding.MAX_UPLOAD_BYTES, lang)
    upload = html.Div(
        [
            dcc.Upload(
                html.Div([_t("drop", lang), html.A(_t("choose", lang))]),
                id=ids.ADD_UPLOAD,
                max_size=adding.MAX_UPLOAD_BYTES,
                accept=".txt,.htm,.html,text/plain,text/html",
                className="upload",
            ),
            html.P(_t("upload_note", lang, size=limit), className="note"),
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
                    html.Label(_t("paste", lang), htmlFor=ids.ADD_TEXT),
                    dcc.Textarea(
                        id=ids.ADD_TEXT,
                        maxLength=adding.MAX_PASTE_CHARS,
                        style={"width": "100%", "height": "12em"},
                    ),
                    html.Div(
                        [
                            html.Label(
                                [
                                    _t("period", lang),
                                    dcc.Input(
                                        id=ids.ADD_PERIOD,
                                        type="text",
                                        placeholder="YYYY-MM",
                                        maxLength=7,
                                        debounce=True,
                                    ),
                                ]
                            ),
                            html.Span(_t("period_note", lang), className="note"),
                            html.Button(_t("preview", lang), id=ids.ADD_PREVIEW, n_clicks=0),
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
                    html.Button(_t("confirm", lang), id=ids.ADD_CONFIRM, n_clicks=0, disabled=True),
                    html.Button(_t("cancel", lang), id=ids.ADD_CANCEL, n_clicks=0, disabled=True),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.ADD_PENDING),
        ]
    )


def layout(lang: str = "zh", login: object = "", **_: Any) -> html.Div:
    """The page for ``lang``: the form for the signed-in editor, else how to get it."""
    lang = lang_of(lang)
    header = [html.H2(_t("title", lang)), html.P(_t("intro", lang), className="note")]
    if not auth.enabled():
        return html.Div([*header, html.P(_t("off", lang), className="chart add-off")])
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


def _status(fact: Observation, result: AddResult, lang: str) -> tuple[str, str]:
    changes = {change.key: change for change in result.changes}
    key = fact.key()
    if key in changes:
        change = changes[key]
        old = value_text(change.old, fact.unit, lang)
        return f"{old} → {value_text(change.new, fact.unit, lang)}", "revised"
    if key in set(result.new):
        return _t("new", lang), "new"
    return _t("same", lang), "same"


def facts_table(facts: Sequence[Observation], result: AddResult, lang: str) -> html.Table:
    """Every fact of the preview, in ``lang``, with its status against the store."""
    head = [
        t("indicator", lang),
        t("region", lang),
        t("segment", lang),
        t("basis", lang),
        t("measure", lang),
        t("value", lang),
        t("printed", lang),
        _t("status", lang),
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
        html.H3(_t("preview_title", lang, period=bulletin.period, title=bulletin.title)),
        html.P(
            _t(
                "preview_counts",
                lang,
                facts=len(bulletin.observations),
                new=new,
                revised=revised,
                same=same,
            )
        ),
    ]
    if result.status == "unchanged":
        parts.append(message(_t("already_stored", lang, period=bulletin.period), "warning"))
    elif result.status == "revised":
        parts.append(
            message(_t("revision", lang, period=bulletin.period, vintage=result.vintage), "warning")
        )
    if bulletin.observations:
        parts.append(html.Div(facts_table(bulletin.observations, result, lang), className="scroll"))
        if len(bulletin.observations) > MAX_ROWS:
            parts.append(
                html.P(
                    _t("more_rows", lang, n=len(bulletin.observations) - MAX_ROWS),
                    className="note",
                )
            )
    else:
        parts.append(html.P(_t("no_facts", lang), className="note"))
    if any(_LOADER_PERIOD_HINT in issue.message for issue in bulletin.issues):
        parts.insert(1, message(_t("period_unsure", lang, period=bulletin.period), "warning"))
    if bulletin.issues:
        parts += [
            html.H4(_t("issues", lang)),
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
            html.H4(_t("warnings", lang)),
            html.Ul([html.Li(warning.message) for warning in result.warnings]),
        ]
    return [html.Div(parts, className="chart add-preview")]


#: How the loader tells a command-line user to set the period; the page has a box for it.
_LOADER_PERIOD_HINT: Final = "pass --period YYYY-MM to set it"


def _for_the_web(note: str) -> str:
    return note.replace(_LOADER_PERIOD_HINT, "type the period in the period box to set it")


def _quoted(text: str) -> html.Q | None:
    return html.Q(text[:300], className="note") if text else None


def stored_view(result: AddResult, lang: str) -> html.Div:
    """What confirm did, with links to the new month."""
    if result.status == "unchanged":
        return html.Div(message(_t("unchanged", lang, period=result.period), "warning"))
    return html.Div(
        [
            message(
                _t(
                    "stored",
                    lang,
                    period=result.period,
                    vintage=result.vintage,
                    facts=result.facts,
                    new=len(result.new),
                    revised=len(result.changes),
                ),
                "success",
            ),
            dcc.Link(_t("see_growth", lang), href=shell.with_query(growth.PATH, {"lang": lang})),
            " · ",
            dcc.Link(
                _t("see_bulletin", lang),
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
    except StoreChanged:
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
        return View(message=message(_t("unchanged", lang, period=found.bulletin.period), "warning"))
    return View(
        preview_view(found, lang),
        found.draft.to_json(found.version),
        message(_t("changed", lang), "warning"),
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
        return View(message=message(_t("not_signed_in", lang))).outputs()
    if trigger == ids.ADD_CANCEL:
        return View(message=message(_t("cancelled", lang), "note")).outputs()
    if trigger == ids.ADD_CONFIRM:
        return confirm_action(pending, editor, lang).outputs()
    if trigger in (ids.ADD_PREVIEW, ids.ADD_UPLOAD):
        return preview_action(
            trigger == ids.ADD_UPLOAD, contents, filename, pasted, period, lang
        ).outputs()
    raise dash.exceptions.PreventUpdate
