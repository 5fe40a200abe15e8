"""`wbmap`: run the product, train the model, chat in a terminal, export a map."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wbmap", description="Wellbeing Map")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the web app and the Rasa engine")
    commands.add_parser("train", help="train the Rasa model if its data changed")
    chat = commands.add_parser("chat", help="have the conversation in this terminal")
    chat.add_argument("--url", help="the running web app (default: from WBMAP_PORT)")
    chat.add_argument("--conversation", help="resume this conversation id")
    exp = commands.add_parser("export", help="write a conversation's latest map to stdout")
    exp.add_argument("conversation_id")
    exp.add_argument("--format", choices=("json", "csv", "graphml"), default="json")
    exp.add_argument("--output-dir", type=Path,
                     help="with csv: write nodes.csv and edges.csv here instead")
    ren = commands.add_parser("render", help="write a conversation's latest map picture "
                                             "or goal summary to stdout")
    ren.add_argument("conversation_id")
    ren.add_argument("--format", choices=("svg", "png", "html", "txt", "sms"), default="svg",
                     help="html is the printable page with both")
    purge = commands.add_parser("purge", help="remove abandoned unfinished conversations "
                                             "and old Rasa tracker events")
    purge.add_argument("--days", type=int, default=None,
                       help="older than this many days (default: WBMAP_RETENTION_DAYS, 90)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()

    if args.command == "serve":
        from .engine import run_forever
        return run_forever(settings)
    if args.command == "train":
        from .engine import StartupError, ensure_model
        from bot import risk_classifier
        try:
            print(ensure_model(settings))
            risk_classifier.warm_up(settings.models_dir)  # the risk classifier, cached too
        except StartupError as error:
            print(error, file=sys.stderr)
            return 2
        return 0
    if args.command == "chat":
        from .terminal import chat as run_chat
        return run_chat(args.url or f"http://127.0.0.1:{settings.port}", args.conversation)
    if args.command == "export":
        return export_command(settings, args)
    if args.command == "render":
        return render_command(settings, args)
    if args.command == "purge":
        return purge_command(settings, args.days or settings.retention_days)
    return 1


def latest_map(settings: Settings, conversation_id: str):
    from bot.storage import Store

    store = Store(settings.database_url, settings.key())
    maps = store.maps_for(conversation_id)
    if not maps:
        print(f"No saved map for conversation {conversation_id}.", file=sys.stderr)
        return None, None
    return maps[-1], store.load(conversation_id)


def render_command(settings: Settings, args) -> int:
    from bot import analysis, render, summary

    wmap, conv = latest_map(settings, args.conversation_id)
    if wmap is None:
        return 1
    name = conv.name if conv else None
    title = render.picture_title(name)
    if args.format == "svg":
        sys.stdout.write(render.render_svg(wmap, title))
    elif args.format == "png":
        sys.stdout.buffer.write(render.render_png(wmap, title))
    elif args.format == "txt":
        print(summary.render_text(wmap, name))
    elif args.format == "sms":
        print(analysis.sms_summary(wmap, name))
    else:
        from .web import printable_page
        sys.stdout.write(printable_page(wmap, name, inline_picture=True))
    return 0


def purge_command(settings: Settings, days: int) -> int:
    """Retention: safe to run from cron, e.g. daily `wbmap purge`."""
    import time

    from bot.storage import Store

    from .rasa_bridge import TrackerEvents

    removed = Store(settings.database_url, settings.key()).purge_stale(days)
    events = TrackerEvents(settings.tracker_db_url)
    for conversation_id in removed:
        events.forget(conversation_id)
    old_events = events.purge_before(time.time() - days * 86400)
    print(f"Removed {len(removed)} unfinished conversations untouched for {days} days "
          f"and {old_events} older Rasa tracker events.")
    return 0


def export_command(settings: Settings, args) -> int:
    from bot import export

    wmap, _ = latest_map(settings, args.conversation_id)
    if wmap is None:
        return 1
    if args.format == "json":
        print(export.to_json(wmap))
    elif args.format == "graphml":
        print(export.to_graphml(wmap))
    else:
        files = export.to_csv(wmap)
        if args.output_dir:
            args.output_dir.mkdir(parents=True, exist_ok=True)
            for name, content in files.items():
                (args.output_dir / name).write_text(content)
        else:
            sys.stdout.write(files["nodes.csv"] + "\n" + files["edges.csv"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
