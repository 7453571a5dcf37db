"""Third parties behind small adapters: a real implementation and a local one."""
