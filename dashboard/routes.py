"""Every URL the dashboard answers, in one place: pages, downloads, login, callbacks.

Pages (``PAGES``, in the order of the navigation bar; ``dashboard.app`` registers each
``dashboard.pages.<module>``):
    /            overview      headline cards and the period's written bulletin
    /growth      growth        growth curves against all industry and high-tech
    /products    products      product output and customs exports
    /regions     regions       the four regions and two clusters
    /explore     explore       the chart builder: any series, several at once
    /data        data_page     the filterable table and its download links
    /bulletins   bulletins     every bulletin and vintage with its text
    /add         add           an editor adds a new month's bulletin
Server routes (``dashboard.server``):
    /data/<table>.<format>, /data/datapackage.json, /data/written/<period>.<lang>.txt
    /chart/<page>/<chart>.<format>   a chart's drawn points (csv, xlsx, json), page's query
    POST /auth/login, POST /auth/logout
    /_dash-update-component   Dash's callbacks (guarded, cached, compressed)
Every view's state is in the query string (``?lang=en&…``), so any view is a link.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Page(NamedTuple):
    """A page: its path, its short name and its module (``dashboard.pages.<module>``)."""

    path: str
    name: str
    module: str

    @property
    def label(self) -> str:
        """The catalogue key of the page's name in the navigation (``nav.growth``)."""
        return f"nav.{self.name}"


OVERVIEW: Final = "/"
GROWTH: Final = "/growth"
PRODUCTS: Final = "/products"
REGIONS: Final = "/regions"
EXPLORE: Final = "/explore"
DATA: Final = "/data"
BULLETINS: Final = "/bulletins"
ADD: Final = "/add"

PAGES: Final[tuple[Page, ...]] = (
    Page(OVERVIEW, "overview", "overview"),
    Page(GROWTH, "growth", "growth"),
    Page(PRODUCTS, "products", "products"),
    Page(REGIONS, "regions", "regions"),
    Page(EXPLORE, "explore", "explore"),
    Page(DATA, "data", "data_page"),
    Page(BULLETINS, "bulletins", "bulletins"),
    Page(ADD, "add", "add"),
)

#: Downloads: ``/data/<table>.<format>``, the data package and the written bulletins.
DOWNLOADS: Final = "/data/"
DATAPACKAGE: Final = DOWNLOADS + "datapackage.json"
WRITTEN: Final = DOWNLOADS + "written/"
#: Each chart's own data: ``/chart/<page>/<chart>.<format>`` with the page's query.
CHARTS: Final = "/chart/"
#: The editor's login and logout (form posts).
LOGIN: Final = "/auth/login"
LOGOUT: Final = "/auth/logout"
#: Dash's callback endpoint, after the app's ``routes_pathname_prefix``.
CALLBACKS: Final = "_dash-update-component"
