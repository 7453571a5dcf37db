"""The users service's storage: tables and queries."""
