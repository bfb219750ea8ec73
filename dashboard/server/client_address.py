"""The address of the client behind a request, for the login's rate limit.

In: a WSGI environ and the trusted proxies (``FORWARDED_ALLOW_IPS``: addresses or CIDR
networks, comma-separated, ``*`` for any). Out: an IP address as text. A request from a
trusted proxy is the client's that the proxy names last in ``X-Forwarded-For`` (the one it
saw); any other request is its peer's own (``REMOTE_ADDR``), whatever it claims.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any


def _trusted(peer: str, allowed: str) -> bool:
    entries = [entry.strip() for entry in allowed.split(",") if entry.strip()]
    if "*" in entries:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in entries:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(environ: Mapping[str, Any], allowed: str) -> str:
    """The client's address (see the module docstring); "" when the server knows none."""
    peer = str(environ.get("REMOTE_ADDR") or "")
    forwarded = str(environ.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if hops and _trusted(peer, allowed):
        return hops[-1][:100]
    return peer
