"""Background work: the inbound worker, the delivery worker, the wallet-event consumer."""
