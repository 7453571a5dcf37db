"""Business rules of the users service: plain Python, no I/O."""
