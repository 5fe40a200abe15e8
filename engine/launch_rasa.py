"""Start the Rasa 3.6.21 engine (runs in .venv-rasa), with three performance fixes.

Rasa validates every custom-action response (and entity data) with
`jsonschema.validate`, which re-checks the *schema itself* against the JSON Schema
meta-schema on every call. Profiling the running engine showed that re-check taking
about three quarters of Rasa's time per message. Here each distinct schema is checked
once and its validator reused; every instance is still validated exactly as before.

Rasa's SQL tracker store on SQLite uses SQLite's defaults (rollback journal, a disk
sync on every commit) and offers no setting for them; here its connections use WAL
with synchronous=NORMAL, as the app's own database does. A crash can lose at most the
last tracker events, which the app does not need: the map and the flow's place are in
the app's database.

Loading the model leaves a very large heap (TensorFlow, Keras), and Python's full
garbage collections then walk all of it: measured here at up to 650 ms each, which
shows up as a stalled message now and then. Once the model is loaded, those objects
are moved out of the collector's way with gc.freeze().

usage: .venv-rasa/bin/python engine/launch_rasa.py run [rasa run options]
"""

import gc
import json
import sys
import threading
from pathlib import Path

import jsonschema
from jsonschema import exceptions, validators

_checked: dict = {}
_lock = threading.Lock()


def validate(instance, schema, cls=None, *args, **kwargs):
    """Same contract as jsonschema.validate; the schema check runs once per schema."""
    key = (json.dumps(schema, sort_keys=True, default=str), cls, args,
           tuple(sorted(kwargs.items())))
    validator = _checked.get(key)
    if validator is None:
        validator_cls = cls or validators.validator_for(schema)
        validator_cls.check_schema(schema)
        validator = validator_cls(schema, *args, **kwargs)
        with _lock:
            _checked[key] = validator
    error = exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _freeze_heap_after_loading() -> None:
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_then_freeze(*args, **kwargs):
        agent = await load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    rasa.core.run.load_agent_on_start = load_then_freeze


def main() -> None:
    # The sealed tracker store (engine/) uses the app's own sealing code (bot/crypto.py).
    sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "connect", _sqlite_pragmas)
    jsonschema.validate = validate  # Rasa imports it inside each function call
    _freeze_heap_after_loading()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
