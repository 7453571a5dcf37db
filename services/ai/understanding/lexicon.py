"""The vocabulary of understanding: for each intent, the words and phrases that point to it in
English and in Swahili/Sheng, with how strongly; and the word lists details are read with.

Cue syntax: a phrase matches contiguous words ("talk to a person"); "create + chama" needs both
parts anywhere in the message. Articles are ignored, typos and inflections are forgiven (see
matching.py), so list each idea once in its plainest form and add only spellings a typo rule
would not reach ("bal", "ndyo"). Weights: STRONG names the intent outright, MEDIUM is a verb
several intents share, WEAK only tips a balance.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from services.ai.understanding.labels import Choice, Direction, Frequency, Intent

STRONG, MEDIUM, WEAK = 3.0, 2.0, 1.0
# A money verb next to "chama" ("tuma 500 kwa chama") is about the chama, not the member's own
# wallet, so such pairs outweigh the bare verb.
CHAMA_PAIR = 4.0


@dataclass(frozen=True)
class IntentCues:
    english: dict[str, float]
    swahili: dict[str, float]  # Swahili and Sheng


# Questions that ask to be taught. They are cues of INTENT_LEARN and also decide, in intents.py,
# that "what is a chama?" is a question about chamas rather than a chama action.
QUESTION_FORMS = IntentCues(
    english={
        "what is": MEDIUM, "what are": MEDIUM, "whats": MEDIUM, "what does": MEDIUM,
        "how does": MEDIUM, "how do": MEDIUM, "how to": MEDIUM, "how can i": MEDIUM,
        "explain": STRONG, "tell me about": STRONG, "meaning of": STRONG, "why": MEDIUM,
        "why does": STRONG, "is it safe": STRONG, "is + safe": STRONG, "teach me": STRONG,
        "learn": STRONG, "define": STRONG, "difference between": STRONG, "should i": MEDIUM,
        "want to know about": STRONG, "know more about": STRONG, "is there": MEDIUM,
    },
    swahili={
        "ni nini": STRONG, "ni kitu gani": STRONG, "maana ya": STRONG, "nini maana": STRONG,
        "eleza": STRONG, "nieleze": STRONG, "nifundishe": STRONG, "kwa nini": MEDIUM,
        "kwanini": MEDIUM, "inafanyaje kazi": STRONG, "inafanya kazi aje": STRONG,
        "inafanya kazi vipi": STRONG, "ni salama": STRONG, "jifunza": STRONG,
        "nawezaje": MEDIUM, "ni aje": MEDIUM, "kujua kuhusu": STRONG, "mbona": MEDIUM,
    },
)  # fmt: skip

# Subjects the knowledge base covers: they add to a question, never make one on their own.
LEARN_TOPICS = frozenset({
    "bitcoin", "btc", "sats", "sat", "satoshi", "dca", "chama", "sacco", "blockchain", "mpesa",
    "wallet", "lightning", "crypto", "cryptocurrency", "inflation", "bitsacco", "spread", "pin",
    "kyc", "vote", "proposal", "goal", "savings", "akiba", "ushirika", "fees", "volatility",
})  # fmt: skip

CUES: dict[Intent, IntentCues] = {
    Intent.GREETING: IntentCues(
        english={
            "hi": MEDIUM, "hello": MEDIUM, "hey": MEDIUM, "hallo": MEDIUM, "helo": MEDIUM,
            "howdy": MEDIUM, "greetings": MEDIUM, "good morning": STRONG,
            "good afternoon": STRONG, "good evening": STRONG, "morning": MEDIUM,
            "whats up": STRONG, "wassup": STRONG, "sup": MEDIUM, "yo": WEAK,
            "how are you": STRONG, "how r u": STRONG, "how are u": STRONG,
            # Thanks and goodbyes get a friendly reply too.
            "thanks": MEDIUM, "thank you": MEDIUM, "bye": MEDIUM, "goodbye": MEDIUM,
            "good night": STRONG, "see you": MEDIUM,
        },
        swahili={
            "habari": MEDIUM, "habari yako": STRONG, "habari gani": STRONG, "hujambo": MEDIUM,
            "jambo": MEDIUM, "mambo": MEDIUM, "vipi": WEAK, "niaje": MEDIUM, "sasa": WEAK,
            "sema": WEAK, "salama": WEAK, "shikamoo": MEDIUM, "uko aje": STRONG,
            "uko poa": STRONG, "salaam": MEDIUM, "salam": MEDIUM, "rada": WEAK, "oya": WEAK,
            "asante": MEDIUM, "asanti": MEDIUM, "shukran": MEDIUM, "kwaheri": MEDIUM,
            "usiku mwema": STRONG,
        },
    ),
    Intent.HELP: IntentCues(
        english={
            "help": STRONG, "what can you do": STRONG, "what do you do": STRONG,
            "how does this work": STRONG, "how can you help": STRONG, "menu": STRONG,
            "options": MEDIUM, "commands": MEDIUM, "guide": MEDIUM, "confused": MEDIUM,
            "start": WEAK, "info": WEAK,
        },
        swahili={
            "saidia": STRONG, "nisaidie": STRONG, "msaada": STRONG,
            "unaweza kufanya nini": STRONG, "unafanya nini": STRONG, "mnafanya nini": STRONG,
            "sielewi": MEDIUM, "nimechanganyikiwa": MEDIUM, "nifanye nini": MEDIUM,
        },
    ),
    Intent.REGISTER: IntentCues(
        english={
            "register": STRONG, "sign up": STRONG, "signup": STRONG, "open account": STRONG,
            "create account": STRONG, "new account": STRONG, "join": MEDIUM,
            "join bitsacco": STRONG, "get started": MEDIUM, "become member": STRONG,
            "enroll": STRONG, "create wallet": STRONG, "open wallet": STRONG,
        },
        swahili={
            "jiunga": STRONG, "jiunge": STRONG, "fungua akaunti": STRONG,
            "akaunti mpya": STRONG, "jisajili": STRONG, "sajili": MEDIUM,
            "niandikishe": STRONG, "jiandikisha": STRONG, "fungua account": STRONG,
            "open akaunti": STRONG, "kuwa member": STRONG, "kuwa mwanachama": STRONG,
            "mimi ni mwanachama mpya": CHAMA_PAIR, "mimi ni mgeni": STRONG,
        },
    ),
    Intent.CHECK_BALANCE: IntentCues(
        english={
            "balance": STRONG, "bal": MEDIUM, "my balance": STRONG,
            "how much do i have": STRONG, "how much have i saved": STRONG,
            "how much i have": STRONG, "my savings": STRONG, "my wallet": MEDIUM,
            "my account": MEDIUM, "total savings": STRONG, "my sats": STRONG,
            "my money": MEDIUM, "how many sats do i have": STRONG,
        },
        swahili={
            "salio": STRONG, "nina pesa ngapi": STRONG, "nina ngapi": STRONG,
            "niko na + ngapi": STRONG, "niko na pesa ngapi": STRONG, "nimeweka ngapi": STRONG,
            "nimesave ngapi": STRONG, "akiba yangu": STRONG, "pesa yangu": MEDIUM,
            "doh yangu": STRONG, "ganji yangu": STRONG,
            "akaunti yangu": MEDIUM, "savings yangu": STRONG, "sats zangu": STRONG,
            "kiasi changu": STRONG, "nimebakisha ngapi": STRONG,
        },
    ),
    Intent.BTC_PRICE: IntentCues(
        english={
            "price": STRONG, "bitcoin price": STRONG, "btc price": STRONG,
            "price of bitcoin": STRONG, "how much is bitcoin": STRONG,
            "how much is btc": STRONG, "how much is + bitcoin": STRONG,
            "how much is + btc": STRONG, "rate": MEDIUM,
            "exchange rate": STRONG, "value of bitcoin": STRONG, "bitcoin value": STRONG,
            "bitcoin today": MEDIUM, "btc today": MEDIUM, "market": MEDIUM, "btc": WEAK,
            "how much will i get": STRONG,
        },
        swahili={
            "bei": STRONG, "bei ya bitcoin": STRONG, "bitcoin ni ngapi": STRONG,
            "btc ni ngapi": STRONG, "bitcoin iko aje": STRONG, "bitcoin iko ngapi": STRONG,
            "btc iko aje": STRONG, "bitcoin inauzwa": STRONG, "inauzwa ngapi": STRONG,
            "thamani ya bitcoin": STRONG, "thamani": MEDIUM, "bitcoin leo": MEDIUM,
            "bitcoin imefika wapi": STRONG, "soko": MEDIUM, "imepanda": MEDIUM,
            "imeshuka": MEDIUM, "nitapata + ngapi": STRONG,
        },
    ),
    Intent.SAVE: IntentCues(
        english={
            "save": MEDIUM, "save money": STRONG, "deposit": STRONG, "top up": STRONG,
            "topup": STRONG, "add money": STRONG, "add funds": STRONG, "buy bitcoin": STRONG,
            "buy btc": STRONG, "buy sats": STRONG, "buy": MEDIUM, "invest": MEDIUM,
            "stack sats": STRONG, "stack": MEDIUM, "put money": STRONG, "fund wallet": STRONG,
            "load": WEAK,
        },
        swahili={
            "weka": MEDIUM, "weka pesa": STRONG, "weka akiba": STRONG, "niweke": MEDIUM,
            "wekeza": STRONG, "nunua bitcoin": STRONG, "nunua btc": STRONG, "nunua": MEDIUM,
            "hifadhi": MEDIUM, "tia pesa": STRONG, "weka doh": STRONG, "weka ganji": STRONG,
            "ongeza pesa": STRONG, "ongeza + akiba": STRONG,
        },
    ),
    Intent.WITHDRAW: IntentCues(
        english={
            "withdraw": STRONG, "withdrawal": STRONG, "cash out": STRONG, "cashout": STRONG,
            "take out": MEDIUM, "sell": MEDIUM, "sell bitcoin": STRONG, "sell btc": STRONG,
            "sell sats": STRONG, "to my mpesa": STRONG,
        },
        swahili={
            "toa": MEDIUM, "toa pesa": STRONG, "nitoe": MEDIUM, "nitolee": STRONG,
            "uza": MEDIUM, "uza bitcoin": STRONG, "uza btc": STRONG, "ondoa": MEDIUM,
            "ondoa pesa": STRONG, "rudisha kwa mpesa": STRONG, "kwa mpesa yangu": STRONG,
            "toa doh": STRONG, "toa ganji": STRONG,
        },
    ),
    Intent.SEND: IntentCues(
        english={
            "send": MEDIUM, "snd": MEDIUM, "send money": STRONG, "transfer": STRONG, "pay": MEDIUM,
            "p2p": STRONG, "give": WEAK,
        },
        swahili={
            "tuma": MEDIUM, "tuma pesa": STRONG, "tumia": MEDIUM, "mtumie": STRONG,
            "watumie": STRONG, "lipa": MEDIUM, "lipia": MEDIUM, "tuma doh": STRONG,
            "tuma ganji": STRONG, "hamisha": STRONG, "peleka": MEDIUM, "mpe": MEDIUM,
            "mpatie": MEDIUM, "nitumie": WEAK,
        },
    ),
    Intent.STATEMENT: IntentCues(
        english={
            "statement": STRONG, "mini statement": STRONG, "transactions": STRONG,
            "transaction history": STRONG, "history": STRONG, "activity": MEDIUM,
            "report": MEDIUM, "receipts": MEDIUM, "account statement": STRONG,
        },
        swahili={
            "taarifa": STRONG, "historia": STRONG, "miamala": STRONG, "muamala": STRONG,
            "ripoti": MEDIUM, "risiti": MEDIUM, "mahesabu": MEDIUM,
        },
    ),
    Intent.SET_GOAL: IntentCues(
        english={
            "goal": STRONG, "savings goal": STRONG, "set goal": STRONG, "target": STRONG,
            "save for": WEAK, "save up": MEDIUM, "save towards": MEDIUM,
        },
        swahili={"lengo": STRONG, "malengo": STRONG, "weka lengo": STRONG, "kwa ajili ya": WEAK},
    ),
    Intent.DCA_SETUP: IntentCues(
        english={
            "dca": STRONG, "dollar cost averaging": STRONG, "automatically": MEDIUM,
            "automatic": MEDIUM, "auto save": STRONG, "autosave": STRONG, "recurring": STRONG,
            "standing order": STRONG, "schedule": MEDIUM, "automate": MEDIUM,
            "auto buy": STRONG, "autobuy": STRONG, "regularly": MEDIUM,
        },
        swahili={
            "otomatiki": MEDIUM, "kiotomatiki": MEDIUM, "kwa mpangilio": MEDIUM,
            "kila mara": WEAK,
        },
    ),
    Intent.PRICE_ALERT: IntentCues(
        english={
            "alert": STRONG, "price alert": STRONG, "notify": STRONG, "notification": MEDIUM,
            "let me know": MEDIUM, "tell me when": STRONG, "tell me if": STRONG,
            "ping me": MEDIUM, "remind me when": STRONG, "inform me": MEDIUM,
            "text me when": STRONG, "message me when": STRONG, "reaches": WEAK, "hits": WEAK,
        },
        swahili={
            "niambie": MEDIUM, "nijulishe": STRONG, "nitumie ujumbe": MEDIUM, "arifa": STRONG,
            "nishtue": STRONG, "nistue": MEDIUM, "ikifika": MEDIUM,
        },
    ),
    Intent.CHAMA_CREATE: IntentCues(
        english={
            "create + chama": CHAMA_PAIR, "start + chama": CHAMA_PAIR, "new chama": CHAMA_PAIR,
            "form + chama": CHAMA_PAIR, "open + chama": CHAMA_PAIR,
            "register + chama": CHAMA_PAIR, "set up + chama": CHAMA_PAIR,
            "setup + chama": CHAMA_PAIR, "create + group": CHAMA_PAIR,
            "start + group": CHAMA_PAIR, "new group": CHAMA_PAIR, "form + group": CHAMA_PAIR,
        },
        swahili={
            "anzisha + chama": CHAMA_PAIR, "unda + chama": CHAMA_PAIR,
            "fungua + chama": CHAMA_PAIR, "tengeneza + chama": CHAMA_PAIR,
            "chama kipya": CHAMA_PAIR, "anza + chama": CHAMA_PAIR,
            "sajili + chama": CHAMA_PAIR, "anzisha + kikundi": CHAMA_PAIR,
            "unda + kikundi": CHAMA_PAIR, "kikundi kipya": CHAMA_PAIR,
        },
    ),
    Intent.CHAMA_CONTRIBUTE: IntentCues(
        english={
            "contribute": STRONG, "contribution": STRONG, "chama + pay": CHAMA_PAIR,
            "chama + send": CHAMA_PAIR, "chama + deposit": CHAMA_PAIR,
            "chama + save": CHAMA_PAIR, "chama + transfer": CHAMA_PAIR,
            "chama + put": CHAMA_PAIR, "chama + add": STRONG,
        },
        swahili={
            "changa": STRONG, "mchango": STRONG, "michango": STRONG, "chama + tuma": CHAMA_PAIR,
            "chama + weka": CHAMA_PAIR, "chama + lipa": CHAMA_PAIR, "chama + tia": CHAMA_PAIR,
        },
    ),
    Intent.CHAMA_BALANCE: IntentCues(
        english={
            "chama + balance": CHAMA_PAIR, "chama + how much": CHAMA_PAIR,
            "chama + total": CHAMA_PAIR, "chama + funds": CHAMA_PAIR,
            "chama + savings": CHAMA_PAIR, "group + balance": CHAMA_PAIR,
            "group + how much": CHAMA_PAIR,
        },
        swahili={
            "chama + salio": CHAMA_PAIR, "chama + ngapi": CHAMA_PAIR,
            "chama + kiasi": CHAMA_PAIR, "chama + akiba": CHAMA_PAIR,
            "kikundi + salio": CHAMA_PAIR, "kikundi + ngapi": CHAMA_PAIR,
        },
    ),
    Intent.CHAMA_INVITE: IntentCues(
        english={
            "invite": STRONG, "invitation": MEDIUM, "add member": CHAMA_PAIR,
            "new member": STRONG, "add + chama": STRONG, "add + group": STRONG,
            "bring + chama": STRONG,
        },
        swahili={
            "alika": STRONG, "mwalike": STRONG, "waalike": STRONG,
            "ongeza member": CHAMA_PAIR, "ongeza mwanachama": CHAMA_PAIR,
            "ongeza + chama": STRONG, "ongeza + kikundi": STRONG, "mwanachama mpya": STRONG,
            "member mpya": STRONG, "weka + member": STRONG, "ingiza + chama": STRONG,
            "ingiza": MEDIUM,
        },
    ),
    Intent.CHAMA_PROPOSE: IntentCues(
        english={
            "propose": CHAMA_PAIR, "proposal": STRONG, "new proposal": CHAMA_PAIR,
            "make proposal": CHAMA_PAIR, "suggest": STRONG, "suggestion": STRONG,
            "chama + withdraw": 3.5, "chama + loan": STRONG, "motion": MEDIUM,
        },
        swahili={
            "pendekeza": CHAMA_PAIR, "pendekezo": STRONG, "toa pendekezo": CHAMA_PAIR,
            "nina pendekezo": CHAMA_PAIR, "tupige kura": CHAMA_PAIR, "chama + mkopo": STRONG,
        },
    ),
    Intent.CHAMA_VOTE: IntentCues(
        english={
            "vote": STRONG, "vot": MEDIUM, "approve + proposal": CHAMA_PAIR,
            "reject + proposal": CHAMA_PAIR,
            "approve + request": CHAMA_PAIR, "reject + request": CHAMA_PAIR,
            "approve + withdrawal": CHAMA_PAIR, "reject + withdrawal": CHAMA_PAIR,
            "support + proposal": CHAMA_PAIR, "against + proposal": CHAMA_PAIR,
            "decline + proposal": CHAMA_PAIR, "ballot": MEDIUM,
        },
        swahili={
            "kura": STRONG, "piga kura": STRONG, "kubali + pendekezo": CHAMA_PAIR,
            "kataa + pendekezo": CHAMA_PAIR, "unga mkono + pendekezo": CHAMA_PAIR,
            "pinga + pendekezo": CHAMA_PAIR, "sikubali + pendekezo": CHAMA_PAIR,
        },
    ),
    Intent.SET_LANGUAGE: IntentCues(
        english={
            "english": STRONG, "swahili": STRONG, "language": STRONG,
            "change language": CHAMA_PAIR, "switch language": CHAMA_PAIR,
        },
        swahili={
            "kiswahili": STRONG, "kiingereza": STRONG, "kizungu": STRONG, "kimombo": STRONG,
            "sheng": STRONG, "lugha": STRONG, "badilisha lugha": CHAMA_PAIR,
        },
    ),
    Intent.SET_VOICE: IntentCues(
        english={
            "voice": STRONG, "voice note": STRONG, "voice message": STRONG, "audio": STRONG,
            "voicenote": STRONG, "text only": STRONG, "only text": STRONG,
            "reply in text": STRONG, "read aloud": MEDIUM,
        },
        swahili={
            "sauti": STRONG, "ujumbe wa sauti": CHAMA_PAIR, "maandishi tu": STRONG,
            "kwa maandishi": MEDIUM,
        },
    ),
    Intent.CONFIRM: IntentCues(
        english={
            "yes": MEDIUM, "yeah": MEDIUM, "yea": MEDIUM, "yep": MEDIUM, "yup": MEDIUM,
            "ya": WEAK, "ok": MEDIUM, "okay": MEDIUM, "okey": MEDIUM, "sure": MEDIUM,
            "confirm": STRONG, "confirmed": STRONG, "proceed": STRONG, "go ahead": STRONG,
            "do it": MEDIUM, "correct": MEDIUM, "alright": MEDIUM, "yes please": STRONG,
            "accept": MEDIUM, "agree": MEDIUM, "of course": MEDIUM, "right": WEAK,
        },
        swahili={
            "ndio": MEDIUM, "ndiyo": MEDIUM, "ndyo": MEDIUM, "sawa": MEDIUM, "poa": WEAK,
            "iko sawa": MEDIUM, "endelea": STRONG, "thibitisha": STRONG, "naam": MEDIUM,
            "eeh": MEDIUM, "ehe": MEDIUM, "ee": WEAK, "haya": MEDIUM, "fanya": WEAK,
            "kubali": MEDIUM, "fiti": WEAK, "freshi": WEAK, "safi": WEAK,
        },
    ),
    Intent.CANCEL: IntentCues(
        english={
            "no": MEDIUM, "nope": MEDIUM, "nah": MEDIUM, "cancel": STRONG, "stop": MEDIUM,
            "abort": STRONG, "never mind": STRONG, "nevermind": STRONG, "forget it": STRONG,
            "dont": MEDIUM, "do not": MEDIUM, "not now": MEDIUM, "no thanks": STRONG,
            "quit": MEDIUM, "exit": MEDIUM, "go back": MEDIUM, "decline": MEDIUM,
        },
        swahili={
            "hapana": MEDIUM, "acha": STRONG, "wacha": STRONG, "achana": STRONG,
            "sitaki": STRONG, "ghairi": STRONG, "usitume": STRONG, "usiendelee": STRONG,
            "sikutaka": STRONG, "hapana asante": STRONG, "si hiyo": MEDIUM, "futa": MEDIUM,
            "simamisha": STRONG, "sitisha": STRONG,
        },
    ),
    Intent.TALK_TO_AGENT: IntentCues(
        english={
            "agent": STRONG, "human": STRONG, "real person": STRONG, "talk to person": STRONG,
            "speak to person": STRONG, "talk to someone": STRONG, "customer care": STRONG,
            "customer service": STRONG, "customer support": STRONG, "support": MEDIUM,
            "operator": STRONG, "call me": STRONG, "complaint": STRONG, "complain": STRONG,
            "report problem": STRONG, "speak to manager": STRONG, "not working": STRONG,
            "not received": STRONG, "didnt receive": STRONG, "hasnt arrived": STRONG,
            "failed": STRONG, "forgot": STRONG, "change + pin": STRONG, "reset + pin": STRONG,
            "wrong number": STRONG, "wrong person": STRONG, "by mistake": STRONG,
            "reverse": STRONG,
        },
        swahili={
            "ongea na mtu": STRONG, "mtu halisi": STRONG, "binadamu": STRONG,
            "mhudumu": STRONG, "huduma kwa wateja": STRONG, "nipigie": STRONG,
            "lalamiko": STRONG, "malalamiko": STRONG, "nimeibiwa": STRONG,
            "nimetapeliwa": STRONG, "mtu wa huduma": STRONG, "haifanyi kazi": STRONG,
            "haijaingia": STRONG, "haijafika": STRONG, "sijapokea": STRONG,
            "nimeshindwa": STRONG, "nimesahau": STRONG, "badilisha + pin": STRONG,
            "kimakosa": STRONG, "namba mbaya": STRONG,
        },
    ),
    Intent.LEARN: IntentCues(
        english={
            **QUESTION_FORMS.english,
            "fees": MEDIUM, "fee": MEDIUM, "charges": MEDIUM, "transaction fee": STRONG,
            "spread": MEDIUM,
            "risk": MEDIUM, "volatility": MEDIUM, "volatile": MEDIUM, "scam": MEDIUM,
            "fraud": MEDIUM, "security": MEDIUM, "kyc": MEDIUM, "limit": MEDIUM,
            "tier": MEDIUM, "up and down": MEDIUM,
        },
        swahili={
            **QUESTION_FORMS.swahili,
            "ada": MEDIUM, "makato": MEDIUM, "gharama": MEDIUM, "hatari": MEDIUM,
            "utapeli": MEDIUM, "kikomo": MEDIUM, "usalama": MEDIUM, "hasara": MEDIUM,
        },
    ),
}  # fmt: skip

# ---- details ----

FREQUENCIES: dict[Frequency, tuple[str, ...]] = {
    Frequency.DAILY: (
        "daily", "every day", "everyday", "each day", "per day", "kila siku", "kwa siku",
        "every morning", "every evening", "every night", "kila asubuhi", "kila jioni",
        "kila usiku", "kila day", "siku kwa siku",
    ),
    Frequency.WEEKLY: (
        "weekly", "every week", "each week", "per week", "kila wiki", "kwa wiki", "kila week",
        "every weekend", "kila weekend", "every monday", "every tuesday", "every wednesday",
        "every thursday", "every friday", "every saturday", "every sunday", "kila jumatatu",
        "kila jumanne", "kila jumatano", "kila alhamisi", "kila ijumaa", "kila jumamosi",
        "kila jumapili",
    ),
    Frequency.MONTHLY: (
        "monthly", "every month", "each month", "per month", "kila mwezi", "kwa mwezi",
        "kila month", "every end month", "end of every month", "kila mwisho wa mwezi",
        "kila mwisho ya mwezi", "every payday", "kila salary", "mwezi kwa mwezi",
    ),
}  # fmt: skip
# "500 a day": only right after an amount, so "in a month" stays a deadline, not a frequency.
FREQUENCY_AFTER_AMOUNT = {
    "day": Frequency.DAILY,
    "week": Frequency.WEEKLY,
    "month": Frequency.MONTHLY,
}

DIRECTIONS: dict[Direction, tuple[str, ...]] = {
    Direction.ABOVE: (
        "above", "over", "exceed", "higher than", "more than", "greater than", "goes up",
        "rise", "beyond", "juu ya", "zaidi ya", "ikipanda", "ikizidi", "ikipita", "inapanda",
        "kupanda",
    ),
    Direction.BELOW: (
        "below", "under", "drop", "dip", "fall", "less than", "lower than", "goes down",
        "chini ya", "ikishuka", "ikianguka", "ikipungua", "ikiteremka", "inashuka", "kushuka",
        "crash",
    ),
}  # fmt: skip

LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "kiingereza", "kizungu", "kimombo", "eng"),
    "sw": ("swahili", "kiswahili", "kiswa", "swa", "sheng"),
}
# Before a language name these turn the request around: "sielewi kiingereza" asks for Swahili.
NEGATIONS = (
    "dont", "do not", "not", "no", "cant", "cannot", "stop", "sitaki", "sielewi", "sijui",
    "siwezi", "acha", "sio",
)  # fmt: skip

# The choice after these words is the vote: "yes, I vote no" votes no.
VOTE_WORDS = ("vote", "kura")
VOTE_CHOICES: dict[Choice, tuple[str, ...]] = {
    Choice.YES: (
        "yes", "ndio", "ndiyo", "approve", "accept", "agree", "support", "in favour",
        "in favor", "for", "kubali", "unga mkono",
    ),
    Choice.NO: (
        "no", "hapana", "reject", "against", "decline", "disagree", "oppose", "kataa",
        "sikubali", "pinga",
    ),
}  # fmt: skip
# For voice replies the default is "on": "reply with voice notes" names no switch word.
VOICE_OFF = (
    "off", "stop", "disable", "dont", "do not", "no", "without", "text only", "only text",
    "in text", "zima", "sitaki", "acha", "wacha", "usitume", "hapana", "bila", "never", "mute",
    "maandishi",
)  # fmt: skip
VOICE_ON = ("on", "enable", "start", "yes", "washa", "nataka", "want", "reply with", "activate")

# ---- names ----

CHAMA_WORDS = ("chama", "group", "kikundi")
GOAL_WORDS = ("goal", "target", "lengo", "malengo")
# Words that introduce a chama's name: "a chama called Umoja", "chama inaitwa Tujenge".
NAMING_WORDS = (
    "called", "named", "inaitwa", "kinaitwa", "inayoitwa", "kinachoitwa", "kiitwacho", "iitwe",
    "kiitwe", "jina lake ni", "jina lake", "by name", "with name",
)  # fmt: skip
# Words between a goal amount and the goal: "50k for school fees", "20k ya rent".
GOAL_MARKERS = ("for", "towards", "toward", "kwa ajili ya", "ajili ya", "ya")
# Phrases a goal follows wherever they stand: "I'm saving for a car".
GOAL_PHRASES = ("save for", "save up for", "save towards", "kwa ajili ya", "akiba ya")
# Words before the person money goes to, and the verbs a name may follow directly.
RECIPIENT_MARKERS = ("to", "kwa")
SEND_VERBS = (
    "send", "tuma", "transfer", "pay", "lipa", "tumia", "mtumie", "watumie", "mpe", "mpatie",
    "peleka", "hamisha", "give",
)  # fmt: skip
INVITE_VERBS = ("invite", "add", "alika", "mwalike", "ongeza", "ingiza")
# Words before a chama's name, for the intents that may name one without saying "chama".
CHAMA_MARKERS: dict[Intent, tuple[str, ...]] = {
    Intent.CHAMA_CONTRIBUTE: ("to", "kwa", "into", "kwenye"),
    Intent.CHAMA_INVITE: ("to", "kwa", "into", "kwenye", "in"),
    Intent.CHAMA_BALANCE: ("of", "in", "la", "ya"),
}
# Words a name never includes at its edges, and that end it ("school fees by december").
NAME_BOUNDARIES = frozenset({
    "to", "from", "by", "in", "on", "with", "at", "kwa", "na", "kila", "every", "before",
    "kabla", "ifikapo", "mpaka", "hadi", "until", "within", "please", "pls", "plz",
    "tafadhali", "and", "or", "now", "today", "tomorrow", "sasa", "leo", "kesho", "this",
    "that", "hii", "hiyo", "huu", "so", "then", "because", "coz", "juu", "ili", "au", "kwenye",
    "my", "our", "your", "a", "an", "the", "yangu", "yetu", "wangu", "changu", "chetu", "letu",
    "langu", "me", "mimi", "us", "sisi", "i", "we", "it", "is", "ni", "using", "via", "through",
    "thanks", "asante", "bana", "boss", "msee", "sir",
})  # fmt: skip
# Connectors that may sit inside a name but not end it: "ada ya shule", "cost of living".
NAME_CONNECTORS = frozenset({"ya", "za", "la", "wa", "cha", "of", "for"})
# Words that may stand before a person's name: "invite my friend Juma" names Juma.
TITLES = frozenset({
    "friend", "rafiki", "bro", "brother", "sis", "sister", "cousin", "uncle", "aunt", "auntie",
    "mr", "mrs", "ms", "dr", "mzee", "mwalimu", "teacher",
})  # fmt: skip
# Words that look like a recipient or chama but are not one.
NOT_NAMES = frozenset({
    "mpesa", "wallet", "account", "akaunti", "number", "namba", "simu", "phone", "bitsacco",
    "chama", "group", "kikundi", "member", "members", "mwanachama", "wanachama", "someone",
    "somebody", "mtu", "person", "it", "them", "him", "her", "yeye", "wao", "proposal",
    "pendekezo", "savings", "akiba", "goal", "lengo", "bitcoin", "btc", "sats", "money", "pesa",
    "doh", "ganji", "cash", "mobile", "bank", "benki", "lunch", "shopping",
    # currency words ("send ksh1500 to …")
    "ksh", "kshs", "kes", "sh", "shs", "bob", "usd", "dollars", "dola", "shillings", "shilingi",
})  # fmt: skip

# ---- language detection ----

# Frequent words that mark a language even when no intent cue does.
ENGLISH_WORDS = frozenset({
    "i", "im", "id", "ive", "me", "my", "mine", "you", "your", "u", "ur", "we", "our", "us",
    "it", "its", "is", "are", "am", "was", "be", "to", "the", "a", "an", "of", "on", "in", "at",
    "for", "from", "with", "and", "or", "but", "this", "that", "these", "please", "pls", "plz",
    "want", "would", "like", "can", "could", "will", "do", "does", "did", "how", "what",
    "when", "where", "who", "much", "many", "some", "any", "all", "just", "now", "today",
    "tomorrow", "again", "also", "there", "here", "have", "has", "had", "get", "got", "let",
    "know", "thank", "thanks", "kindly", "need", "so", "if", "then", "than", "up", "out",
    "about", "by", "only", "not", "every", "each", "per", "day", "week", "month", "last",
    "next", "money", "amount", "number", "phone", "account", "new", "hundred", "thousand",
    "million", "one", "two", "three", "five", "ten", "should", "turn", "reply", "show", "check",
    "make", "thing", "having", "which", "instead", "change", "changed", "changes",
})  # fmt: skip
SWAHILI_WORDS = frozenset({
    "na", "ya", "wa", "za", "la", "cha", "kwa", "ni", "si", "hii", "huu", "hiyo", "hizi",
    "hiki", "yangu", "langu", "changu", "wangu", "zangu", "yako", "lako", "chako", "yetu",
    "letu", "chetu", "wetu", "zetu", "yake", "lake", "nataka", "ningependa", "naomba",
    "tafadhali", "sana", "pia", "lakini", "kama", "leo", "kesho", "jana", "bado", "tu", "kila",
    "siku", "wiki", "mwezi", "mwaka", "pesa", "doh", "ganji", "mimi", "wewe", "yeye", "sisi",
    "nini", "gani", "ngapi", "je", "hapo", "hapa", "kwenye", "katika", "kutoka", "mpaka",
    "hadi", "ili", "kuhusu", "au", "tena", "nipe", "naweza", "nina", "niko", "iko", "uko",
    "ako", "asante", "asanti", "shukran", "bana", "msee", "manze", "buda", "mathe", "mazee",
    "hebu", "juu", "chini", "zaidi", "elfu", "mia", "laki", "milioni", "thao", "mbili", "tatu",
    "tano", "kumi", "moja", "inaitwa", "kinaitwa", "ama", "wapi", "lini", "vile", "kitu", "mtu",
    "watu", "wangapi", "ile", "yule", "hao", "kuna", "hakuna", "ndani", "nje", "bob", "mbao", "ina",
    "ana", "zina", "yote", "zote", "kidogo", "ndio", "saa", "iwe",
})  # fmt: skip


def _words_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(word for text in texts for word in text.replace("+", " ").split())


ENGLISH_CUE_WORDS = _words_of(text for cues in CUES.values() for text in cues.english)
SWAHILI_CUE_WORDS = _words_of(text for cues in CUES.values() for text in cues.swahili)
# Every word the lexicon spells out. Such a word is never taken for a typo of another one:
# "change" is English, not a slip for "changa", and "hii" ("this") is not "hi".
VOCABULARY = (
    ENGLISH_CUE_WORDS
    | SWAHILI_CUE_WORDS
    | ENGLISH_WORDS
    | SWAHILI_WORDS
    | NOT_NAMES
    | NAME_BOUNDARIES
    | TITLES
    | _words_of(
        phrase
        for table in (FREQUENCIES, DIRECTIONS, LANGUAGE_NAMES, VOTE_CHOICES)
        for phrases in table.values()
        for phrase in phrases
    )
    | _words_of(NEGATIONS + VOICE_OFF + VOICE_ON + NAMING_WORDS + SEND_VERBS + INVITE_VERBS)
)
