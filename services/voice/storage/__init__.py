"""The voice service's tables and queries."""
