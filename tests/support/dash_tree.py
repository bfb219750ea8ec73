"""Walking a Dash layout in tests: the graphs of a page, a component by its id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash import dcc


def nodes(root: Any) -> Iterator[Any]:
    """Every component under ``root`` (itself included), depth first."""
    yield root
    children = getattr(root, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from nodes(child)


def graphs(component: Any) -> dict[str, dcc.Graph]:
    """Every ``dcc.Graph`` under ``component``, by the ``name`` of its id."""
    return {node.id["name"]: node for node in nodes(component) if isinstance(node, dcc.Graph)}


def component(root: Any, component_id: str) -> Any:
    """The component with ``component_id`` under ``root``."""
    found = next((n for n in nodes(root) if getattr(n, "id", None) == component_id), None)
    assert found is not None, component_id
    return found
