"""Business rules of the wallet: plain Python, no I/O."""
