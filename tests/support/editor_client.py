"""An HTTP client of the running app (``dashboard.tools.running.running_app``) that signs in
as the editor and drives the Add bulletin page's callback as the browser does.

    client = EditorClient(url)
    client.login(PASSWORD)                      # POST /auth/login, keeps the cookie
    answer = client.act("preview", text=…)      # the callback's outputs, by "id.property"
    client.act("confirm", pending=answer.pending)

Shapes: ``Answer.outputs`` maps ``"add-message.children"`` … to the JSON Dash returned;
``Answer.text`` is every string in them, joined (what the editor would read).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import requests

from dashboard import ids

USER = "editor"
PASSWORD = "correct horse battery staple"
#: The same in every worker; random enough for ``dashboard.server.secret_key`` (made with
#: ``secrets.token_urlsafe(32)``).
SECRET = "Hq3vN8s-2xKpLw0ZcR7dTf_Ye5mUbJ4gAo1iVnX9kEs"
#: The environment that turns adding from the web on.
EDITOR_ENV = {"EIM_ADMIN_USER": USER, "EIM_ADMIN_PASSWORD": PASSWORD, "EIM_SECRET_KEY": SECRET}
CALLBACK_URL = "/_dash-update-component"


def data_url(content: bytes, media_type: str = "text/plain") -> str:
    """What dcc.Upload sends for a file: ``data:<type>;base64,<bytes>``."""
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


@dataclass(frozen=True)
class Answer:
    """One callback answer: its HTTP status and its outputs by ``"id.property"``."""

    status: int
    outputs: dict[str, Any]

    @property
    def pending(self) -> Any:
        return self.outputs.get(f"{ids.ADD_PENDING}.data")

    @property
    def text(self) -> str:
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, str):
                found.append(node)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for key, value in node.items():
                    if key not in ("type", "namespace"):
                        walk(value)

        walk(self.outputs)
        return " ".join(found)


class EditorClient:
    """A browser-like session with the app at ``url`` (cookies kept)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()
        self._callbacks: dict[tuple[str, ...], dict[str, Any]] = {}

    def cookies(self) -> dict[str, str]:
        """The Cookie header the app gets, as a browser sends it to http://127.0.0.1: with
        the ``Secure`` session cookie (requests sends those over HTTPS only)."""
        jar = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.session.cookies)
        return {"Cookie": jar} if jar else {}

    def get(self, path: str) -> requests.Response:
        return self.session.get(f"{self.url}{path}", headers=self.cookies(), timeout=60)

    def login(self, password: str = PASSWORD, user: str = USER) -> requests.Response:
        """POST the sign-in form; the answer is the redirect (not followed)."""
        return self.session.post(
            f"{self.url}/auth/login",
            data={"user": user, "password": password, "next": "/add?lang=en"},
            headers=self.cookies(),
            allow_redirects=False,
            timeout=30,
        )

    def logout(self) -> requests.Response:
        return self.session.post(
            f"{self.url}/auth/logout",
            data={"next": "/add"},
            headers=self.cookies(),
            allow_redirects=False,
            timeout=30,
        )

    def callback_for(self, *outputs: str) -> dict[str, Any]:
        """The one callback that ``/_dash-dependencies`` lists with all of ``outputs``
        (``"id.property"``) among its outputs (asked once per client)."""
        if outputs not in self._callbacks:
            answer = self.session.get(f"{self.url}/_dash-dependencies", timeout=30)
            answer.raise_for_status()
            found = [
                item
                for item in answer.json()
                if all(output in item["output"] for output in outputs)
            ]
            assert len(found) == 1, f"one callback outputs {outputs}, not {len(found)}"
            self._callbacks[outputs] = found[0]
        return self._callbacks[outputs]

    def callback(self) -> dict[str, Any]:
        """The Add page's callback."""
        return self.callback_for(f"{ids.ADD_PENDING}.data", f"{ids.ADD_PREVIEW_AREA}.children")

    def body(
        self, trigger: str, values: dict[str, Any], callback: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The JSON the browser POSTs to ``callback`` (the Add page's by default) when
        ``trigger`` (``"id.property"``) changes, with ``values`` by ``"id.property"`` (the
        rest None)."""
        callback = callback or self.callback()
        outputs = [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in callback["output"].strip(".").split("...")
        ]

        def items(dependencies: list[dict[str, str]]) -> list[dict[str, Any]]:
            return [
                {
                    "id": d["id"],
                    "property": d["property"],
                    "value": values.get(f"{d['id']}.{d['property']}"),
                }
                for d in dependencies
            ]

        return {
            "output": callback["output"],
            "outputs": outputs,
            "inputs": items(callback["inputs"]),
            "state": items(callback.get("state", [])),
            "changedPropIds": [trigger],
        }

    def post(self, body: Any) -> requests.Response:
        return self.session.post(
            f"{self.url}{CALLBACK_URL}",
            data=json.dumps(body),
            headers={"Content-Type": "application/json", **self.cookies()},
            timeout=60,
        )

    def act(
        self,
        action: str,
        *,
        text: str | None = None,
        upload: str | None = None,
        filename: str | None = None,
        period: str | None = None,
        pending: Any = None,
        search: str = "?lang=en",
        source_url: str | None = None,
    ) -> Answer:
        """``action`` is preview (of ``text``), upload (of the data URL ``upload``),
        confirm (of ``pending``) or cancel, as the page's controls send them."""
        trigger = {
            "preview": f"{ids.ADD_PREVIEW}.n_clicks",
            "upload": f"{ids.ADD_UPLOAD}.contents",
            "confirm": f"{ids.ADD_CONFIRM}.n_clicks",
            "cancel": f"{ids.ADD_CANCEL}.n_clicks",
        }[action]
        values: dict[str, Any] = {
            trigger: 1 if action != "upload" else upload,
            f"{ids.ADD_UPLOAD}.filename": filename,
            f"{ids.ADD_TEXT}.value": text,
            f"{ids.ADD_PERIOD}.value": period,
            f"{ids.ADD_SOURCE_URL}.value": source_url,
            f"{ids.ADD_PENDING}.data": pending,
            f"{ids.URL}.search": search,
        }
        answer = self.post(self.body(trigger, values))
        if answer.status_code != 200:
            return Answer(answer.status_code, {})
        response = answer.json()["response"]
        outputs = {
            f"{component}.{prop}": value
            for component, props in response.items()
            for prop, value in props.items()
        }
        return Answer(200, outputs)
