"""What the wallet does: each flow ties rules, storage and adapters together for one area."""
