"""The mapping conversation as a state machine that knows nothing of Rasa.

Each turn takes what the person typed (plus the NLU's reading of it) and the stored
conversation, changes the map, and says what comes next. Where we are is derived from
the map and a few flags, so a turn can be replayed after a crash and "back" is just
restoring the snapshot taken before the last answer.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from . import questions as Q
from . import safety, summary
from .model import Goal, WellbeingMap, new_id, utcnow
from .parsing import (
    NO, YES, Option, choose_option, is_done, mentions, normalise, parse_activity,
    parse_person, parse_place, split_list, strip_fillers, guess_kind, clean_label,
    yes_or_no,
)

MAX_MESSAGE_LENGTH = 2000
MAX_CONNECTIONS = 60
MAX_GOALS = 3
UNDO_DEPTH = 15
COMMAND_CONFIDENCE = 0.85

# Words that are commands wherever they are typed, even as a free-text answer.
COMMAND_WORDS = {
    "help": ("help", "?", "help me", "help please", "i need help", "what do i do",
             "what do you mean", "i don't understand", "i dont understand", "confused",
             "im confused", "i'm confused", "huh", "how does this work"),
    "back": ("back", "go back", "undo", "previous", "back please", "go back please",
             "undo that", "wrong", "that's wrong", "thats wrong", "oops", "mistake",
             "i made a mistake", "change my answer", "change my last answer"),
    "skip": ("skip", "pass", "skip this", "skip it", "next question", "move on",
             "skip that", "skip please"),
    "pause": ("pause", "stop", "stop for now", "later", "bye", "goodbye", "bye for now",
              "quit", "exit", "take a break", "brb", "gotta go", "got to go",
              "i need a break", "come back later", "save and exit", "pause please"),
    "restart": ("start again", "restart", "start over", "reset", "begin again",
                "start from the beginning", "new map", "start a new map"),
    "show_map": ("show my map", "my map", "map", "show map", "see my map",
                 "show me my map", "view my map", "what's on my map", "whats on my map"),
    "show_data": ("show my data", "my data", "see my data", "download my data",
                  "what data do you have", "what do you know about me",
                  "what have you saved", "what have you got on me"),
    "delete_data": ("delete my data", "delete", "delete everything", "erase my data",
                    "forget me", "delete my map", "delete it all", "erase everything",
                    "remove my data", "delete all my data"),
    "resume": ("resume", "continue", "carry on", "i'm back", "im back", "back again",
               "let's continue", "lets continue"),
}
_COMMAND_BY_PHRASE = {phrase: command for command, phrases in COMMAND_WORDS.items()
                      for phrase in phrases}
# NLU intent -> command. Rasa reserves the intents "back" and "restart" for its own
# actions, so ours are called go_back and start_over.
NLU_COMMANDS = {"help": "help", "go_back": "back", "skip": "skip", "pause": "pause",
                "start_over": "restart", "show_map": "show_map",
                "delete_data": "delete_data", "resume": "resume"}
THANKS = ("thanks", "thank you", "ta", "cheers", "thx", "ty", "thank u", "thanks a lot")
GREETINGS = ("hi", "hello", "hiya", "hey", "morning", "good morning", "evening",
             "afternoon", "yo", "alright", "hey there", "hi there", "hello there")

# A "no one" style answer to a memory prompt means "no one for this prompt".
NOTHING_FOR_THIS_PROMPT = ("no one", "nobody", "none", "noone", "no-one", "nothing",
                           "nowhere", "no", "nope", "nah", "not really", "n/a",
                           "not anymore", "no one really", "nobody really")


@dataclass
class Incoming:
    text: str
    intent: str | None = None
    confidence: float = 0.0
    entities: list[dict] = field(default_factory=list)


@dataclass
class Reply:
    text: str
    options: list[Option] = field(default_factory=list)


@dataclass
class Progress:
    step: int
    total: int
    label: str


@dataclass
class Outcome:
    replies: list[Reply] = field(default_factory=list)
    progress: Progress | None = None
    show_map_link: bool = False
    show_data_link: bool = False  # everything held about the person, for them (and a worker)
    deleted: bool = False
    finished: bool = False  # this turn completed the map
    compared_with: str | None = None  # the earlier map a review was compared with

    def say(self, text: str, options: list[Option] | None = None) -> None:
        self.replies.append(Reply(text, list(options or [])))


class UndoStack:
    """Snapshots taken before each answer, newest last. Storage may back it with a
    table and load older snapshots only when "back" needs them."""

    def __init__(self, snapshots: list[dict] | None = None):
        self.snapshots = list(snapshots or [])
        self.pushed: list[dict] = []  # not yet saved
        self.popped = 0  # saved snapshots to delete

    def push(self, snapshot: dict) -> None:
        self.pushed.append(snapshot)
        self.snapshots.append(snapshot)
        del self.snapshots[:-UNDO_DEPTH]

    def mark_saved(self) -> None:
        self.pushed, self.popped = [], 0

    def pop(self) -> dict | None:
        if not self.snapshots:
            return None
        snapshot = self.snapshots.pop()
        if self.pushed and self.pushed[-1] is snapshot:
            self.pushed.pop()
        else:
            self.popped += 1
        return snapshot


@dataclass
class Conversation:
    """Everything the flow needs between turns; stored after every answer."""
    id: str
    map: WellbeingMap
    consent: bool | None = None
    consent_at: str | None = None
    name: str | None = None
    state: dict = field(default_factory=dict)
    created_at: str = field(default_factory=utcnow)
    undo: "UndoStack" = field(default_factory=lambda: UndoStack())

    @classmethod
    def new(cls, conversation_id: str | None = None) -> "Conversation":
        conversation_id = conversation_id or new_id()
        return cls(id=conversation_id, map=WellbeingMap.new(conversation_id))


@dataclass
class Question:
    key: str
    step: int
    text: str
    options: list[Option] = field(default_factory=list)
    target: str | None = None
    kind: str | None = None
    help_key: str = "list"
    free_text: bool = False  # an answer in the person's own words


def _step_for(kind: str) -> int:
    return {"person": 1, "place": 2, "activity": 3}[kind]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class Flow:
    """One instance serves every conversation; all state is in `Conversation`."""

    def __init__(self, helplines: tuple[str, ...] = safety.UK_HELPLINES, min_age: int = 16):
        self.helplines = helplines
        self.min_age = min_age
        self.consent_options = [
            Option(o.key, o.title.format(min_age=min_age),
                   o.synonyms + (normalise(o.title.format(min_age=min_age)),))
            for o in Q.CONSENT_OPTIONS]

    # ------------------------------------------------------------------ turns --
    def handle(self, conv: Conversation, incoming: Incoming) -> Outcome:
        out = Outcome()
        state = conv.state
        text = (incoming.text or "").strip()

        if text == "/start" and not state.get("under_age"):
            return self._greet(conv, out)
        if not text or not any(ch.isalnum() for ch in text) and not _is_emoji_only(text):
            out.say("I didn't get any words there. No problem, take your time.")
            return self._ask(conv, out)
        if len(text) > MAX_MESSAGE_LENGTH:
            out.say(f"That's a long message, more than I can take in one go. Could you "
                    f"say it in under {MAX_MESSAGE_LENGTH:,} characters? Nothing you've "
                    f"told me is lost.")
            return self._ask(conv, out)
        if safety.suggests_risk(text):
            # Recorded for a worker: the kind of risk and when, never the words.
            flags = state.setdefault("risk_flags", [])
            flags.append({"category": safety.risk_category(text), "at": utcnow()})
            state["awaiting"] = "risk_choice"
            # The full message the first time; after that a shorter one that still
            # gives the numbers, so the person isn't met with the same block each time.
            out.say(safety.urgent_help_message(self.helplines) if len(flags) == 1
                    else safety.brief_reminder(self.helplines))
            out.say("Would you like to pause here, or carry on with your map? "
                    "Either is fine.",
                    [Option("carry_on", "Carry on", ("carry on", "continue", "go on",
                                                     "keep going", "yes", "on")),
                     Option("pause", "Pause for now", ("pause", "stop", "later",
                                                       "no", "break"))])
            return out

        if state.get("under_age"):
            out.say(Q.UNDER_AGE.format(min_age=self.min_age))
            return out
        awaiting = state.pop("awaiting", None)
        if awaiting == "risk_choice":
            choice = choose_option(text, [Option("carry_on", "Carry on",
                                                 ("carry on", "continue", "go on", "on",
                                                  "keep going", "yes", "ok")),
                                          Option("pause", "Pause for now",
                                                 ("pause", "stop", "later", "no"))])
            if choice and choice.key == "pause":
                return self._pause(conv, out)
            if choice:
                out.say("OK, let's carry on gently. You can pause whenever you like.")
                return self._ask(conv, out)
        if awaiting in ("confirm_restart", "confirm_delete"):
            answer = yes_or_no(text)
            if answer == "yes" and awaiting == "confirm_delete":
                out.deleted = True
                out.say("Done. I've deleted your map and our conversation. Take care. "
                        "If you'd ever like to start again, just say hello.")
                return out
            if answer == "yes":
                return self._restart(conv, out)
            if answer == "no":
                out.say("OK, I've left everything as it was.")
                return self._ask(conv, out)
            # anything else: treat as a normal message below

        question = self.next_question(conv)
        command = self._command(text, incoming, question)
        if command:
            return self._run_command(command, conv, out, question)

        if state.pop("paused", False):
            out.say(self._welcome_back(conv))
        if question is None:
            out.say(Q.FINISHED_AGAIN)
            out.show_map_link = True
            return out

        plain = normalise(text)
        if plain in THANKS:
            out.say("You're welcome.")
            return self._ask(conv, out)
        if plain in GREETINGS and question.key not in ("name",):
            out.say("Hello!")
            return self._ask(conv, out)

        before = self._snapshot(conv)
        understood = self._answer(conv, question, text, incoming, out)
        if not understood:
            out.say(self._fallback(question))
            return self._ask(conv, out, repeat_header=False)
        if self._snapshot(conv) != before:
            conv.undo.push(before)
            conv.map.touch()
        return self._ask(conv, out)

    # ------------------------------------------------------------- commands --
    def _command(self, text: str, incoming: Incoming, question: Question | None) -> str | None:
        plain = normalise(text)
        if plain in _COMMAND_BY_PHRASE:
            command = _COMMAND_BY_PHRASE[plain]
            # "no one"/"none" style answers and option titles are answers, not commands
            if question and choose_option(text, question.options) and command in ("skip",):
                return None
            return command
        # In the person's own words ("start a book club", "ask at the desk") only the
        # exact command phrases above count; elsewhere a confident NLU reading does too.
        if question and question.free_text:
            return None
        if incoming.intent in NLU_COMMANDS and incoming.confidence >= COMMAND_CONFIDENCE:
            if len(plain.split()) <= 8 and not (question and choose_option(text, question.options)):
                return NLU_COMMANDS[incoming.intent]
        return None

    def _run_command(self, command: str, conv: Conversation, out: Outcome,
                     question: Question | None) -> Outcome:
        state = conv.state
        if command == "help":
            key = question.help_key if question else None
            out.say(Q.HELP.get(key, "") + ("\n" if key else "") + Q.ALWAYS_HELP)
            return self._ask(conv, out, repeat_header=False)
        if command == "back":
            snapshot = conv.undo.pop()
            if snapshot is None:
                out.say("We're at the very start, so there's nothing to go back to.")
                return self._ask(conv, out)
            self._restore(conv, snapshot)
            out.say("OK, let's go back a step.")
            return self._ask(conv, out)
        if command == "skip":
            if question is None:
                out.say(Q.FINISHED_AGAIN)
                return out
            before = self._snapshot(conv)
            self._skip(conv, question, out)
            conv.undo.push(before)
            return self._ask(conv, out)
        if command == "pause":
            return self._pause(conv, out)
        if command == "resume":
            state.pop("paused", None)
            out.say(self._welcome_back(conv))
            return self._ask(conv, out)
        if command == "restart":
            state["awaiting"] = "confirm_restart"
            out.say("Start a new map from the beginning? Your answers so far will be "
                    "kept as an earlier map.", [YES, NO])
            return out
        if command == "delete_data":
            state["awaiting"] = "confirm_delete"
            out.say("Delete your map and our whole conversation? This can't be undone.",
                    [Option("yes", "Yes, delete it all", YES.synonyms),
                     Option("no", "No, keep it", NO.synonyms)])
            return out
        if command == "show_map":
            out.say(summary.readback(conv.map) or "Your map is empty so far.")
            out.show_map_link = conv.consent is True and bool(conv.map.connections)
            return self._ask(conv, out, repeat_header=False)
        if command == "show_data":
            if conv.consent is True:
                if conv.map.connections:
                    out.say(summary.readback(conv.map))
                out.say("Here is everything we hold about you: your name, when you agreed "
                        "and to which privacy notice, your maps and goals, and any moments "
                        "you told me you might be at risk (only the kind and the time, never "
                        "your words). It is there as a page and as a JSON file.")
                out.show_data_link = True
            elif conv.consent is False:
                out.say("Nothing about you is saved: you chose not to, so your answers "
                        "live only in this chat and go when it ends.")
            else:
                out.say("Nothing about you is saved yet. I only save once you say it's OK.")
            return self._ask(conv, out, repeat_header=False)
        raise ValueError(command)

    def _pause(self, conv: Conversation, out: Outcome) -> Outcome:
        conv.state["paused"] = True
        if conv.consent:
            out.say("Let's pause here. Everything so far is saved. When you're ready, "
                    "open this page again on the same device, or text me, and we'll "
                    "carry on where you left off. Take care.")
        else:
            out.say("Let's pause here. As you chose not to save, your answers are only "
                    "kept while this chat stays open. Say anything to carry on.")
        return out

    def _restart(self, conv: Conversation, out: Outcome) -> Outcome:
        conv.map = WellbeingMap.new(conv.id)
        conv.state = {"consent_done": True, "name_done": True}
        out.say("OK, a fresh start. Your earlier map is kept.")
        return self._ask(conv, out)

    def _greet(self, conv: Conversation, out: Outcome) -> Outcome:
        state = conv.state
        if not state.get("consent_done"):
            return self._ask(conv, out)
        state.pop("paused", None)
        state.pop("awaiting", None)
        out.say(self._welcome_back(conv))
        if self.next_question(conv) is None:
            out.say(Q.FINISHED_AGAIN)
            out.show_map_link = conv.consent is True
            return out
        return self._ask(conv, out)

    def _welcome_back(self, conv: Conversation) -> str:
        who = f", {conv.name}" if conv.name else ""
        return f"Welcome back{who}. Let's carry on where you left off."

    def _fallback(self, question: Question) -> str:
        if question.options:
            return ("Sorry, I didn't quite catch that. You can choose one of the options, "
                    "type its number, or say \u201chelp\u201d.")
        return "Sorry, I didn't quite follow. Could you put it another way?"

    # ------------------------------------------------------------- snapshots --
    def _snapshot(self, conv: Conversation) -> dict:
        return {"state": copy.deepcopy(conv.state), "map": conv.map.to_dict(),
                "name": conv.name}

    def _restore(self, conv: Conversation, snapshot: dict) -> None:
        conv.state = copy.deepcopy(snapshot["state"])
        conv.map = WellbeingMap.from_dict(snapshot["map"])
        conv.name = snapshot.get("name")

    # -------------------------------------------------------- where we are --
    def next_question(self, conv: Conversation) -> Question | None:
        state, wmap = conv.state, conv.map
        if not state.get("consent_done"):
            return Question("consent", 0, Q.CONSENT_QUESTION.format(min_age=self.min_age),
                            self.consent_options, help_key="consent")
        if not state.get("name_done"):
            return Question("name", 0, Q.NAME_QUESTION, help_key="name", free_text=True)
        for kind in ("person", "place", "activity"):
            question = self._list_or_details(conv, kind)
            if question:
                return question
            if kind == "place" and wmap.time_at_home is None and not self._done(state, "map:time_at_home"):
                return Question("time_at_home", 2, Q.TIME_AT_HOME_QUESTION,
                                Q.TIME_AT_HOME_OPTIONS, help_key="time_at_home")
        if not state.get("reflect_done"):
            return Question("reflect", 4, Q.REFLECT_QUESTION, Q.REFLECT_OPTIONS,
                            help_key="reflect")
        return self._goal_question(conv)

    def _done(self, state: dict, key: str) -> bool:
        return key in state.get("answered", [])

    def _list_or_details(self, conv: Conversation, kind: str) -> Question | None:
        state, wmap = conv.state, conv.map
        step = _step_for(kind)
        if not state.get("list_done", {}).get(kind):
            prompts = Q.LIST_PROMPTS[kind]
            index = state.get("prompt", {}).get(kind, 0)
            if index < len(prompts):
                text = prompts[index]
                extra = Q.LIST_NONE if kind == "person" else Q.LIST_NOTHING
                options = [extra, Q.LIST_DONE] if index > 0 else [Q.LIST_DONE]
            else:
                text, options = Q.ANYTHING_ELSE[kind], [Q.LIST_DONE]
            return Question("list", step, text, options, kind=kind, help_key="list")
        for connection in wmap.of_kind(kind):
            label = connection.display
            if kind == "person":
                fields = ["category", "closeness", "effect"]
            elif kind == "place":
                fields = ["effect", "frequency"]
            else:
                fields = ["effect", "with", "where"]
            for name in fields:
                if self._done(state, f"{connection.id}:{name}"):
                    continue
                if name == "category":
                    if connection.category:
                        continue
                    return Question("category", step, Q.CATEGORY_QUESTION.format(label=label),
                                    Q.CATEGORY_OPTIONS, connection.id, kind, "category")
                if name == "closeness":
                    return Question("closeness", step, Q.CLOSENESS_QUESTION.format(label=label),
                                    Q.CLOSENESS_OPTIONS, connection.id, kind, "closeness")
                if name == "effect":
                    return Question("effect", step, Q.EFFECT_QUESTION[kind].format(label=label),
                                    Q.EFFECT_OPTIONS, connection.id, kind, "effect")
                if name == "frequency":
                    return Question("frequency", step, Q.FREQUENCY_QUESTION.format(label=label),
                                    Q.FREQUENCY_OPTIONS, connection.id, kind, "frequency")
                if name == "with":
                    people = wmap.of_kind("person")
                    if not people:
                        continue
                    options = [Option(p.id, p.display, ()) for p in people] + [Q.ON_MY_OWN]
                    return Question("with", step, Q.WITH_QUESTION.format(label=label),
                                    options, connection.id, kind, "with")
                if name == "where":
                    options = [Option(p.id, p.display, ()) for p in wmap.of_kind("place")
                               if p.category != "home"] + [Q.AT_HOME, Q.ALL_OVER]
                    return Question("where", step, Q.WHERE_QUESTION.format(label=label),
                                    options, connection.id, kind, "where")
        if kind == "person":
            people = wmap.of_kind("person")
            for index, person in enumerate(people[:-1]):
                if self._done(state, f"{person.id}:knows"):
                    continue
                others = people[index + 1:]
                options = [Option(p.id, p.display, ()) for p in others] + [Q.NONE_OF_THEM]
                return Question("knows", step, Q.KNOWS_QUESTION.format(label=person.display),
                                options, person.id, kind, "knows")
        return None

    def _goal_question(self, conv: Conversation) -> Question | None:
        state, goals = conv.state, conv.map.goals
        if state.get("goals_done"):
            return None
        if not goals or state.get("goal_wanted"):
            text = Q.GOAL_WHAT if not goals else Q.GOAL_WHAT_NEXT
            if not goals:
                text = Q.GOAL_OFFER + "\n\n" + text
                pointers = summary.pointers_text(conv.map)
                if pointers:
                    text = Q.GOAL_OFFER + "\n\n" + pointers + "\n\n" + Q.GOAL_WHAT
            return Question("goal_what", 5, text, [Q.NO_CHANGES] if not goals else [],
                            help_key="goal", free_text=True)
        index = len(goals) - 1
        goal = goals[index]
        for name, text in (("why", Q.GOAL_WHY), ("helpers", Q.GOAL_HELPERS),
                           ("barriers", Q.GOAL_BARRIERS), ("first_step", Q.GOAL_FIRST_STEP),
                           ("by_when", Q.GOAL_BY_WHEN)):
            if self._done(state, f"goal{index}:{name}"):
                continue
            options: list[Option] = []
            if name == "helpers":
                helpful = sorted(conv.map.connections,
                                 key=lambda c: (c.effect != "positive", c.closeness != "inner"))
                options = [Option(c.id, c.display, ()) for c in helpful[:8]]
            text = f"{text}" if name != "why" else f"\u201c{goal.text}\u201d. {text}"
            return Question(f"goal_{name}", 5, text, options, help_key="goal",
                            free_text=name != "helpers")
        if len(goals) < MAX_GOALS:
            return Question("goal_more", 5, Q.GOAL_MORE, Q.GOAL_MORE_OPTIONS, help_key="goal")
        return None

    # -------------------------------------------------------------- asking --
    def _ask(self, conv: Conversation, out: Outcome, repeat_header: bool = True) -> Outcome:
        question = self.next_question(conv)
        state = conv.state
        if question is None:
            if not state.get("finished"):
                self._finish(conv, out)
            else:
                out.progress = Progress(Q.TOTAL_STEPS, Q.TOTAL_STEPS, Q.STEPS[-1])
            return out
        text = question.text
        if question.key == "reflect" and repeat_header:
            text = Q.REFLECT_INTRO + "\n" + summary.readback(conv.map) + "\n\n" + text
        # Announce each step once; a detail added later to an earlier step (a place
        # named while talking about activities) doesn't move the progress back.
        if question.step and question.step > state.get("last_step", 0):
            label = Q.STEPS[question.step - 1]
            text = f"Step {question.step} of {Q.TOTAL_STEPS}: {label.lower()}.\n{text}"
            state["last_step"] = question.step
        if question.key == "consent" and not state.get("welcomed"):
            for part in Q.WELCOME:
                out.say(part)
            state["welcomed"] = True
        out.say(text, question.options)
        step = max(question.step, state.get("last_step", 0))
        if step:
            out.progress = Progress(step, Q.TOTAL_STEPS, Q.STEPS[step - 1])
        return out

    def _finish(self, conv: Conversation, out: Outcome) -> None:
        out.finished = True
        conv.state["finished"] = True
        conv.map.status = "complete"
        conv.map.touch()
        header = f"Step {Q.TOTAL_STEPS} of {Q.TOTAL_STEPS}: {Q.STEPS[-1].lower()}."
        out.say(header + "\n" + summary.render_text(conv.map, conv.name))
        if conv.consent:
            out.show_map_link = True
            out.say(Q.FINISHED)
        else:
            out.say(Q.FINISHED_UNSAVED)
        out.progress = Progress(Q.TOTAL_STEPS, Q.TOTAL_STEPS, Q.STEPS[-1])

    # ------------------------------------------------------------ answering --
    def _mark(self, conv: Conversation, key: str) -> None:
        answered = conv.state.setdefault("answered", [])
        if key not in answered:
            answered.append(key)

    def _skip(self, conv: Conversation, question: Question, out: Outcome) -> None:
        state = conv.state
        out.say("That's fine, let's skip that.")
        if question.key == "consent":
            state["consent_done"] = True
            conv.consent = False
            out.say("I won't save anything, then.")
        elif question.key == "name":
            state["name_done"] = True
        elif question.key == "list":
            # skipping a memory prompt moves to the next one; otherwise the list ends
            index = state.get("prompt", {}).get(question.kind, 0)
            if 0 < index < len(Q.LIST_PROMPTS[question.kind]):
                state.setdefault("prompt", {})[question.kind] = index + 1
            else:
                state.setdefault("list_done", {})[question.kind] = True
        elif question.key == "time_at_home":
            self._mark(conv, "map:time_at_home")
        elif question.key == "reflect":
            state["reflect_done"] = True
        elif question.key in ("goal_what", "goal_more"):
            state["goals_done"] = True
            state.pop("goal_wanted", None)
        elif question.key.startswith("goal_"):
            self._mark(conv, f"goal{len(conv.map.goals) - 1}:{question.key[5:]}")
        else:
            self._mark(conv, f"{question.target}:{question.key}")

    def _answer(self, conv: Conversation, question: Question, text: str,
                incoming: Incoming, out: Outcome) -> bool:
        handler = getattr(self, f"_answer_{question.key}")
        return handler(conv, question, text, incoming, out)

    def _answer_consent(self, conv, question, text, incoming, out) -> bool:
        choice = choose_option(text, question.options)
        if choice is None:
            answer = yes_or_no(text)
            choice = next((o for o in question.options if o.key == answer), None)
        if choice is None:
            return False
        if choice.key == "more":
            out.say(Q.CONSENT_MORE)
            return True
        if choice.key == "under_age":
            conv.consent = False  # nothing is stored
            conv.state["under_age"] = True
            out.say(Q.UNDER_AGE.format(min_age=self.min_age))
            return True
        conv.consent = choice.key == "yes"
        conv.consent_at = utcnow()
        conv.state["consent_done"] = True
        conv.state["privacy_notice"] = Q.PRIVACY_NOTICE_VERSION
        if conv.consent:
            out.say("Thank you. I'll save as we go, so nothing is lost if you stop.")
        else:
            out.say("That's fine. I won't save anything; it will all be gone when you "
                    "close the page.")
        return True

    def _answer_name(self, conv, question, text, incoming, out) -> bool:
        name = re.sub(r"^(?:(?:you can )?call me|i'?m|i am|it'?s|my name is|name'?s)\s+",
                      "", text.strip(), flags=re.I)
        name = clean_label(name)[:40]
        if not name or len(name.split()) > 4:
            return False
        conv.name = name[:1].upper() + name[1:]
        conv.state["name_done"] = True
        out.say(f"Nice to meet you, {conv.name}.")
        return True

    def _answer_list(self, conv, question, text, incoming, out) -> bool:
        state, kind = conv.state, question.kind
        prompts = state.setdefault("prompt", {})
        index = prompts.get(kind, 0)
        plain = normalise(text)
        choice = choose_option(text, question.options)
        if plain in NOTHING_FOR_THIS_PROMPT and 0 < index < len(Q.LIST_PROMPTS[kind]):
            prompts[kind] = index + 1
            if prompts[kind] >= len(Q.LIST_PROMPTS[kind]):  # no one at the last prompt: done
                state.setdefault("list_done", {})[kind] = True
            else:
                out.say("OK.")
            return True
        if (choice and choice.key == "done") or is_done(text) or \
                incoming.intent == "done" and incoming.confidence >= COMMAND_CONFIDENCE:
            if index == 0 and not conv.map.of_kind(kind):
                out.say({"person": "That's OK. Some people have very few people around "
                                   "them right now, and that's fine.",
                         "place": "That's OK.",
                         "activity": "That's OK."}[kind])
            state.setdefault("list_done", {})[kind] = True
            return True
        if incoming.intent in ("out_of_scope", "greet", "affirm", "deny") and \
                incoming.confidence >= 0.9 and len(plain.split()) <= 3:
            return False
        parse = {"person": parse_person, "place": parse_place,
                 "activity": parse_activity}[kind]
        added, already = [], []
        missed = index == Q.MISSED_PROMPT_INDEX[kind]
        for item in split_list(text):
            parsed = parse(item)
            if not parsed.label or not any(ch.isalpha() for ch in parsed.label):
                continue
            existing = conv.map.find(parsed.label, kind)
            if existing:
                already.append(existing.display)
                continue
            if len(conv.map.connections) >= MAX_CONNECTIONS:
                out.say(f"Your map can hold up to {MAX_CONNECTIONS} connections, so I "
                        f"couldn't add any more.")
                break
            connection = conv.map.add(kind, parsed.label, parsed.category, parsed.role)
            connection.missed = missed or bool(re.match(r"\s*(i'?ve )?lost touch|\s*(i )?miss",
                                                        item, re.I))
            added.append(self._describe(connection))
        if not added and not already:
            return False
        if added:
            out.say(f"Got it: {_join(added)}. If I got something wrong, say "
                    f"\u201cback\u201d.")
        if already:
            out.say(f"{_join(already)} {'is' if len(already) == 1 else 'are'} already "
                    f"on your map.")
        prompts[kind] = index + 1
        return True

    def _describe(self, connection) -> str:
        """What was understood: 'Dave (friend)', 'Sarah (CPN)', 'Mum'."""
        word = Q.CATEGORY_WORDS.get(connection.category or "") if connection.kind == "person" else None
        if word and connection.display == connection.label and \
                connection.label.lower() != (connection.role or "").lower():
            return f"{connection.label} ({word})"
        return connection.display

    def _answer_category(self, conv, question, text, incoming, out) -> bool:
        choice = choose_option(text, question.options)
        if choice is None:
            guess = parse_person(text)
            if not guess.category:
                return False
            key = guess.category
        else:
            key = choice.key
        connection = conv.map.get(question.target)
        connection.category = key
        self._mark(conv, f"{connection.id}:category")
        return True

    def _rating_answer(self, conv, question, text, incoming, field_name, entity) -> bool:
        choice = choose_option(text, question.options)
        if choice is None:
            value = next((e.get("value") for e in incoming.entities
                          if e.get("entity") == entity), None)
            choice = next((o for o in question.options if o.key == value), None)
        if choice is None:
            return False
        connection = conv.map.get(question.target)
        if choice.key != "rather_not_say":
            setattr(connection, field_name, choice.key)
        self._mark(conv, f"{connection.id}:{field_name}")
        return True

    def _answer_closeness(self, conv, question, text, incoming, out) -> bool:
        return self._rating_answer(conv, question, text, incoming, "closeness", "closeness")

    def _answer_effect(self, conv, question, text, incoming, out) -> bool:
        understood = self._rating_answer(conv, question, text, incoming, "effect", "effect")
        if understood and choose_option(text, [Q.RATHER_NOT_SAY]):
            out.say("That's absolutely fine.")
        return understood

    def _answer_frequency(self, conv, question, text, incoming, out) -> bool:
        return self._rating_answer(conv, question, text, incoming, "frequency", "frequency")

    def _answer_time_at_home(self, conv, question, text, incoming, out) -> bool:
        choice = choose_option(text, question.options)
        if choice is None:
            percent = re.search(r"(\d{1,3})\s*%?", text)
            if not percent:
                return False
            value = int(percent.group(1))
            key = "most" if value > 60 else "about_half" if value >= 40 else "less_than_half"
        else:
            key = choice.key
        conv.map.time_at_home = key
        self._mark(conv, "map:time_at_home")
        return True

    def _pick_many(self, text: str, options: list[Option], conv: Conversation,
                   kind: str | None) -> tuple[list[str], list[str], bool]:
        """Connection ids picked by number or name, leftover free text, and whether the
        answer was 'none'."""
        picked: list[str] = []
        leftovers: list[str] = []
        numbered = list(options)
        whole = choose_option(text, numbered)
        if whole and whole.key == "none":
            return [], [], True
        for part in split_list(text) or [text]:
            choice = choose_option(part, numbered)
            if choice is None:
                stripped = strip_fillers(re.sub(r"^(?:with|at|in)\s+", "", part, flags=re.I))
                choice = next((o for o in numbered if conv.map.get(o.key) and
                               (mentions(stripped, conv.map.get(o.key).label) or
                                mentions(stripped, conv.map.get(o.key).display))), None)
                found = conv.map.find(stripped, kind) if choice is None else None
                if found:
                    choice = Option(found.id, found.display)
            if choice is None:
                numbers = re.findall(r"\d+", part)
                if numbers and re.fullmatch(r"[\d\s,&and]+", normalise(part)):
                    for n in numbers:
                        if 1 <= int(n) <= len(numbered):
                            picked.append(numbered[int(n) - 1].key)
                    continue
                leftovers.append(part)
            elif choice.key not in picked:
                picked.append(choice.key)
        return picked, leftovers, False

    def _answer_knows(self, conv, question, text, incoming, out) -> bool:
        picked, leftovers, none = self._pick_many(text, question.options, conv, "person")
        if not picked and not none:
            return False
        for other in picked:
            if conv.map.get(other):
                conv.map.tie(question.target, other, "knows")
        self._mark(conv, f"{question.target}:knows")
        return True

    def _answer_with(self, conv, question, text, incoming, out) -> bool:
        return self._link(conv, question, text, out, "person", "does_with",
                          "to your map too. I'll ask about them in a moment.")

    def _answer_where(self, conv, question, text, incoming, out) -> bool:
        return self._link(conv, question, text, out, "place", "happens_at",
                          "to your places too.")

    def _link(self, conv, question, text, out, kind: str, tie_kind: str, added_note: str) -> bool:
        """Tie an activity to the people it's done with or the places it happens at;
        names not yet on the map are added (and asked about later)."""
        picked, leftovers, none = self._pick_many(text, question.options, conv, kind)
        if "home" in picked:
            picked.remove("home")
            home = next((p for p in conv.map.of_kind("place") if p.category == "home"), None)
            if home is None:
                home = conv.map.add("place", "Home", "home")
                home.frequency = "daily"
                self._mark(conv, f"{home.id}:frequency")
            picked.append(home.id)
        parse = parse_person if kind == "person" else parse_place
        added = []
        for item in leftovers:
            parsed = parse(item)
            if parsed.label and any(ch.isalpha() for ch in parsed.label) and \
                    len(conv.map.connections) < MAX_CONNECTIONS:
                new = conv.map.add(kind, parsed.label, parsed.category, parsed.role)
                picked.append(new.id)
                added.append(new.display)
        if not picked and not none:
            return False
        for other in picked:
            if conv.map.get(other):
                conv.map.tie(question.target, other, tie_kind)
        if added:
            out.say(f"I've added {_join(added)} {added_note}")
        self._mark(conv, f"{question.target}:{question.key}")
        return True

    def _answer_reflect(self, conv, question, text, incoming, out) -> bool:
        # A correction ("Dave is not good for me") wins over "good" meaning "looks good".
        changes = apply_correction(conv.map, text, incoming.entities)
        if changes:
            out.say(" ".join(changes) + " Anything else to change? Or choose "
                                        "\u201cLooks right\u201d.")
            return True
        if choose_option(text, question.options) or incoming.intent == "affirm" and \
                incoming.confidence >= COMMAND_CONFIDENCE and len(text.split()) <= 4:
            conv.state["reflect_done"] = True
            out.say("Thank you for checking.")
            return True
        if yes_or_no(text) == "no" and len(text.split()) <= 3:
            out.say("What would you like to change?")
            return True
        return False

    def _answer_goal_what(self, conv, question, text, incoming, out) -> bool:
        choice = choose_option(text, question.options)
        if choice or normalise(text) in Q.NO_CHANGES.synonyms:
            conv.state["goals_done"] = True
            conv.state.pop("goal_wanted", None)
            if not conv.map.goals:
                out.say("That's fine. Sometimes just seeing the map is enough for now.")
            return True
        goal_text = clean_label_long(text)
        if len(goal_text) < 2:
            return False
        conv.map.goals.append(Goal(text=goal_text))
        conv.state.pop("goal_wanted", None)
        return True

    def _goal_field(self, conv, name: str) -> Goal:
        index = len(conv.map.goals) - 1
        self._mark(conv, f"goal{index}:{name}")
        return conv.map.goals[index]

    def _answer_goal_why(self, conv, question, text, incoming, out) -> bool:
        self._goal_field(conv, "why").why = clean_label_long(text)
        return True

    def _answer_goal_helpers(self, conv, question, text, incoming, out) -> bool:
        plain = normalise(text)
        if plain in NOTHING_FOR_THIS_PROMPT or plain in Q.NOTHING_BARRIERS:
            self._goal_field(conv, "helpers")
            return True
        picked, leftovers, _ = self._pick_many(text, question.options, conv, None)
        goal = self._goal_field(conv, "helpers")
        goal.helpers = [p for p in picked if conv.map.get(p)]
        goal.helper_notes = [clean_label_long(item) for item in leftovers]
        return True

    def _answer_goal_barriers(self, conv, question, text, incoming, out) -> bool:
        goal = self._goal_field(conv, "barriers")
        if normalise(text) not in Q.NOTHING_BARRIERS:
            goal.barriers = [clean_label_long(text)]
        return True

    def _answer_goal_first_step(self, conv, question, text, incoming, out) -> bool:
        self._goal_field(conv, "first_step").first_step = clean_label_long(text)
        return True

    def _answer_goal_by_when(self, conv, question, text, incoming, out) -> bool:
        self._goal_field(conv, "by_when").by_when = clean_label_long(text)
        out.say("Good plan.")
        if len(conv.map.goals) >= MAX_GOALS:
            conv.state["goals_done"] = True
        return True

    def _answer_goal_more(self, conv, question, text, incoming, out) -> bool:
        choice = choose_option(text, question.options)
        if choice is None:
            answer = yes_or_no(text)
            if answer is None:
                return False
            choice = next(o for o in question.options if o.key == answer)
        if choice.key == "yes":
            conv.state["goal_wanted"] = True
        else:
            conv.state["goals_done"] = True
        return True


def clean_label_long(text: str, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit]


def _is_emoji_only(text: str) -> bool:
    return any(ord(ch) > 0x2000 for ch in text)


# ------------------------------------------------------------- corrections --
_REMOVE = re.compile(r"^(?:please\s+|can you\s+|could you\s+)?(?:remove|delete|take out|"
                     r"take off|take|get rid of|drop|cross off|scrap|lose)\s+(.+?)"
                     r"(?:\s+(?:off|out|from)\b.*)?$", re.I)
_ADD = re.compile(r"^(?:please\s+|can you\s+|could you\s+|oh\s+|and\s+|i forgot\s+)?"
                  r"(?:add|put|include|also|plus)\s+(.+?)(?:\s+(?:on|to|in)\s+(?:my\s+|the\s+)?"
                  r"(?:map|list))?$", re.I)


def apply_correction(wmap: WellbeingMap, text: str, entities: list[dict] | None = None) -> list[str]:
    """Apply "Sam is mixed", "remove the gym", "add my sister" to the map; say what
    changed, or return [] if nothing could be understood."""
    plain = normalise(text)
    plain = re.sub(r"^(?:actually|oh|um|erm|no|sorry|wait|hmm)[,\s]+", "", plain)
    removal = _REMOVE.match(plain)
    if removal:
        target = _find_mentioned(wmap, removal.group(1))
        if target:
            wmap.remove(target.id)
            return [f"I've taken {target.display} off your map."]
    addition = _ADD.match(plain)
    if addition:
        said = []
        for item in split_list(addition.group(1)):
            kind = guess_kind(item) or "person"
            parsed = {"person": parse_person, "place": parse_place,
                      "activity": parse_activity}[kind](item)
            if parsed.label and not wmap.find(parsed.label, kind):
                wmap.add(kind, parsed.label, parsed.category, getattr(parsed, "role", None))
                said.append(parsed.label)
        if said:
            return [f"I've added {_join(said)}. I'll ask a couple of questions about "
                    f"{'it' if len(said) == 1 else 'them'}."]
    target = _find_mentioned(wmap, plain)
    if not target:
        return []
    rest = plain
    for word in (target.label, target.role or "", target.display):
        if word:
            rest = rest.replace(normalise(word), " ")
    entities = entities or []
    said = []
    effect = choose_option(rest, Q.EFFECT_OPTIONS[:4])
    entity_effect = next((e.get("value") for e in entities if e.get("entity") == "effect"), None)
    if entity_effect in ("positive", "mixed", "negative", "neutral") and effect is None:
        effect = next(o for o in Q.EFFECT_OPTIONS if o.key == entity_effect)
    closeness = None
    if re.search(r"\b(closer|inner|close)\b", rest) and not re.search(r"\bnot\b", rest):
        closeness = "inner"
    option = choose_option(rest, Q.CLOSENESS_OPTIONS)
    if option:
        closeness = option.key
    if re.search(r"\b(further|outer|less close|further out)\b", rest):
        closeness = "outer" if target.closeness != "inner" else "middle"
    if closeness and target.kind == "person" and re.search(
            r"\b(circle|close|closer|further|inner|middle|outer|move)\b", rest):
        target.closeness = closeness
        said.append(f"{target.display} is now in your "
                    f"{ {'inner': 'inner circle', 'middle': 'middle circle', 'outer': 'outer circle'}[closeness]}.")
    elif effect and effect.key in ("positive", "mixed", "negative", "neutral"):
        target.effect = effect.key
        said.append(f"{target.display} is now {Q.EFFECT_WORDS[effect.key]}.")
    return said


def _find_mentioned(wmap: WellbeingMap, text: str):
    text = strip_fillers(text) if len(text.split()) <= 4 else text
    best = None
    for connection in wmap.connections:
        for name in (connection.label, connection.role or "", connection.display):
            if name and mentions(text, name):
                if best is None or len(name) > best[0]:
                    best = (len(name), connection)
    return best[1] if best else None
