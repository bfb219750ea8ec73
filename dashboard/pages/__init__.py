"""The dashboard's pages. Each module has ``register()`` (Dash ``register_page`` with its
path) and ``layout(**query)``: the page as a function of the URL's query, so every view
is a link."""
