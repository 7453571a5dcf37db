"""The ai service's storage: conversations and turns in its database schema, and the dialogue
context in the cache (24 hours)."""
