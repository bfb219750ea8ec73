"""The store: every bulletin ever added, with its source text, as a vintage.

SQLite by default, PostgreSQL when ``EIM_DATABASE_URL`` says so; one code path
(SQLAlchemy Core). See ``loaders.store.store.Store``.
"""

from loaders.store.adding import AddResult, Change, StoreChanged
from loaders.store.store import Store

__all__ = ["AddResult", "Change", "Store", "StoreChanged"]
