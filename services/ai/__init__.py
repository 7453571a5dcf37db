"""The ai service: understanding members' messages, answering questions, running the dialogue."""
