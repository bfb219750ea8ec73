"""The store: every bulletin ever added, with its source text, as a vintage.

SQLite by default, PostgreSQL when ``EIM_DATABASE_URL`` says so; one code path
(SQLAlchemy Core). See ``loaders.store.store.Store``.
"""

from loaders.store.store import AddResult, Change, Store, StoreChanged

__all__ = ["AddResult", "Change", "Store", "StoreChanged"]
