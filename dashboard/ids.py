"""Component ids, one place: pages and tests refer to these names, never to literals."""

from __future__ import annotations

URL = "url"
NAV = "nav"
LANG_LINK = "lang-link"
FOOTER = "footer"
TITLE = "app-title"
#: The database-outage banner and the interval that asks whether it is back (``dashboard.outage``).
OUTAGE_BANNER = "outage-banner"
OUTAGE_POLL = "outage-poll"

# overview
OVERVIEW_PERIOD = "overview-period"
OVERVIEW_CARDS = "overview-cards"

# regions and bulletins (dashboard/pages/regions.py, dashboard/pages/bulletins.py,
# dashboard/clicks.py)
#: The ``type`` of every chart's pattern-matching id ``{"type": CHART, "page": …, "name": …}``:
#: ``dashboard.clicks`` opens the source of a point clicked in any of them.
CHART = "chart"
REGIONS_PERIOD = "regions-period"
REGIONS_SHARE_NOTE = "regions-share-note"
BULLETINS_LIST = "bulletins-list"
BULLETINS_DETAIL = "bulletins-detail"
BULLETINS_TEXT = "bulletins-text"
BULLETINS_SCROLL = "bulletins-scroll"

# growth and products (dashboard/pages/growth.py, dashboard/pages/products.py)
GROWTH_INDICATOR = "growth-indicator"
GROWTH_BASIS = "growth-basis"
GROWTH_YEARS = "growth-years"
PRODUCTS_PRODUCT = "products-product"
PRODUCTS_BASIS = "products-basis"

# data (dashboard/pages/data_page.py): the filters of the table and of its download links
DATA_INDICATOR = "data-indicator"
DATA_REGION = "data-region"
DATA_SEGMENT = "data-segment"
DATA_BASIS = "data-basis"
DATA_MEASURE = "data-measure"
DATA_START = "data-start"
DATA_END = "data-end"
DATA_DERIVED = "data-derived"
DATA_AS_OF = "data-as-of"
DATA_TABLE = "data-table"
DATA_PAGER = "data-pager"
DATA_DOWNLOADS = "data-downloads"
DATA_DOWNLOADS_ALL = "data-downloads-all"
DATA_URL_DOC = "data-url-doc"

# add a bulletin (dashboard/pages/add.py)
ADD_UPLOAD = "add-upload"
ADD_UPLOAD_BOX = "add-upload-box"
ADD_TEXT = "add-text"
ADD_PERIOD = "add-period"
ADD_SOURCE_URL = "add-source-url"
ADD_PREVIEW = "add-preview"
ADD_CONFIRM = "add-confirm"
ADD_CANCEL = "add-cancel"
ADD_MESSAGE = "add-message"
ADD_PREVIEW_AREA = "add-preview-area"
ADD_PENDING = "add-pending"
ADD_LOGIN_FORM = "add-login-form"
ADD_LOGOUT_FORM = "add-logout-form"
#: The chart builder (``dashboard.pages.explore``): the series chosen, the overlay's years.
EXPLORE_SERIES = "explore-series"
EXPLORE_YEARS = "explore-years"
