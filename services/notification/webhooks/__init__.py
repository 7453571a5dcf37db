"""Provider webhooks: verification and parsing into inbound messages and status updates."""
