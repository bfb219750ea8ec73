"""The dashboard's pages: layout and callbacks only. Each page module of
``dashboard.routes.PAGES`` has ``layout(**query)``: the page as a function of the URL's query,
so every view is a link; ``dashboard.app`` registers it at its path. Importing it registers
its callbacks.
Its data comes through ``dashboard.data``, its figures from ``dashboard.figures`` and its
pure logic from ``dashboard.views``; other modules here hold a page's larger component
builders."""
