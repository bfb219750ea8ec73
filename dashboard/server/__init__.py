"""The dashboard's server plumbing: what the Flask server does besides rendering pages.

    auth            the editor login (session cookie, /auth/login, /auth/logout)
    security        response headers (CSP, frames, content types) and request size limits
    compression     gzip of static files (once per worker) and of callback answers
    response_cache  repeated callback answers from memory, per data version
    callback_guard  every callback request checked against the callback map (400, never 500)
    downloads       /data/<table>.<format>, /data/datapackage.json, /data/written/…

Each module has ``register(server or app)``; ``dashboard.app.create_app`` calls them all, in
one visible place and in order.
"""
