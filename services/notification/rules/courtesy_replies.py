"""What the channel itself says to a member when it cannot hand their message to the assistant.
Short, in English and Swahili (the member's language is the assistant's to know), never silent."""

from __future__ import annotations


def too_many_messages(retry_after_seconds: float) -> str:
    seconds = max(1, round(retry_after_seconds))
    return (
        f"You're sending messages faster than I can answer. Please wait {seconds} seconds and "
        f"try again.\n\nUnatuma ujumbe kwa kasi kuliko ninavyoweza kujibu. Tafadhali subiri "
        f"sekunde {seconds} kisha ujaribu tena."
    )


VOICE_NOTE_UNREADABLE = (
    "Sorry, I couldn't get your voice note. Please type your message instead.\n\n"
    "Samahani, sikuweza kupata ujumbe wako wa sauti. Tafadhali andika ujumbe wako."
)

UNSUPPORTED_MESSAGE = (
    "I can read text messages and voice notes. Please type what you need.\n\n"
    "Ninaweza kusoma ujumbe wa maandishi na wa sauti. Tafadhali andika unachohitaji."
)

PROCESSING_FAILED = (
    "Sorry, something went wrong on our side and I couldn't answer your message. "
    "Please send it again in a few minutes.\n\n"
    "Samahani, kuna tatizo upande wetu na sikuweza kujibu ujumbe wako. "
    "Tafadhali utume tena baada ya dakika chache."
)
