"""The command language the local recognizer listens for, and how its output is tidied.

pocketsphinx's English acoustic model recognises open speech poorly; constrained by a JSGF
grammar of what members actually say to the assistant (balance, save N, send N to …, withdraw,
yes/no, price, help, numbers and phone numbers), it becomes usable. Whatever is said, the result is
a sentence of this grammar, which is why the confidence matters: a low one means "probably not
what was said". Swahili has no offline model: a Swahili recording comes back as the English
sentence the grammar found closest, with a confidence capped at `OTHER_LANGUAGE_MAX_CONFIDENCE`.
"""

from __future__ import annotations

import re

GRAMMAR_NAME = "commands"

NAMES = (
    "john mary peter james grace mercy kevin brian faith joseph david daniel esther ann paul "
    "jane george susan"
)

JSGF = f"""#JSGF V1.0;
grammar bitsacco;

public <utterance> = [please] <command> [please | thank you | thanks];
<command> = <greeting> | <help> | <balance> | <price> | <save> | <withdraw> | <send>
          | <statement> | <answer> | <agent> | <language> | <money> | <phone>;

<greeting> = hello | hi | good (morning | afternoon | evening);
<help> = help [me] | i need help | what can you do;
<balance> = [check | show] [my] (balance | savings) | what is my balance | how much do i have;
<price> = [what is the] [bitcoin] price [of bitcoin] | how much is bitcoin;
<save> = [i want to] (save | deposit | buy bitcoin [for]) [<money>] [<frequency>];
<withdraw> = [i want to] withdraw [<money>] [to mpesa];
<send> = [i want to] send [<money>] [to <recipient>];
<recipient> = <phone> | <name> | my (mother | father | brother | sister | wife | husband | friend);
<statement> = [show] [my] (statement | transactions);
<answer> = yes | no | ok | okay | confirm | cancel | stop;
<agent> = talk to (an agent | a person) | agent;
<language> = (speak | use | switch to) (english | swahili);
<frequency> = every (day | week | month) | daily | weekly | monthly;

<money> = <amount> [<unit>];
<unit> = shillings | bob | sats | dollars;
<phone> = <digit> <digit> <digit> <digit>+;
<name> = {" | ".join(NAMES.split())};

<digit> = zero | oh | <one_to_nine>;
<one_to_nine> = one | two | three | four | five | six | seven | eight | nine;
<teen> = ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen
       | nineteen;
<tens> = twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety;
<below_hundred> = <one_to_nine> | <teen> | <tens> [<one_to_nine>];
<below_thousand> = <below_hundred> | <one_to_nine> hundred [[and] <below_hundred>];
<amount> = <below_thousand> [(thousand | million) [[and] <below_thousand>]];
"""

# Words of the grammar the English dictionary does not know, and other ways of saying known
# ones ("help(2)": "help" with a silent h), in the dictionary's phone set.
PRONUNCIATIONS = {
    "mpesa": "EH M P EH S AH",
    "sats": "S AE T S",
    "help(2)": "EH L P",
}

# A transcript decoded from a language the acoustic model was not trained on is a guess.
OTHER_LANGUAGE_MAX_CONFIDENCE = 0.2

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1_000, "million": 1_000_000}
_NUMBER_WORDS = {*_UNITS, *_TEENS, *_TENS, "hundred", *_SCALES}


def tidy_transcript(hypothesis: str) -> str:
    """The recognizer's words with numbers written as digits, as a person would type them:
    "send two thousand five hundred to zero seven one two" → "send 2500 to 0712"."""
    words = hypothesis.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] not in _NUMBER_WORDS:
            out.append(words[i])
            i += 1
            continue
        j = i
        # A run of number words; "and" belongs to it only between two number words.
        while j < len(words) and (
            words[j] in _NUMBER_WORDS
            or (words[j] == "and" and j + 1 < len(words) and words[j + 1] in _NUMBER_WORDS)
        ):
            j += 1
        out.extend(_number_run(words[i:j]))
        i = j
    return " ".join(out)


def _number_run(run: list[str]) -> list[str]:
    if all(w in _UNITS for w in run) and (len(run) > 1 or run[0] in ("oh", "zero")):
        # a phone number or a code, read digit by digit
        return ["".join(str(_UNITS[w]) for w in run)]
    total = current = 0
    for word in run:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TEENS:
            current += _TEENS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
    return [str(total + current)]


def confidence_for(posterior: float, language: str) -> float:
    """The recognizer's posterior probability of its sentence, capped for a language it cannot
    hear."""
    confidence = min(max(posterior, 0.0), 1.0)
    if language != "en":
        confidence = min(confidence, OTHER_LANGUAGE_MAX_CONFIDENCE)
    return round(confidence, 3)


def grammar_words() -> set[str]:
    """Every word the grammar can produce (each must be in the dictionary or PRONUNCIATIONS)."""
    body = JSGF.split("grammar bitsacco;", 1)[1]
    body = re.sub(r"<[a-z_]+>", " ", body)
    return {w for w in re.findall(r"[a-z]+", body) if w not in {"public"}}
