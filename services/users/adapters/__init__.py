"""Adapters to other systems the users service calls."""
