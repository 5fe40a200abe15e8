"""Reading what people type: lists of names, the kind of connection a word suggests,
numbered or worded choices. Forgiving on purpose: typos, text-speak, lower case."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LABEL_LENGTH = 60

# --- normalising ---------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, plain spaces, no edge punctuation or emoji."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").lower()
    return _EDGE_JUNK.sub("", _SPACES.sub(" ", text)).strip()


# --- choosing from options -------------------------------------------------------

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "first": 1, "second": 2,
                "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3}


@dataclass(frozen=True)
class Option:
    key: str
    title: str
    synonyms: tuple[str, ...] = field(default=())


def _number_in(text: str) -> int | None:
    plain = normalise(text)
    match = re.fullmatch(r"(?:option |number |no\.? ?|#)?(\d{1,2})[.)]?", plain)
    if match:
        return int(match.group(1))
    if plain in NUMBER_WORDS:
        return NUMBER_WORDS[plain]
    return None


def choose_option(text: str, options: list[Option]) -> Option | None:
    """The option a reply picks: by number ("2"), by title, or by a synonym."""
    number = _number_in(text)
    if number is not None:
        return options[number - 1] if 1 <= number <= len(options) else None
    plain = normalise(text)
    if not plain:
        return None
    padded = f" {plain} "
    for option in options:  # exact title first
        if plain == normalise(option.title):
            return option
    best: tuple[int, Option] | None = None
    for option in options:
        for phrase in option.synonyms:
            if f" {phrase} " in padded and (best is None or len(phrase) > best[0]):
                best = (len(phrase), option)
    return best[1] if best else None


YES = Option("yes", "Yes", ("yes", "yeah", "yep", "yup", "ye", "yea", "y", "ok", "okay",
                            "sure", "go on", "go ahead", "please", "alright", "fine",
                            "course", "definitely", "correct", "right", "sounds good", "aye"))
NO = Option("no", "No", ("no", "nope", "nah", "n", "not really", "no thanks", "dont",
                         "don't", "rather not", "not now"))


def yes_or_no(text: str) -> str | None:
    option = choose_option(text, [YES, NO])
    if option is None:
        return None
    # "no" inside "not really" beats "really"; "yes" alone beats nothing
    plain = f" {normalise(text)} "
    if option.key == "yes" and any(f" {w} " in plain for w in ("no", "not", "nope", "nah")):
        return "no"
    return option.key


DONE_PHRASES = ("that's all", "thats all", "that is all", "that's it", "thats it",
                "that's everyone", "thats everyone", "that's everything", "no one else",
                "noone else", "nobody else", "no-one else", "nothing else", "no more",
                "none", "nobody", "no one", "nothing", "done", "finished", "im done",
                "i'm done", "all done", "no", "nope", "nah", "no thanks", "that's about it",
                "thats about it", "think that's it", "i think that's it", "not really",
                "can't think of anyone", "cant think of anyone", "cant think of any",
                "can't think of any", "that'll do", "enough")


def is_done(text: str) -> bool:
    plain = normalise(text)
    return plain in DONE_PHRASES or bool(
        re.fullmatch(r"(no|nope|nah|nobody|no one|nothing|none)[, ]+(that'?s (all|it)|else|more).*", plain))


# --- splitting lists -------------------------------------------------------------

_SEPARATORS = re.compile(
    r"\s*(?:,|;|\n|(?<!<)/|\+|&|\band\b|\bn\b|\bplus\b|\balso\b|\bas well as\b|\bthen\b)\s*")
_LEADING_FILLERS = re.compile(
    r"^(?:(?:um+|erm+|er|uh|well|oh|so|and|also|probably|maybe|mostly|just|i guess|"
    r"(?:i )?(?:live|living|stay|staying) with|(?:i'?ve )?lost touch with|i (?:see|talk to|"
    r"turn to|speak to|call|text|ring|phone)|i'?d (?:turn to|say|call|text)|definitely|"
    r"(?:that'?d|that would|it'?s|it would) be|with|"
    r"i suppose|there'?s|there is|there are|i'?d say|i think|i've got|ive got|i have|"
    r"i go to|i go|i like|i love|i do|i enjoy|going to|going|go to|to|at|like|"
    r"sometimes|usually|my|our|the|a|an|me)\s+)+")
_TRAILING_FILLERS = re.compile(
    r"(?:\s+(?:too|as well|really|sometimes|mostly|i guess|i think|and that|and stuff|"
    r"innit|lol|x+))+$")


def _is_edge_junk(ch: str) -> bool:
    """Spaces, punctuation and emoji around a name; '<' and '>' are kept so markup is
    stored as typed (and escaped wherever it is shown)."""
    if ch in "<>":
        return False
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZC"


def clean_label(text: str) -> str:
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    text = text[start:end]
    if len(text) > MAX_LABEL_LENGTH:
        text = text[:MAX_LABEL_LENGTH].rsplit(" ", 1)[0]
    return text


def split_list(text: str) -> list[str]:
    """'my mum, my mate Dave n my CPN Sarah' -> ['my mum', 'my mate Dave', 'my CPN Sarah']."""
    parts = _SEPARATORS.split(unicodedata.normalize("NFKC", text or ""))
    items = []
    for part in parts:
        part = clean_label(part)
        if part and any(ch.isalnum() for ch in part):
            items.append(part)
    return items


def strip_fillers(item: str) -> str:
    lowered = item.lower()
    start = _LEADING_FILLERS.match(lowered)
    if start:
        item = item[start.end():]
    end = _TRAILING_FILLERS.search(item.lower())
    if end:
        item = item[:end.start()]
    return clean_label(item)


def title_case(label: str) -> str:
    """Capitalise the first letter; keep the person's own capitals."""
    return label[:1].upper() + label[1:]


# --- people ----------------------------------------------------------------------

PERSON_ROLES: dict[str, tuple[str, ...]] = {
    "partner": ("partner", "wife", "husband", "girlfriend", "boyfriend", "gf", "bf",
                "fiance", "fiancee", "fiancé", "fiancée", "other half", "missus", "hubby",
                "wifey", "spouse"),
    "family": ("mum", "mam", "mom", "mummy", "mother", "dad", "father", "daddy", "nan",
               "nana", "nanna", "gran", "granny", "grandma", "grandmother", "grandad",
               "granddad", "grandpa", "grandfather", "grandparents", "sister", "brother",
               "sis", "bro", "son", "daughter", "kids", "children", "child", "aunt",
               "auntie", "aunty", "uncle", "cousin", "niece", "nephew", "stepmum",
               "stepdad", "step mum", "step dad", "parents", "family", "in-laws",
               "mother in law", "father in law", "sister in law", "brother in law",
               "grandson", "granddaughter", "grandkids", "grandchildren", "twin"),
    "friend": ("friend", "friends", "mate", "mates", "bestie", "best friend", "bff",
               "pal", "buddy", "bestmate", "best mate", "m8"),
    "neighbour": ("neighbour", "neighbours", "neighbor", "neighbors", "next door",
                  "lady next door", "man next door"),
    "colleague": ("colleague", "colleagues", "boss", "manager", "workmate", "workmates",
                  "coworker", "co-worker", "co worker", "supervisor"),
    "practitioner": ("gp", "doctor", "doc", "cpn", "nurse", "care coordinator",
                     "care co-ordinator", "psychiatrist", "social worker",
                     "support worker", "peer support worker", "peer worker",
                     "therapist", "counsellor", "counselor", "key worker", "keyworker",
                     "psychologist", "ot", "occupational therapist", "pharmacist",
                     "mental health nurse", "dentist", "health visitor", "carer",
                     "recovery worker", "housing officer", "probation officer"),
    "community": ("vicar", "priest", "imam", "rabbi", "pastor", "minister", "coach",
                  "teacher", "tutor", "group leader", "volunteer", "barber",
                  "hairdresser", "shopkeeper", "landlord", "postman", "church friends"),
    "online": ("online friend", "online friends", "discord", "gaming friends",
               "gaming mates", "internet friend", "people online", "online"),
    "pet": ("dog", "cat", "pet", "puppy", "kitten", "budgie", "rabbit", "bunny",
            "hamster", "horse", "parrot", "guinea pig", "tortoise", "fish", "snake"),
}
_ROLE_TO_CATEGORY = {role: cat for cat, roles in PERSON_ROLES.items() for role in roles}
_ROLES_LONGEST_FIRST = sorted(_ROLE_TO_CATEGORY, key=len, reverse=True)
_PERSON_DESCRIPTORS = re.compile(r"^(?:(?:best|old|little|big|younger|older|elder|"
                                 r"new|lovely|good|close|fave|favourite|favorite)\s+)+")


@dataclass(frozen=True)
class ParsedItem:
    label: str
    category: str | None
    role: str | None = None


def parse_person(item: str) -> ParsedItem:
    """'my CPN Sarah' -> Sarah, practitioner, role CPN; 'my mum' -> Mum, family."""
    text = strip_fillers(item)
    lowered = text.lower()
    descriptor = _PERSON_DESCRIPTORS.match(lowered)
    offset = descriptor.end() if descriptor else 0
    for role in _ROLES_LONGEST_FIRST:
        if lowered[offset:] == role or lowered[offset:].startswith(role + " "):
            rest = clean_label(text[offset + len(role):])
            rest = re.sub(r"^(?:called|named|who is|who's)\s+", "", rest, flags=re.I)
            if re.match(r"(?:at|from|in|on|of|who|that|down|up|round)\b", rest, re.I):
                return ParsedItem(title_case(text), _ROLE_TO_CATEGORY[role])  # "nurse at the clinic"
            role_text = text[:offset + len(role)]
            role_label = role_text.upper() if role in ("gp", "cpn", "ot") else role_text
            if rest:
                return ParsedItem(title_case(rest), _ROLE_TO_CATEGORY[role], role_label)
            return ParsedItem(title_case(role_label) if role not in ("gp", "cpn", "ot")
                              else role_label, _ROLE_TO_CATEGORY[role], role_label)
        # "Sarah my CPN" / "Sarah (CPN)"
    match = re.fullmatch(r"(.+?)\s*(?:\(|,|-|\bmy\b|\bthe\b|\bis\b|\bwho'?s\b)+\s*(?:my\s+)?"
                         r"(.+?)\)?", text, flags=re.I)
    if match and match.group(2).lower() in _ROLE_TO_CATEGORY:
        role = match.group(2)
        return ParsedItem(title_case(clean_label(match.group(1))),
                          _ROLE_TO_CATEGORY[role.lower()],
                          role.upper() if role.lower() in ("gp", "cpn", "ot") else role)
    return ParsedItem(title_case(text), None)


# --- places and activities -------------------------------------------------------

PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "home": ("home", "my flat", "flat", "house", "my room", "bedroom", "garden"),
    "shop": ("shop", "shops", "shopping", "tesco", "asda", "aldi", "lidl", "sainsbury",
             "sainsburys", "morrisons", "co-op", "coop", "supermarket", "market",
             "corner shop", "high street", "shopping centre", "boots", "primark"),
    "park": ("park", "woods", "beach", "allotment", "river", "canal", "countryside",
             "seaside", "fields", "common", "nature reserve", "green"),
    "library": ("library",),
    "cafe": ("cafe", "café", "coffee shop", "costa", "starbucks", "greggs", "caff",
             "tea room", "restaurant", "mcdonalds", "maccies", "chippy"),
    "gym": ("gym", "leisure centre", "swimming pool", "pool", "sports centre",
            "football pitch", "boxing club", "climbing wall", "studio"),
    "worship": ("church", "mosque", "temple", "gurdwara", "synagogue", "chapel",
                "mandir", "cathedral", "kingdom hall", "meeting house"),
    "health": ("gp surgery", "surgery", "doctors", "doctor's", "hospital", "clinic",
               "pharmacy", "chemist", "cmht", "mental health team", "dentist",
               "recovery college", "wellbeing centre"),
    "day_centre": ("day centre", "day center", "drop in", "drop-in", "resource centre",
                   "clubhouse", "day service"),
    "work": ("work", "office", "job", "workplace", "warehouse", "factory", "site"),
    "education": ("college", "uni", "university", "school", "class", "classes",
                  "course", "adult education"),
    "community": ("community centre", "community center", "youth club", "club",
                  "charity shop", "food bank", "foodbank", "village hall", "hall",
                  "allotment society", "men's shed", "mens shed", "group"),
    "pub": ("pub", "bar", "local", "social club", "working men's club", "bookies",
            "betting shop", "arcade"),
}

ACTIVITY_WORDS: dict[str, tuple[str, ...]] = {
    "exercise": ("swimming", "swim", "running", "run", "jogging", "gym", "football",
                 "footie", "yoga", "cycling", "bike", "biking", "dancing", "boxing",
                 "tennis", "badminton", "pilates", "workout", "working out", "weights",
                 "climbing", "martial arts", "karate", "sport", "sports", "netball",
                 "cricket", "golf", "bowling", "stretching", "exercise", "zumba"),
    "outdoors": ("walking", "walk", "walks", "hiking", "fishing", "gardening",
                 "allotment", "birdwatching", "bird watching", "nature", "camping"),
    "creative": ("drawing", "painting", "art", "knitting", "crochet", "sewing",
                 "crafts", "crafting", "writing", "poetry", "photography", "baking",
                 "cooking", "woodwork", "pottery", "colouring", "journaling", "diy"),
    "reading": ("reading", "read", "books", "book", "comics", "magazines", "audiobooks"),
    "gaming": ("gaming", "games", "video games", "playstation", "xbox", "fifa",
               "fortnite", "minecraft", "playing games", "board games", "cards",
               "chess", "puzzles", "jigsaws", "crosswords", "sudoku", "bingo", "darts",
               "pool"),
    "music": ("music", "singing", "choir", "guitar", "piano", "drums", "band",
              "listening to music", "karaoke", "djing", "concerts", "gigs"),
    "learning": ("course", "class", "classes", "studying", "learning", "college",
                 "language", "evening class", "recovery college"),
    "volunteering": ("volunteering", "volunteer", "charity", "helping out",
                     "food bank", "foodbank"),
    "work": ("work", "job", "working", "shifts", "my job"),
    "faith": ("church", "praying", "prayer", "mosque", "temple", "bible study",
              "meditation", "worship", "mass", "faith"),
    "social": ("seeing friends", "seeing mates", "going out", "pub", "coffee with",
               "meeting friends", "clubbing", "social", "group", "peer group",
               "support group", "lunch club", "dinner with", "visiting"),
    "pet_care": ("walking the dog", "dog walking", "walking my dog", "feeding the cat",
                 "looking after", "horse riding", "riding"),
    "self_care": ("bath", "baths", "sleeping", "sleep", "napping", "tv", "telly",
                  "watching tv", "netflix", "films", "movies", "youtube", "tiktok",
                  "social media", "scrolling", "relaxing", "pamper", "shopping",
                  "cleaning", "housework", "cooking tea"),
}


def _categorise(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    padded = f" {normalise(text)} "
    best: tuple[int, str] | None = None
    for category, phrases in table.items():
        for phrase in phrases:
            if f" {phrase} " in padded and (best is None or len(phrase) > best[0]):
                best = (len(phrase), category)
    return best[1] if best else None


def parse_place(item: str) -> ParsedItem:
    text = strip_fillers(item)
    return ParsedItem(title_case(text), _categorise(text, PLACE_WORDS) or "other")


def parse_activity(item: str) -> ParsedItem:
    text = strip_fillers(item)
    return ParsedItem(title_case(text), _categorise(text, ACTIVITY_WORDS) or "other")


def guess_kind(item: str) -> str | None:
    """For 'add my sister' in reflection: which layer does this belong to?"""
    if parse_person(item).category:
        return "person"
    text = strip_fillers(item)
    if _categorise(text, ACTIVITY_WORDS):
        return "activity"
    if _categorise(text, PLACE_WORDS):
        return "place"
    return None


def mentions(text: str, label: str) -> bool:
    """Does the message mention this label as whole words?"""
    label = normalise(re.sub(r"[^\w\s']", " ", label))
    plain = normalise(re.sub(r"[^\w\s']", " ", text))
    return bool(label) and f" {label} " in f" {plain} "
