"""The wallet's tables and queries (SQLAlchemy Core)."""
