"""The real app through Flask's test client, for the download and security tests: a GET that
never may be a 500, and a downloaded CSV read back as text cells."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from flask.testing import FlaskClient


def app_client() -> FlaskClient:
    """A test client of a new ``dashboard.app.create_app()``."""
    from dashboard.app import create_app

    client: FlaskClient = create_app().server.test_client()
    return client


def get(client: FlaskClient, url: str, **headers: str) -> Any:
    """The answer to a GET of ``url`` (with ``headers``); a 500 fails the test."""
    response = client.get(url, headers=headers)
    assert response.status_code != 500, f"{url}: 500\n{response.get_data(as_text=True)}"
    return response


def read_csv(body: bytes) -> pd.DataFrame:
    """A downloaded CSV (UTF-8 with BOM) with every cell as its text ("" for empty)."""
    return pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
