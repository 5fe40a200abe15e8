"""Parse held-out messages with a trained Rasa model. Runs in the Rasa engine's own
environment (.venv-rasa); prints one JSON object per message on stdout.

usage: .venv-rasa/bin/python evaluation/nlu_parse.py MODEL.tar.gz HELDOUT.yml|TEXTS.jsonl
"""

import asyncio
import json
import logging
import sys

logging.disable(logging.WARNING)


async def main(model_path: str, data_path: str) -> None:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa's debug log would echo every message

    agent = Agent.load(model_path)
    if data_path.endswith(".jsonl"):  # plain texts, one {"text": ...} per line
        with open(data_path) as lines:
            examples = [json.loads(line) for line in lines if line.strip()]
    else:
        examples = [{"text": e.get("text"), "intent": e.get("intent"),
                     "entities": e.get("entities")} for e in load_data(data_path).intent_examples]
    for example in examples:
        text = example.get("text")
        parsed = await agent.parse_message(text)
        print(json.dumps({
            "text": text,
            "expected_intent": example.get("intent"),
            "expected_entities": [{"entity": e["entity"], "value": e["value"],
                                   "start": e["start"], "end": e["end"]}
                                  for e in example.get("entities") or []],
            "intent": (parsed.get("intent") or {}).get("name"),
            "confidence": (parsed.get("intent") or {}).get("confidence"),
            "entities": [{"entity": e["entity"], "value": e["value"], "start": e["start"],
                          "end": e["end"]} for e in parsed.get("entities") or []],
        }), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
