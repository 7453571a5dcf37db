"""The services a turn calls as the member: users (accounts, profile, step-up) and wallet."""
