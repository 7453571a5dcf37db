"""The notification service's rules: plain Python, no I/O."""
