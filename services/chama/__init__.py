"""The chama service."""
