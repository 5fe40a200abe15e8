"""Noticing when someone may be at risk, and what to say first.

Two signals: phrase patterns written here, and the NLU's `risk` intent when it is
confident. Idioms ("this form is killing me") are excluded before matching.
"""

from __future__ import annotations

import re

from .parsing import normalise

UK_HELPLINES = (
    "If you are in danger now or have hurt yourself, call 999.",
    "For urgent mental health help, call NHS 111 and choose option 2.",
    "Samaritans are there day or night on 116 123 (free).",
    "You can also text SHOUT to 85258.",
)

_RISK_PATTERNS = [
    # suicidal thoughts, intent, plan (incl. slang and obfuscation)
    r"\b(kill(ing)?|end(ing)?|hurt(ing)?|harm(ing)?) (my ?self|me)\b",
    r"\bk+m+s+\b", r"\bkys\b", r"\bunalive\b", r"\bsu[i1!]c[i1!]d(e|al)\b", r"\bsewer ?slide\b",
    r"\b(want|wanna|going|gonna|plan(ning)?|ready) (to )?die\b", r"\bbetter off dead\b",
    r"\bend(ing)? (it all|my life|everything)\b", r"\b(want|wanna|going|gonna) (to )?end it\b", r"\bno (point|reason) (in )?(living|going on|being here)\b",
    r"\bdon'?t want to (be here|live|wake up|exist)( anymore)?\b", r"\bnot be here anymore\b",
    r"\btake my (own )?life\b", r"\b(overdose|od'?d|od'?ing)\b",
    r"\b(took|taken|take|swallowed) (too many|all my|a lot of|loads of) (pills|tablets|meds)\b",
    r"\b(jump|jumping) (off|in front)\b", r"\bhang(ing)? myself\b",
    # self-harm
    r"\bself[- ]?harm(ing|ed)?\b", r"\bs ?h\b(?= ?(again|relapse))", r"\bcut(ting)? (myself|my (arms?|legs?|wrists?))\b",
    r"\b(been|started|back to) cutting\b", r"\bburn(ing|t)? myself\b",
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
_IDIOMS = [
    r"\b(this|it|that|the|my|work)( \w+)?( \w+)? (is|are|was|were|'s|'re) (literally )?killing me\b",
    r"\b(you|u|they|he|she)('re| are| is|'s) killing me\b",
    r"\bkilling (it|time)\b", r"\bmurder (a|an|some) \w+", r"\bdying (for|to (see|know|try|go))\b",
    r"\b(killed|killing) (it|the game)\b", r"\bdead (good|nice|funny|tired|easy|bored|boring)\b",
    r"\bcutting (room|edge|back|down|corners|the grass|hair|out)\b", r"\bto die for\b",
    r"\bbored to death\b", r"\bscared of (spiders|dogs|heights|the dentist|flying)\b",
]
_RISK = re.compile("|".join(_RISK_PATTERNS))
_IDIOM = re.compile("|".join(_IDIOMS))

RISK_INTENT = "risk"
RISK_INTENT_CONFIDENCE = 0.8


def suggests_risk(text: str, intent: str | None = None, confidence: float = 0.0) -> bool:
    plain = normalise(text).replace("\u2019", "'")
    plain = _IDIOM.sub(" ", plain)
    if _RISK.search(plain):
        return True
    return intent == RISK_INTENT and confidence >= RISK_INTENT_CONFIDENCE


_CATEGORY_PATTERNS = {
    "self_harm": r"self[- ]?harm|\bcut(ting)?\b|\bburn(ing|t)? myself|\bs ?h\b",
    "abuse_or_violence": r"\b(hit|hits|beat|beats|hurt|hurts|abus|rape|assault|threaten|"
                         r"scared|afraid|frightened|domestic|touch)",
    "medical_emergency": r"breathe|chest pain|bleeding|blood|collapsed|unconscious|stroke|"
                         r"heart attack|seizure|overdose|\bod|pills|tablets",
}


def risk_category(text: str) -> str:
    """A coarse category for the record a worker may see; never the text itself."""
    plain = normalise(text)
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
