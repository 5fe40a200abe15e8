"""The conversation in a terminal, against the running web app's REST endpoint.
Options are printed as a numbered list: type the number or the words."""

from __future__ import annotations

import sys

import httpx


def render(items: list[dict]) -> str:
    lines = []
    for item in items:
        if item.get("text"):
            lines.append(item["text"])
        for number, button in enumerate(item.get("buttons") or [], start=1):
            lines.append(f"  {number}. {button['title']}")
        custom = item.get("custom") or {}
        if custom.get("progress"):
            p = custom["progress"]
            lines.append(f"[Step {p['step']} of {p['total']}: {p['label']}]")
    return "\n".join(lines)


def chat(base_url: str, conversation_id: str | None = None,
         read=input, write=print) -> int:
    base_url = base_url.rstrip("/")
    with httpx.Client(timeout=60) as client:
        try:
            if conversation_id is None:
                response = client.post(f"{base_url}/api/conversations")
                response.raise_for_status()
                conversation_id = response.json()["conversation_id"]
        except httpx.HTTPError:
            write(f"Can't reach Wellbeing Map at {base_url}. Is `make run` running?")
            return 2
        write(f"(Your conversation id is {conversation_id}. To come back to it later: "
              f"wbmap chat --conversation {conversation_id})")
        last_buttons: list[dict] = []
        message = "/start"
        while True:
            try:
                response = client.post(f"{base_url}/webhooks/rest/webhook",
                                       json={"sender": conversation_id, "message": message})
                items = response.json()
            except (httpx.HTTPError, ValueError):
                write("Sorry, I couldn't reach the server. Your answers so far are saved; "
                      "try again in a moment.")
                items = []
            write(render(items))
            for item in items:
                if (item.get("custom") or {}).get("conversation_id"):
                    conversation_id = item["custom"]["conversation_id"]
            last_buttons = [b for item in items for b in (item.get("buttons") or [])] or last_buttons
            try:
                message = read("> ")
            except (EOFError, KeyboardInterrupt):
                write("\nBye for now. Your answers are saved.")
                return 0
            if message.strip().isdigit() and last_buttons:
                number = int(message.strip())
                if 1 <= number <= len(last_buttons):
                    message = last_buttons[number - 1]["payload"]


if __name__ == "__main__":
    sys.exit(chat(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
