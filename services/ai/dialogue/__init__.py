"""The dialogue as plain rules, with no I/O: what to answer a member's message given the
conversation's context, and which service call (as that member) the answer needs first.

`rules.respond(context, message, policy)` returns a Step: the updated context, replies, and
possibly one Request for the shell (services.ai.turns) to perform. The shell feeds the Outcome back
through `rules.resume(...)`, which may ask for another, until no request is left. Unit tests drive
the same functions with outcomes of their choosing.
"""
