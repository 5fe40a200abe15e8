"""Ordinary mapping answers, generated, as safe examples for the risk classifier.

Real answers are mostly lists of people, places and activities, ratings, and small
goals with a time in them ("text my sister tonight"). Risk training data is full of
"tonight" and "my little girl" for good reason, so without many plain answers using the
same words the classifier learns that the words themselves are risky. Names and places
are invented; the seed is fixed, so training is repeatable.
"""

from __future__ import annotations

import random

ROLES = ["mum", "dad", "nan", "gran", "grandad", "sister", "brother", "little girl", "little boy",
         "daughter", "son", "kids", "partner", "husband", "wife", "boyfriend", "girlfriend",
         "mate", "best mate", "friend", "neighbour", "cousin", "aunt", "uncle", "CPN", "GP",
         "support worker", "key worker", "social worker", "psychiatrist", "care coordinator",
         "peer worker", "landlord", "boss", "flatmate", "cat", "dog", "vicar", "imam",
         "sponsor", "carer", "stepdad", "stepmum", "niece", "nephew", "grandson", "granddaughter"]
NAMES = ["Bev", "Sam", "Priya", "Tomasz", "Aisha", "Dev", "Kerry", "Mo", "Jade", "Callum",
         "Nia", "Ollie", "Ruth", "Femi", "Gaz", "Lina", "Stan", "Zara", "Pat", "Rhys", "Ade",
         "Maisie", "Kev", "Joan", "Bilal", "Shona", "Wes", "Ivy", "Dariusz", "Hope", "Faith"]
PLACES = ["the library", "the park", "Tesco", "the gym", "church", "the mosque", "the day centre",
          "the café", "my allotment", "the bookies", "the pub", "the job centre", "college",
          "work", "the chemist", "the GP surgery", "the canal path", "the beach", "the shops",
          "bingo", "the food bank", "the recovery café", "the swimming baths", "the market",
          "my mum's", "the community centre", "the bus station", "the chippy", "Greggs"]
ACTIVITIES = ["walking the dog", "gaming", "football", "painting", "fishing", "reading",
              "swimming", "cooking", "knitting", "darts", "the gym", "watching telly",
              "music", "gardening", "colouring", "going for a drive", "church choir", "boxing",
              "cycling", "baking", "bingo", "pool", "yoga", "volunteering", "scrolling tiktok"]
TIMES = ["tonight", "tomorrow", "this week", "on sunday", "at the weekend", "every day",
         "next week", "after work", "in the morning", "once a week", "by friday", "this month",
         "later", "today", "on payday"]
VERBS = ["text", "ring", "call", "see", "visit", "message", "meet", "go round to", "have a brew with"]
# Short answers to the goal questions (when, who could help, what might get in the way,
# why it matters): on their own a few of them ("soon", "nothing", "no one") sound like
# what a person at risk might say, so the classifier must see them as the answers they are.
WHEN = ["soon", "asap", "when i can", "whenever", "in a bit", "eventually", "one day",
        "by christmas", "end of the month", "next month", "in the summer", "before my birthday",
        "not sure", "no idea", "dunno", "when im ready", "in a few weeks", "after the holidays"]
HELPERS = ["no one", "nobody", "myself", "just me", "my cpn", "my support worker", "the gp",
           "my key worker", "not sure", "nobody really", "my mate", "the group"]
BARRIERS = ["nothing", "nothing really", "money", "my anxiety", "the bus", "being tired",
            "my back", "the weather", "time", "work", "motivation", "me", "my mood", "no car",
            "the cost", "not much", "dunno", "my health", "confidence"]
REASONS = ["to feel better", "for my kids", "to be less lonely", "to get out more",
           "it makes me happy", "to feel normal", "for my health", "to have a routine",
           "because i miss it", "so im not stuck indoors", "to meet people"]
FEELINGS = ["good for me", "bad for me", "mixed", "neither", "drains me", "helps a lot",
            "bit of both", "close", "not close", "middle", "really close", "1", "2", "3"]


def ordinary_answers(count: int = 1500, seed: int = 7) -> list[str]:
    rng = random.Random(seed)

    def person() -> str:
        role, name = rng.choice(ROLES), rng.choice(NAMES)
        return rng.choice([f"my {role}", f"my {role} {name}", name, f"{name} my {role}",
                           f"{name} ({role})"])

    def listing(items) -> str:
        items = list(items)
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + rng.choice(
            [" and ", " n ", " & ", ", "]) + items[-1]

    makers = [
        lambda: listing(person() for _ in range(rng.randint(1, 4))),
        lambda: listing(rng.sample(PLACES, rng.randint(1, 3))),
        lambda: listing(rng.sample(ACTIVITIES, rng.randint(1, 3))),
        lambda: f"{rng.choice(VERBS)} {person()} {rng.choice(TIMES)}",
        lambda: f"go to {rng.choice(PLACES)} {rng.choice(TIMES)}",
        lambda: f"{rng.choice(ACTIVITIES)} with {person()} {rng.choice(TIMES)}",
        lambda: f"{person()} and {rng.choice(['her', 'his', 'their'])} {rng.choice(['dog', 'kids', 'cat', 'baby'])}",
        lambda: f"{person()}, {rng.choice(FEELINGS)}",
        lambda: f"{rng.choice(PLACES)}, {rng.choice(TIMES)}, {rng.choice(FEELINGS)}",
        lambda: f"{person()} knows {person()}",
        lambda: rng.choice(WHEN),
        lambda: rng.choice(HELPERS),
        lambda: rng.choice(BARRIERS),
        lambda: rng.choice(REASONS),
    ]
    answers = []
    for _ in range(count):
        text = rng.choice(makers)()
        if rng.random() < 0.3:
            text = text.lower()
        answers.append(text)
    return answers
