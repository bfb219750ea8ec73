"""What the Add bulletin page's callback shows: a message, the preview of a draft (heading,
counts, revision note, every fact with its status against the store, the loader's issues and
the store's checks) and what confirm stored (with links to the new month).

In: ``dashboard.adding``'s ``Preview`` and ``AddResult`` and the page's language
(``zh``/``en``); out: Dash components. The texts come from ``dashboard.views.add``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from dash import dcc, html

from dashboard import adding, routes, shell
from dashboard.i18n import t
from dashboard.pages.bulletins_parts import bulletin_href
from dashboard.shell import Component
from dashboard.views.add import counts, fact_cells, fact_status, issue_text, period_unsure, quoted
from loaders.bulletin.models import Observation

#: At most this many facts are listed in a preview (a bulletin has about fifty).
MAX_ROWS: Final = 500
#: The facts table's frame: as tall as its rows (every one readable without a scroll box),
#: scrolling sideways on a narrow screen instead of being cut.
TABLE_FRAME_STYLE: Final = {"overflowX": "auto", "maxWidth": "100%"}


def message(text: str, kind: str = "error") -> html.P:
    """A message of ``kind``: error, warning, note or success (its CSS class)."""
    return html.P(text, className=f"message {kind}")


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
        status, kind = fact_status(fact, result, lang)
        cells = [html.Td(str(cell)) for cell in fact_cells(fact, lang)]
        rows.append(html.Tr([*cells, html.Td(status)], className=f"fact-{kind}"))
    return html.Table(
        [html.Thead(html.Tr([html.Th(name) for name in head])), html.Tbody(rows)],
        className="data-table add-facts",
    )


def _facts(found: adding.Preview, lang: str) -> list[Component]:
    observations = found.bulletin.observations
    if not observations:
        return [html.P(t("add.no_facts", lang), className="note")]
    parts: list[Component] = [
        html.Div(
            facts_table(observations, found.result, lang),
            className="add-facts-frame",
            style=TABLE_FRAME_STYLE,
        ),
        html.P(t("add.rows_note", lang, n=min(len(observations), MAX_ROWS)), className="note"),
    ]
    if len(observations) > MAX_ROWS:
        parts.append(
            html.P(t("add.more_rows", lang, n=len(observations) - MAX_ROWS), className="note")
        )
    return parts


def _notes(found: adding.Preview, lang: str) -> list[Component]:
    """The loader's issues and the store's cross-bulletin warnings, each under a heading."""
    bulletin, result = found.bulletin, found.result
    parts: list[Component] = []
    if bulletin.issues:
        parts += [
            html.H4(t("add.issues", lang)),
            html.Ul(
                [
                    html.Li(
                        [
                            issue_text(issue, lang),
                            html.Q(quoted(issue.text), className="note") if issue.text else None,
                        ]
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
    return parts


def preview_view(found: adding.Preview, lang: str) -> list[Component]:
    """The preview's components: heading, counts, revision note, facts, notes, checks."""
    bulletin, result = found.bulletin, found.result
    count = counts(found)
    parts: list[Component] = [
        html.H3(t("add.preview_title", lang, period=bulletin.period, title=bulletin.title))
    ]
    if period_unsure(found):
        parts.append(message(t("add.period_unsure", lang, period=bulletin.period), "warning"))
    if found.draft.source_url:
        url = found.draft.source_url
        parts.append(
            html.P(
                [
                    t("add.source_url_shown", lang),
                    html.A(url, href=url, target="_blank", rel="noopener noreferrer"),
                ],
                className="note add-source-url",
            )
        )
    parts.append(
        html.P(
            t(
                "add.preview_counts",
                lang,
                facts=count.facts,
                new=count.new,
                revised=count.revised,
                same=count.same,
            )
        )
    )
    if result.status == "unchanged":
        parts.append(message(t("add.already_stored", lang, period=bulletin.period), "warning"))
    elif result.status == "revised":
        parts.append(
            message(
                t("add.revision", lang, period=bulletin.period, vintage=result.vintage), "warning"
            )
        )
    parts += _facts(found, lang)
    parts += _notes(found, lang)
    return [html.Div(parts, className="chart add-preview")]


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
            dcc.Link(
                t("add.see_growth", lang), href=shell.with_query(routes.GROWTH, {"lang": lang})
            ),
            " · ",
            dcc.Link(
                t("add.see_bulletin", lang),
                href=bulletin_href(result.sha256, lang),
            ),
        ]
    )
