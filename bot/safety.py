"""Noticing when someone may be at risk, and what to say first.

Every message passes through `assess`:

1. The text is prepared: names and venues written with capitals are masked ("Hope",
   "the Cutting Room" become "someone"), figures of speech ("this form is killing me",
   "my phone died") and denials ("not suicidal or anything") are replaced by markers,
   and spelling is made plain ("su1c1de", "sooo", "2nite"; but "my 20s" and "50mg"
   stay numbers).
2. If the person clearly frames a risk as over ("I used to self-harm, not for years
   now") and nothing points to now ("again", "tonight"), or says they are safe and no
   plain risk phrase is there, it is not flagged.
3. Otherwise the statistical classifier (`bot.risk_classifier`: n-grams and sentence
   meaning) decides. A phrase rule (what is said plainly: "kill myself", "kms") lowers
   the score it needs from 0.5 to 0.3, so a plain phrase in safe company ("overdosed
   once in my twenties, not now") is not flagged on the phrase alone; in a message of
   three words or fewer ("suicide", "overdose") the phrase decides alone.

The NLU's `risk` intent is not used to decide: on the held-out set it raised far more
false alarms than it caught (see evaluation/README_risk.md). Figures: README, "Safety
and privacy".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .risk_classifier import SHORT_WORDS, risk_probability, threshold_for

UK_HELPLINES = (
    "If you are in danger now or have hurt yourself, call 999.",
    "For urgent mental health help, call NHS 111 and choose option 2.",
    "Samaritans are there day or night on 116 123 (free).",
    "You can also text SHOUT to 85258.",
)

# --- preparing the text --------------------------------------------------------------

_LEET = str.maketrans({"1": "i", "!": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s",
                       "5": "s", "*": "i"})
_WORD = re.compile(r"[\w*@$!]+", re.UNICODE)
_CAPITALISED = re.compile(r"^[A-Z][a-z'’]+$")
_EDGE = ".,!?;:()\"'"  # punctuation around a word, not part of a name
_NOT_NAMES = {"I", "I'm", "Im", "I've", "I'll", "I'd", "Mum", "Mam", "Dad", "Nan", "Gran",
              "My", "The", "And", "But", "He", "She", "They", "We", "It", "Me", "Please"}


def mask_names(text: str) -> str:
    """Capitalised words inside a sentence are names or places: "someone" instead.

    Only when the person writes mostly in lower case, so "I Want To Die" typed in title
    case is still read word by word."""
    words = text.split()
    capitals = [w for w in words if _CAPITALISED.match(w.strip(_EDGE))]
    if not words or len(capitals) > len(words) / 2:
        return text
    out, sentence_start = [], True
    for i, word in enumerate(words):
        bare = word.strip(_EDGE)
        nxt = words[i + 1].strip(_EDGE) if i + 1 < len(words) else ""
        name_like = _CAPITALISED.match(bare) and bare not in _NOT_NAMES
        starts_a_name = sentence_start and name_like and _CAPITALISED.match(nxt) and nxt not in _NOT_NAMES
        if name_like and (not sentence_start or starts_a_name):
            out.append(word.replace(bare, "someone"))
        else:
            out.append(word)
        sentence_start = word.endswith((".", "!", "?", ":", ";")) or word == "-"
    return " ".join(out)


# "my 20s", "50mg", "5pm", "2nd": numbers, not letters in disguise.
_NUMBER_WITH_UNIT = re.compile(
    r"^\d+(s|st|nd|rd|th|am|pm|yrs?|years?|mins?|hrs?|hours?|days?|wks?|weeks?|months?|"
    r"k|kg|mg|ml|g|mph|miles?|km|x)$")


# Text-speak where a digit stands for a sound, not a look-alike letter ("2nite" is
# "tonight", which matters: it says the danger is now).
_TEXT_SPEAK = {
    "2day": "today", "2nite": "tonight", "2night": "tonight", "2moro": "tomorrow",
    "2morrow": "tomorrow", "2mrw": "tomorrow", "b4": "before", "4ever": "forever",
    "gr8": "great", "l8r": "later", "l8": "late", "m8": "mate", "m8s": "mates", "w8": "wait",
    "any1": "anyone", "some1": "someone", "every1": "everyone", "no1": "no one",
    "2gether": "together", "4get": "forget", "h8": "hate", "str8": "straight",
}


# "S U I C I D A L", "k.i.l.l": four or more single characters with a gap between each.
_GAP = r"[ .\-_]"
_SPACED_OUT = re.compile(rf"(?<![\w@$!*])(?:[a-z0-9@$!*]{_GAP}){{3,}}[a-z0-9@$!*](?![\w@$!*])")


def _join_spaced(match: re.Match) -> str:
    joined = re.sub(_GAP, "", match.group(0))
    return joined if sum(c.isalpha() for c in joined) >= 3 else match.group(0)


def plain_text(text: str) -> str:
    """Lower case, straight quotes, spaced-out letters joined ("S U I C I D A L"),
    look-alike digits and symbols inside words read as letters ("su1c1de", "s*icide"),
    and long letter runs shortened ("sooooo" -> "soo")."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").replace("\u2018", "'")

    def unleet(match: re.Match) -> str:
        word = match.group(0)
        if word in _TEXT_SPEAK:
            return _TEXT_SPEAK[word]
        if not any(c.isalpha() for c in word) or _NUMBER_WITH_UNIT.match(word):
            return word
        return word.translate(_LEET)

    text = _SPACED_OUT.sub(_join_spaced, text.lower())
    text = _WORD.sub(unleet, text)
    return re.sub(r"\s+", " ", re.sub(r"(\w)\1{2,}", r"\1\1", text)).strip()


_IDIOMS = [
    r"\b(this|it|that|the|my|work|these|those)( \w+){0,3} (is|are|was|were|'s|'re|keeps?) (literally |actually |proper )?killing me\b",
    r"\b(you|u|they|he|she|you're|ur)('re| are| is|'s)? killing me\b",
    r"\bkill(ing|ed)? (it|time|the game)\b", r"\bmurder (a|an|some|the) \w+",
    r"\bdying (for|to (see|know|try|go|meet|hear|get))\b", r"\b(would|could|will|gonna|'d|'ll) (literally )?die (for|without|of (shame|embarrassment|laughing))\b",
    r"\bdead (good|nice|funny|tired|easy|bored|boring|chuffed|lucky|proud|excited|on)\b",
    r"\bcut(ting|s)? (room|edge|back|down|corners|the grass|(my |his |her )?hair|out|in|off|loose|up (veg|onions|carrots|food))\b",
    r"\bto die for\b", r"\b(bored|sick|scared|worried|done) to death\b", r"\bdo or die\b",
    r"\b(died|dying|nearly died|dead) (laughing|of laughter)\b", r"\bi'?m dead\b(?= ?(😂|🤣|lol|lmao|haha))",
    r"\b(phone|battery|batteries|laptop|wifi|wi-fi|internet|car|plant|plants|tv|telly|charger|signal)('s|s)? (is |are |has |keeps? |just )?(dying|died|dead|die)\b",
    r"\b(will|would|'ll|'d|gonna|going to) (kill|murder|strangle) (me|him|her|them|you)\b(?= (if|for|when|cos|because))",
    r"\b(will|would|'ll|'d) have my (head|guts)\b", r"\bhit (the (hay|sack|gym|road|shops|pub|town|books)|it off)\b",
    r"\bscared of (spiders|dogs|heights|the dentist|flying|needles|clowns|snakes)\b",
    r"\b(drop dead gorgeous|killer (heels|workout|tune|app)|overdosed? on (chocolate|sugar|telly|netflix|tv|crisps|cake|sweets))\b",
    r"\b(break a leg|knock yourself out|shoot me now|kill me now)\b(?=.*(😂|🤣|lol|joke|joking|haha|boring))",
    r"\b(bleeding|bloody) (hell|nora|heck)\b", r"\bkilling floor\b", r"\bhanging (out|on|around|about)\b",
    r"\bhang on\b", r"\bi'?m hanging\b", r"\b(take|taking|took) a stab at\b",
]
_IDIOM = re.compile("|".join(_IDIOMS))


# "not suicidal or anything", "no thoughts of hurting myself": a denial, not a disclosure.
_DENIED = re.compile(
    r"\b(not|never|no longer|isn'?t|wasn'?t|am not|i'?m not) (feeling |been |being )?"
    r"(suicidal|self[- ]?harming|going to (hurt|harm|kill) myself)\b|"
    r"\bno (thoughts|plans|urges) (of|to|about) (suicide|self[- ]?harm|hurting myself|harming myself)\b|"
    # "I don't want to die, it's just a thought" (as people with OCD describe intrusive
    # thoughts). Only a marker: the classifier still reads "... but I can't go on".
    r"\b(don'?t|do not|never) (want|wanna|intend|plan|mean) to (die|kill myself|hurt myself|"
    r"harm myself|end my life|act on (it|them))\b|"
    r"\b(wouldn'?t|would never|will never|won'?t) (ever )?(act on (it|them)|hurt myself|kill myself)\b")


def prepare(text: str) -> str:
    """What the rules and the classifier read."""
    # Markers rather than gaps, so the classifier learns that these are safe.
    plain = _IDIOM.sub(" figure_of_speech ", plain_text(mask_names(text)))
    return _DENIED.sub(" denies_risk ", plain).strip()


# --- past, resolved, safe ---------------------------------------------------------------

_PAST = re.compile(
    r"\bused to\b|\b(years?|months?|decades?|ages|a long time|long time) ago\b|"
    r"\bwhen i was (younger|little|a (kid|child|teen|teenager|student)|at (school|uni)|\d+)\b|"
    r"\bas a (kid|child|teen|teenager)\b|\b(back )?in (19|20)\d\d\b|\bback (then|when|in the day)\b|"
    r"\bthe old me\b|\bin the past\b|\blast year\b|\b(years|months|ages) back\b|\bonce\b|\bnot since\b|\bsince (19|20)\d\d\b|\bhaven'?t\b.*\b(in|for) "
    r"(ages|years|months|a long time|a while)\b|\bno longer\b|\bbehind me\b|\blong gone\b|"
    r"\b(had|went through|survived) (a|my)? ?(breakdown|crisis|attempt|dark (time|patch|period))\b|"
    r"\bi survived\b|\bscars?\b.*\b(old|years|back|younger)\b|"
    r"\bin my (teens|twenties|thirties|20s|30s|40s)\b|\bwhen (i|we) (was|were) (teens|younger|kids|little)\b|"
    r"\bwhen i first\b|\b\d+ (years|yrs|months|days) (free|clean|sober|well)\b|"
    r"\b(my )?(last|first|previous) (episode|admission|breakdown)\b|\bi remember\b")
_RESOLVED = re.compile(
    r"\b(now|these days|nowadays)\b.*\b(ok|okay|fine|well|good|better|safe|happy|great|"
    r"recovered|stable|coping|managing)\b|\b(much|so much|a lot) better\b|\bbetter place\b|"
    r"\b(i'?m|im|i am) (safe|ok|okay|fine|doing (well|ok|okay|fine|good|great|better))\b|"
    r"\bdoing (well|ok|okay|fine|good|great|better)\b|\bproud\b|\bglad\b|\brecovered\b|"
    r"\bin recovery\b|\bany ?more\b|\bno longer\b|\bbehind me\b|\blong gone\b|\bnot since\b|"
    r"\bhaven'?t\b.*\b(in|for|since) \w+|\bmade (my )?peace\b|\bgot (help|through)\b|"
    r"\bhelped me\b|\b(don'?t|doesn'?t) bother me\b|\bmoved on\b|\bleft (him|her|them)\b|"
    r"\bin prison\b|\b(i'?m|im) free\b|\bclean (for|since)\b|\bdischarged\b|\brebuilt\b|"
    r"\bnot\b.*\b(in|for) (over )?(\d+|a few|many|several) (years|months)\b|\bnot\b.*\bsince\b|"
    r"\b(now i|i now)\b|\b(learned|learnt)\b|\bsurvived\b")
_NOW = re.compile(
    r"\bagain\b|\b(start|starting|started|relapse|relapsed|relapsing)\b|\btonight\b|"
    r"\btoday\b|\bright now\b|\bat the moment\b|\batm\b|\bcurrently\b|\bstill\b|\blately\b|"
    r"\brecently\b|\bthis (week|morning|evening|afternoon)\b|\blast night\b|\byesterday\b|"
    r"\bcoming back\b|\bcreeping back\b|\bback to\b|\bwant to\b|\bwanna\b|\bgoing to\b|\bgonna\b|"
    r"\b(i'?ve got|i have|made|making|got) a plan\b|\bplanning\b|\bcan'?t (cope|go on|take)\b|\bhelp me\b|\bscared\b|\bhe (still|keeps)\b")
_SAYS_SAFE = re.compile(
    r"\b(but|and) (i'?m|im|i am) (safe|ok|okay|managing|coping|not going to act)\b|"
    r"\bnot going to (act on|do anything)\b|\bi'?m safe\b")


def framed_as_over(prepared: str) -> bool:
    """Past risk the person frames as over, with nothing that points to now."""
    if _NOW.search(prepared):
        return False
    return bool(_PAST.search(prepared) and _RESOLVED.search(prepared))


# --- what is said plainly ------------------------------------------------------------------

_RISK_PATTERNS = [
    # suicidal thoughts, intent, plan (incl. slang and obfuscation)
    r"\b(kill(ing)?|end(ing)?|hurt(ing)?|harm(ing)?) (my ?self|me)\b",
    r"\bk+m+s+\b", r"\bkys\b", r"\bunalive\b", r"\bsu[i1!]c[i1!]d(e|al)\b", r"\bsewer ?slide\b",
    r"\b(want|wanna|going|gonna|plan(ning)?|ready) (to )?die\b", r"\bbetter off dead\b",
    r"\bend(ing)? (it all|my life|everything)\b", r"\b(want|wanna|going|gonna) (to )?end it\b",
    r"\bno (point|reason) (in |to )?(live|living|go on|going on|be here|being here|carry on|carrying on|keep going|wake up)\b",
    r"\bdon'?t want to (be here|live|wake up|exist)( anymore)?\b", r"\bnot be here anymore\b",
    r"\btake my (own )?life\b", r"\b(overdos(e|ed|ing)|od'?d|od'?ed|od'?ing)\b",
    r"\b(took|taken|take|swallowed) (too many|all my|a lot of|loads of) (pills|tablets|meds)\b",
    r"\b(jump|jumping) (off|in front)\b", r"\bhang(ing)? myself\b",
    # self-harm
    r"\bself[- ]?harm(ing|ed)?\b", r"\bs ?h\b(?= ?(again|relapse))", r"\bcut(ting)? (myself|my (arms?|legs?|wrists?))\b",
    r"\b(been|started|back to) cutting\b", r"\bburn(ing|t)? myself\b",
    # relapse: "i used to cut and i've started again"
    r"\b(cut|cutting|self[- ]?harm(ing)?|sh|burning myself|hurting myself)\b.{0,40}"
    r"\b(started|starting|doing it|back at it|back)( \w+)? again\b",
    # being hurt or abused, domestic violence, a child at risk
    r"\b(he|she|they|my \w+) (hits?|beats?|hurts?|chokes?|strangles?|kicks?|punch(es)?) me\b",
    r"\b(hit|beat|hurt|punched|kicked|raped|abused|assaulted|attacked|strangled|choked) me\b",
    r"\b(being|been|am|was|getting) (hit|beaten|abused|raped|assaulted|hurt|threatened)\b",
    r"\b(scared|afraid|frightened) (of|to go home)\b", r"\bdomestic (violence|abuse)\b",
    r"\b(touch(es|ed|ing)?) me\b", r"\b(abus\w+|hurt\w*|hit\w*) (my|the) (kid|kids|child|children|son|daughter|baby)\b",
    r"\bthreaten(s|ed|ing)? to (kill|hurt)\b",
    # medical emergency
    r"\bcan'?t breathe\b", r"\bchest pains?\b", r"\b(bleeding|blood) (a lot|loads|won'?t stop)\b",
    r"\b(collapsed|unconscious|not breathing|having a (stroke|heart attack|seizure))\b",
]
_RISK = re.compile("|".join(_RISK_PATTERNS))


# The score a message with a plain risk phrase needs (see RiskReading.rule). On the
# development sets, 0.3 removed half the false alarms the phrases caused and missed no risk.
RULE_NEEDS_SCORE = 0.3


@dataclass(frozen=True)
class RiskReading:
    """What `assess` saw; `flagged_at` is the one place a decision is made."""
    phrase: bool          # a plain risk phrase is there ("kill myself", "kms")
    score: float          # the classifier's probability
    words: int            # a short message needs a higher score
    framed_as_over: bool  # past and resolved, or "but I'm safe"

    @property
    def rule(self) -> bool:
        """The phrase counts. It lowers the bar rather than deciding alone: the
        classifier, trained on such phrases in safe company, reads "overdosed once in my
        twenties, not now" as safe. In three words or fewer ("suicide", "overdose") there
        is no company to weigh, so the phrase decides."""
        return self.phrase and (self.score >= RULE_NEEDS_SCORE or self.words <= SHORT_WORDS)

    def classifier_at(self, threshold: float | None = None) -> bool:
        return self.score >= threshold_for(self.words, threshold)

    def flagged_at(self, threshold: float | None = None) -> bool:
        return not self.framed_as_over and (self.rule or self.classifier_at(threshold))

    @property
    def classifier(self) -> bool:
        return self.classifier_at()

    @property
    def flagged(self) -> bool:
        return self.flagged_at()


def assess(text: str) -> RiskReading:
    prepared = prepare(text)
    if not prepared:
        return RiskReading(False, 0.0, 0, False)
    reading = RiskReading(bool(_RISK.search(prepared)), risk_probability(prepared),
                          len(prepared.split()), framed_as_over=False)
    # "struggling, but I'm safe" is taken at its word unless a plain risk phrase counts.
    over = framed_as_over(prepared) or (not reading.rule and bool(_SAYS_SAFE.search(prepared)))
    return replace(reading, framed_as_over=over)


def suggests_risk(text: str) -> bool:
    return assess(text).flagged


_CATEGORY_PATTERNS = {
    "self_harm": r"self[- ]?harm|\bcut(ting)?\b|\bburn(ing|t)? myself|\bs ?h\b",
    "abuse_or_violence": r"\b(hit|hits|beat|beats|hurt|hurts|abus|rape|assault|threaten|"
                         r"scared|afraid|frightened|domestic|touch)",
    "medical_emergency": r"breathe|chest pain|bleeding|blood|collapsed|unconscious|stroke|"
                         r"heart attack|seizure|overdose|\bod|pills|tablets",
}


def risk_category(text: str) -> str:
    """A coarse category for the record a worker may see; never the text itself."""
    plain = plain_text(text)
    for category, pattern in _CATEGORY_PATTERNS.items():
        if re.search(pattern, plain):
            return category
    return "suicidal_or_unspecified"


def brief_reminder(helplines: tuple[str, ...] = UK_HELPLINES) -> str:
    """For a second risk message in the same conversation: warm, short, still the numbers."""
    return ("I hear you, and I'm glad you said it. The same help is there for you now:\n"
            + "\n".join(f"\u2022 {line}" for line in helplines[:3]))


def urgent_help_message(helplines: tuple[str, ...] = UK_HELPLINES) -> str:
    lines = "\n".join(f"• {line}" for line in helplines)
    return ("I'm really sorry you're going through this. Thank you for telling me. "
            "I'm a chatbot and can't help in a crisis, but people can, right now:\n"
            f"{lines}\n"
            "You don't have to go through this alone.")
