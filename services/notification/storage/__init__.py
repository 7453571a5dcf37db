"""The notification service's tables and queries."""
