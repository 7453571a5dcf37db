"""Offline understanding of member messages in English, Swahili and Sheng.

For example `interpret("tuma 1500 kwa Wanjiku")` is INTENT_SEND with the details
{"amount": "1500", "currency": "CURRENCY_KES", "recipient_name": "Wanjiku"}.

How a message is read, module by module: phones.py finds phone numbers and tokens.py splits
the rest into normalised words; money.py (with numbers.py) reads the amount; intents.py scores
every intent by the lexicon.py cues it finds (matching.py forgives typos, inflections and
Swahili prefixes) and by the details present; details.py reads the details the chosen intent
can carry; language.py tells English from Swahili. labels.py holds the wire values.
"""

from services.ai.understanding.interpretation import Interpretation, interpret, read_details
from services.ai.understanding.labels import Choice, Currency, Direction, Frequency, Intent

__all__ = [
    "Choice",
    "Currency",
    "Direction",
    "Frequency",
    "Intent",
    "Interpretation",
    "interpret",
    "read_details",
]
