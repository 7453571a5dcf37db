"""Speech engines: cloud providers and the local engines that need no network."""
