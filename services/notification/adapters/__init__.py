"""Third parties behind small adapters: WhatsApp/SMS providers, media downloads, and the ai and
voice services."""
