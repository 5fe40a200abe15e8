"""The words of the conversation: every question and its options, written once so they
read well as web buttons, typed text in a terminal, and numbered SMS replies."""

from __future__ import annotations

from .parsing import Option

STEPS = ("People", "Places", "Activities", "Looking back", "Changes", "Your summary")
TOTAL_STEPS = len(STEPS)

# Sent as three short messages: easier to read on a phone or by SMS.
WELCOME = (
    "Hello, and welcome to Wellbeing Map. Together we'll draw a map of the people, "
    "places and activities in your life and how each one affects your wellbeing, then "
    "pick up to three changes you'd like to make. It takes about 15 to 25 minutes. You "
    "can pause at any time and come back later, and say \u201chelp\u201d, "
    "\u201cback\u201d or \u201cskip\u201d whenever you like.",
    "What you tell me is saved so you don't lose it. Only you can see your map, through "
    "your own private link, unless you choose to share it, for example with a peer "
    "support worker. You can ask me to delete it at any time.",
    "This is not a crisis service. If you need urgent help: call 999 in an emergency, "
    "NHS 111 option 2 for urgent mental health help, or Samaritans free on 116 123.",
)
PRIVACY_NOTICE_VERSION = "2026-11-22.2"  # recorded with each consent; change with the words
CONSENT_QUESTION = ("This service is for people aged {min_age} or over. Is it OK for me "
                    "to save your answers as we go?")
CONSENT_OPTIONS = [
    Option("yes", "I'm {min_age} or over: save my answers",
           ("yes", "yeah", "yep", "ok", "okay", "sure", "save", "fine", "go on", "y",
            "alright", "yes save my answers", "save my answers")),
    Option("no", "I'm {min_age} or over: don't save anything",
           ("no", "nope", "nah", "n", "don't save", "dont save", "not save", "rather not",
            "no don't save anything", "don't save anything")),
    Option("under_age", "I'm under {min_age}",
           ("under", "i'm under", "im under", "too young", "i'm 15", "im 15", "i'm 14",
            "im 14", "i'm 13", "im 13", "i'm 12", "im 12", "not yet")),
    Option("more", "Tell me more first", ("more", "tell me more", "what do you save",
                                          "who can see", "why", "explain", "privacy")),
]
UNDER_AGE = (
    "Thank you for telling me. This service is for people aged {min_age} and over, so we "
    "can't make a map together yet, and I haven't saved anything. If you'd like to talk "
    "to someone about anything at all, Childline is free on 0800 1111, any time, or at "
    "childline.org.uk. If you are in danger, call 999."
)
CONSENT_MORE = (
    "I save your answers to this conversation: the names you give, how you rate them, "
    "and the changes you choose. They are stored encrypted on this service's own "
    "database, linked to a random code, not to your name, email or phone. Nobody else "
    "can open your map unless you give them your link. If something you say makes me "
    "worried for your safety, I note the kind of worry and the time, never your words. "
    "You can say \u201cshow my data\u201d or \u201cdelete my data\u201d at any time, "
    "and deleting removes your map and our conversation. If you'd rather not save, we "
    "can still go through it all now, but it will be gone when you close the page."
)
NAME_QUESTION = (
    "What would you like me to call you? A first name or a nickname is fine, or say "
    "\u201cskip\u201d."
)

PEOPLE_PROMPTS = [
    "Who are the people who matter in your life, for good or bad? You can name several "
    "at once, like \u201cmy mum, my mate Sam and my GP\u201d.",
    "Who do you live with, if anyone?",
    "Who do you see or talk to most days?",
    "Who do you turn to when things are hard?",
    "Who helps you with practical things, like shopping, forms or appointments? "
    "Workers count too, like a GP, CPN or support worker.",
    "Is there anyone you've lost touch with but would like back in your life?",
]
PLACES_PROMPTS = [
    "Where do you go in a normal week? For example the shops, a park, the library, a "
    "caf\u00e9, a gym, a place of worship, a day centre, work or college.",
    "Is there anywhere you used to go and miss?",
]
ACTIVITIES_PROMPTS = [
    "What do you do in a normal week, for fun, for your health, or to get things done? "
    "For example walking, reading, gaming, cooking, volunteering, a class or faith.",
    "Is there anything you used to do and miss?",
]
LIST_PROMPTS = {"person": PEOPLE_PROMPTS, "place": PLACES_PROMPTS,
                "activity": ACTIVITIES_PROMPTS}
ANYTHING_ELSE = {
    "person": "Anyone else? Name them, or say \u201cthat's all\u201d.",
    "place": "Anywhere else? Name it, or say \u201cthat's all\u201d.",
    "activity": "Anything else you do? Name it, or say \u201cthat's all\u201d.",
}
MISSED_PROMPT_INDEX = {"person": 5, "place": 1, "activity": 1}
LIST_DONE = Option("done", "That's all", ("that's all", "thats all", "done", "finished"))
LIST_NONE = Option("none", "No one", ("no one", "nobody", "none", "noone", "no-one"))
LIST_NOTHING = Option("none", "Nothing", ("nothing", "none", "nowhere", "no"))

CATEGORY_QUESTION = "What is {label} to you?"
CATEGORY_OPTIONS = [
    Option("family", "Family", ("family", "relative", "related", "mum", "dad", "sister",
                                "brother", "cousin", "aunt", "uncle", "nan", "gran")),
    Option("partner", "Partner", ("partner", "wife", "husband", "girlfriend",
                                  "boyfriend", "other half")),
    Option("friend", "Friend", ("friend", "mate", "pal", "bestie", "best friend")),
    Option("neighbour", "Neighbour", ("neighbour", "neighbor", "next door")),
    Option("colleague", "Someone from work", ("work", "colleague", "boss", "workmate")),
    Option("practitioner", "A worker (GP, nurse, support worker)",
           ("worker", "gp", "doctor", "nurse", "cpn", "support worker", "therapist",
            "social worker", "psychiatrist", "counsellor", "care coordinator")),
    Option("community", "Someone from a group, club or faith", ("group", "club",
                                                               "church", "community",
                                                               "faith", "coach")),
    Option("online", "Someone I know online", ("online", "internet", "discord")),
    Option("pet", "A pet", ("pet", "dog", "cat", "animal")),
    Option("other", "Something else", ("other", "something else", "else")),
]
CATEGORY_WORDS = {
    "family": "family", "partner": "partner", "friend": "friend",
    "neighbour": "neighbour", "colleague": "from work", "practitioner": "a worker",
    "community": "community", "online": "online", "pet": "pet", "other": None,
}

CLOSENESS_QUESTION = ("How close do you feel to {label}? Picture circles around you: "
                      "the inner circle is who you feel closest to.")
CLOSENESS_OPTIONS = [
    Option("inner", "Inner circle, very close",
           ("inner", "inner circle", "very close", "really close", "close", "closest",
            "super close", "so close", "1st circle")),
    Option("middle", "Middle, quite close",
           ("middle", "quite close", "fairly close", "in between", "inbetween",
            "medium", "sort of close", "kind of close", "kinda close", "bit close",
            "somewhere in the middle", "mid")),
    Option("outer", "Outer, not so close",
           ("outer", "outside", "not close", "not that close", "not very close",
            "not so close", "not really close", "distant", "edge", "far", "further out",
            "outer circle", "not close at all", "barely")),
]

EFFECT_QUESTION = {
    "person": "Overall, is {label} good for your wellbeing, not good, mixed, or neither?",
    "place": "{label}: how does going there affect your wellbeing?",
    "activity": "{label}: how does it affect your wellbeing?",
}
RATHER_NOT_SAY = Option("rather_not_say", "I'd rather not say",
                        ("rather not say", "prefer not to say", "rather not",
                         "private", "not saying", "no comment", "don't want to say",
                         "dont want to say", "id rather not say"))
EFFECT_OPTIONS = [
    Option("positive", "Good for me",
           ("good", "good for me", "helps", "helpful", "positive", "great", "brilliant",
            "amazing", "happy", "supportive", "lifts me", "lifts me up", "love",
            "love it", "love them", "lovely", "not bad", "calming", "calm", "relaxing",
            "makes me feel better", "better", "fab", "ace", "the best", "well good",
            "really good", "very good", "its good", "it's good", "they're good",
            "theyre good", "gives me energy", "energy", "+", "pos")),
    Option("mixed", "Mixed", ("mixed", "both", "bit of both", "a bit of both",
                              "up and down", "ups and downs", "depends", "complicated",
                              "not great", "sometimes good", "good and bad",
                              "hit and miss", "love hate", "love-hate", "so so",
                              "so-so", "half and half", "in the middle")),
    Option("negative", "Not good for me",
           ("bad", "bad for me", "negative", "drains", "drains me", "draining",
            "toxic", "stress", "stressful", "stresses me", "stresses me out", "hurts",
            "harmful", "not good", "not good for me", "worse", "upsets me", "upsetting",
            "awful", "terrible", "horrible", "makes me feel worse", "makes me anxious",
            "anxious", "not helpful", "unhelpful", "grim", "hate", "hate it", "-")),
    Option("neutral", "Neither", ("neither", "neutral", "no difference",
                                  "doesn't affect", "doesnt affect", "not much",
                                  "not really", "meh", "nothing", "no effect",
                                  "indifferent", "whatever", "it's fine", "fine", "ok",
                                  "okay", "alright", "average", "normal")),
    RATHER_NOT_SAY,
]
EFFECT_WORDS = {"positive": "good for you", "mixed": "mixed",
                "negative": "not good for you", "neutral": "neither good nor bad"}

FREQUENCY_QUESTION = "{label}: how often do you go there?"
FREQUENCY_OPTIONS = [
    Option("daily", "Most days", ("every day", "everyday", "daily", "most days",
                                  "all the time", "a lot", "always", "every morning",
                                  "loads", "most of the time", "each day", "day")),
    Option("weekly", "Every week", ("weekly", "every week", "once a week", "twice a week",
                                    "few times a week", "a few times a week",
                                    "couple of times a week", "weekends", "at weekends",
                                    "on sundays", "sundays", "saturdays", "week",
                                    "once or twice a week")),
    Option("monthly", "Every month or so", ("monthly", "every month", "once a month",
                                            "every few weeks", "fortnightly",
                                            "every other week", "month", "fortnight")),
    Option("less_often", "Less often", ("less", "less often", "rarely", "now and then",
                                        "now and again", "sometimes", "occasionally",
                                        "not often", "hardly", "hardly ever",
                                        "once in a while", "yearly", "not much",
                                        "every so often", "few times a year")),
]
FREQUENCY_WORDS = {"daily": "most days", "weekly": "every week",
                   "monthly": "every month or so", "less_often": "now and then"}

TIME_AT_HOME_QUESTION = ("Roughly how much of your waking day do you spend at home? "
                         "There's no right answer.")
TIME_AT_HOME_OPTIONS = [
    Option("most", "Most of the day", ("most", "most of the day", "nearly all",
                                       "all day", "all of it", "always", "mostly",
                                       "a lot", "loads", "all the time", "nearly always",
                                       "75", "80", "90", "100", "whole day", "most of it")),
    Option("about_half", "About half", ("half", "about half", "half and half",
                                        "fifty fifty", "50", "in between", "half the day",
                                        "50/50", "some")),
    Option("less_than_half", "Less than half", ("less", "less than half", "not much",
                                                "hardly", "rarely", "barely", "out a lot",
                                                "not a lot", "little", "a bit", "25",
                                                "hardly ever", "never")),
]
TIME_AT_HOME_WORDS = {"most": "most of the day", "about_half": "about half the day",
                      "less_than_half": "less than half the day"}

KNOWS_QUESTION = ("Does {label} know any of these people? Reply with names or numbers, "
                  "like \u201c1 and 3\u201d, or say \u201cnone\u201d.")
WITH_QUESTION = ("{label}: who do you do it with? Reply with names or numbers, or say "
                 "\u201con my own\u201d.")
WHERE_QUESTION = ("{label}: where do you do it? Reply with a place or number, or say "
                  "\u201cat home\u201d.")
NONE_OF_THEM = Option("none", "None of them", ("none", "no", "nope", "nobody", "no one",
                                               "noone", "none of them", "neither",
                                               "not really", "nah", "n"))
ON_MY_OWN = Option("none", "On my own", ("on my own", "alone", "by myself", "myself",
                                         "just me", "no one", "nobody", "solo", "me",
                                         "on me own", "none", "noone"))
AT_HOME = Option("home", "At home", ("at home", "home", "in my flat", "my flat",
                                     "in my room", "house", "indoors", "inside"))
ALL_OVER = Option("none", "Different places", ("different places", "anywhere",
                                               "everywhere", "all over", "various",
                                               "outside", "out and about", "none",
                                               "nowhere"))

REFLECT_INTRO = "Here's your map so far. Take a moment to look it over."
REFLECT_QUESTION = (
    "Does that look right? You can change anything: say things like \u201cSam is "
    "mixed\u201d, \u201cmove Sam to the inner circle\u201d, \u201cremove the gym\u201d "
    "or \u201cadd my sister\u201d. Or choose \u201cLooks right\u201d to go on."
)
REFLECT_OPTIONS = [
    Option("ok", "Looks right, go on", ("looks right", "looks good", "go on", "yes",
                                        "yeah", "yep", "correct", "right", "fine", "ok",
                                        "okay", "good", "all good", "perfect", "next",
                                        "that's right", "thats right", "that's fine",
                                        "continue", "carry on", "y", "sound", "spot on",
                                        "no changes", "nothing to change")),
]

GOAL_OFFER = (
    "Now let's think about changes. Looking at your map, is there anything you'd like to "
    "change for the better? It can be small: seeing someone more, going somewhere new, "
    "picking up something you miss, or less of something that drains you. You can "
    "choose up to three."
)
GOAL_WHAT = "What's one change you'd like to make? Or say \u201cno changes\u201d."
GOAL_WHAT_NEXT = "What's the next change you'd like to make?"
NO_CHANGES = Option("none", "No changes for now",
                    ("no changes", "no change", "nothing", "none", "no", "nope", "nah",
                     "not really", "no thanks", "not now", "no changes for now",
                     "i'm happy as i am", "im happy as i am", "happy as i am"))
GOAL_WHY = "Why does that matter to you?"
GOAL_HELPERS = ("Who or what in your map could help with that? Reply with names or "
                "numbers, or tell me about other help. Or say \u201cno one\u201d.")
GOAL_BARRIERS = ("What might get in the way? It's OK to be honest. Or say "
                 "\u201cnothing\u201d.")
GOAL_FIRST_STEP = "What's one small first step you could take?"
GOAL_BY_WHEN = ("When would you like to take that first step by? For example "
                "\u201cthis week\u201d or \u201cby Friday\u201d.")
GOAL_MORE = "Would you like to add another change?"
GOAL_MORE_OPTIONS = [
    Option("yes", "Yes, add another", ("yes", "yeah", "yep", "another", "add another",
                                       "one more", "sure", "ok", "y", "go on")),
    Option("no", "No, that's all", ("no", "nope", "nah", "that's all", "thats all",
                                    "done", "finished", "no thanks", "n", "that's it",
                                    "thats it", "enough")),
]
NOTHING_BARRIERS = ("nothing", "none", "no", "nope", "nah", "not sure", "dunno",
                    "don't know", "dont know", "idk", "n/a", "nothing really")

FINISHED = (
    "That's everything. Thank you for taking the time. Your map is yours: look at it "
    "whenever you like, share it with someone you trust, and come back to review it "
    "later."
)
FINISHED_AGAIN = (
    "Your map is finished and saved. You can say \u201cshow my map\u201d, "
    "\u201cstart again\u201d to make a new map (your old one is kept), or "
    "\u201cdelete my data\u201d."
)
FINISHED_UNSAVED = (
    "That's everything. Thank you for taking the time. As you chose, nothing has been "
    "saved: copy the summary above if you'd like to keep it."
)

HELP = {
    "consent": "I'm asking whether I can save your answers. If you say no, we can still "
               "do the whole map; it just won't be kept.",
    "name": "I'll use this name to talk to you. It can be anything, or nothing.",
    "list": "Just type the names, separated by commas, like \u201cmy sister Jo, my "
            "neighbour and my support worker\u201d. I'll ask about each one after. Say "
            "\u201cthat's all\u201d when you've finished.",
    "category": "I'm asking how you know this person, so the map can group them.",
    "closeness": "Think of circles around you, with you in the middle. The people you "
                 "feel closest to go in the inner circle. There's no right answer, and "
                 "workers like a nurse can be in your inner circle too.",
    "effect": "I'm asking how this part of your life affects your wellbeing overall: "
              "whether it lifts you up, drains you, is a bit of both, or neither. It's "
              "your own view, just for now.",
    "frequency": "Roughly how often you go there in a normal month.",
    "time_at_home": "A rough guess is fine. Many people spend most of the day at home.",
    "knows": "I'm asking who knows whom, so the map can show the links between people.",
    "with": "Pick the people you do this with, or say \u201con my own\u201d.",
    "where": "Pick the place where this happens, or say \u201cat home\u201d.",
    "reflect": "This is your chance to check the map. Tell me anything to change, or "
               "choose \u201cLooks right\u201d.",
    "goal": "A change is anything you'd like to be different: a person to see more, a "
            "place to try, an activity to start again. Small is good.",
    "confirm": "Please answer yes or no.",
}
ALWAYS_HELP = ("At any time you can say \u201cback\u201d to undo your last answer, "
               "\u201cskip\u201d, \u201cpause\u201d, \u201cshow my map\u201d, "
               "\u201cstart again\u201d or \u201cdelete my data\u201d.")
