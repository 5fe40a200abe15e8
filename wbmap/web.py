"""The web app: the chat page, the REST chat endpoint (Rasa's REST channel shape), the
custom-action endpoint Rasa calls back, and each person's own map page."""

from __future__ import annotations

import json
import logging
import math

import anyio
from jinja2 import Environment, PackageLoader, select_autoescape
import re
import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import actions
from actions import actions as converse
from bot import export, render, risk_classifier, summary
from bot.compare import compare
from bot.flow import Flow
from bot.model import new_id
from bot.service import MappingService
from bot.storage import Store

from .config import Settings
from .rasa_bridge import RasaBridge
from .ratelimit import RateLimiter

log = logging.getLogger("wbmap.web")
PAGES = Environment(loader=PackageLoader("wbmap", "templates"),
                    autoescape=select_autoescape(["html"]))
MAP_PAGE = PAGES.get_template("map_page.html")
REVIEW_PAGE = PAGES.get_template("review_page.html")
DATA_PAGE = PAGES.get_template("data_page.html")
STATIC = Path(__file__).parent / "static"
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,64}")
MAX_BODY_BYTES = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}
RATE_LIMITED = ("You're sending messages faster than I can keep up with. Please wait "
                "{seconds} seconds and send that again. Nothing you've told me is lost.")
SORRY = ("Sorry, something went wrong on our side. Your answers so far are saved. "
         "Please try again in a moment.")


def create_app(settings: Settings) -> Starlette:
    store = Store(settings.database_url, settings.key())
    service = MappingService(store, Flow(min_age=settings.min_age))
    converse.bind(service, settings.public_url)
    executor = ActionExecutor()
    executor.register_package(actions)
    bridge = RasaBridge(settings.rasa_url, settings.tracker_db_url, settings.session_turns)
    per_conversation = RateLimiter(settings.rate_limit, burst=max(1, settings.rate_limit // 2))
    per_client = RateLimiter(settings.client_rate_limit, burst=max(1, settings.client_rate_limit // 3))
    risk_classifier.warm_up(settings.models_dir)  # cached by `wbmap train`; else trained now
    instance = secrets.token_hex(16)  # lets start-up prove Rasa calls *this* process

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "service": "wellbeing-map", "instance": instance})

    def too_fast(request: Request, conversation_id: str | None = None) -> Response | None:
        client = request.client.host if request.client else "unknown"
        # One limit at a time, so a refused message uses up neither allowance twice.
        wait = per_conversation.wait_needed(conversation_id) if conversation_id else 0.0
        if wait == 0:
            wait = per_client.wait_needed(client)
        if wait == 0:
            return None
        seconds = max(1, math.ceil(wait))
        return JSONResponse({"error": RATE_LIMITED.format(seconds=seconds)}, status_code=429,
                            headers={"Retry-After": str(seconds)})

    async def new_conversation(request: Request) -> Response:
        if (limited := too_fast(request)) is not None:
            return limited
        return JSONResponse({"conversation_id": new_id()}, status_code=201)

    async def chat(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _error(413, "That message is too long for me. Could you send a shorter one?")
        try:
            payload = json.loads(body)
            sender, message = payload["sender"], payload["message"]
        except (ValueError, KeyError, TypeError):
            return _error(400, 'Send JSON like {"sender": "<conversation id>", "message": "hi"}.')
        if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
            return _error(400, "The sender must be a conversation id of 32 to 64 letters, "
                               "digits, '-' or '_'. Get one from POST /api/conversations.")
        if not isinstance(message, str):
            return _error(400, "The message must be text.")
        if (limited := too_fast(request, sender)) is not None:
            return limited
        try:
            items = await bridge.send(bridge.rasa_sender(sender), message)
        except Exception:  # Rasa down or failing: say so kindly, never a stack trace
            log.exception("Rasa did not answer")
            return JSONResponse([{"recipient_id": sender, "text": SORRY}], status_code=503)
        deleted = forget = False
        for item in items:
            item["recipient_id"] = sender
            custom = item.get("custom") or {}
            deleted = deleted or bool(custom.pop("deleted", False))
            forget = forget or bool(custom.pop("forget_history", False))
        if deleted or forget:
            bridge.forget(sender)
        if deleted:
            store.delete(sender)  # anything a late write put back
            items.append({"recipient_id": sender, "custom": {"conversation_id": new_id()}})
        return JSONResponse(items)

    async def action_endpoint(request: Request) -> Response:
        action_call = await request.json()
        try:
            result = await executor.run(action_call)
        except ActionExecutionRejection as error:
            return JSONResponse({"error": error.message, "action_name": error.action_name}, 400)
        except ActionNotFoundException as error:
            return JSONResponse({"error": error.message, "action_name": error.action_name}, 404)
        return JSONResponse(result.model_dump() if result else None)

    async def map_page(request: Request) -> Response:
        wmap = store.load_map(request.path_params["map_id"])
        if wmap is None:
            return HTMLResponse(MAP_PAGE.render(title="Map not found", wmap=None), 404)
        conv = store.conversation_of_map(wmap.id)
        return HTMLResponse(printable_page(wmap, conv.name if conv else None))

    async def review_page(request: Request) -> Response:
        later = store.load_map(request.path_params["map_id"])
        earlier = store.load_map(request.path_params["earlier_id"])
        if later is None or earlier is None or later.conversation_id != earlier.conversation_id:
            return HTMLResponse(MAP_PAGE.render(title="Map not found", wmap=None), 404)
        return HTMLResponse(REVIEW_PAGE.render(
            later=later, earlier=earlier, comparison=compare(earlier, later).to_text(),
            later_alt=render.text_alternative(later), earlier_alt=render.text_alternative(earlier)))

    def saved_data(conversation_id: str) -> dict | None:
        conv = store.load(conversation_id) if SENDER_PATTERN.fullmatch(conversation_id) else None
        if conv is None or conv.consent is not True:
            return None
        return export.person_data(conv, store.maps_for(conv.id))

    async def data_page(request: Request) -> Response:
        data = saved_data(request.path_params["conversation_id"])
        return HTMLResponse(DATA_PAGE.render(title="Your data", data=data),
                            200 if data else 404)

    async def data_file(request: Request) -> Response:
        data = saved_data(request.path_params["conversation_id"])
        if data is None:
            return _error(404, "There is no saved data at this link.")
        return JSONResponse(data, headers={
            "Content-Disposition": 'attachment; filename="wellbeing-map-data.json"'})

    async def map_file(request: Request) -> Response:
        wmap = store.load_map(request.path_params["map_id"])
        if wmap is None:
            return _error(404, "There is no map at this link.")
        fmt = request.path_params["fmt"]
        if fmt in ("svg", "png"):  # a large map takes a second or two: off the loop
            conv = store.conversation_of_map(wmap.id)
            title = render.picture_title(conv.name if conv else None)
            draw = render.render_svg if fmt == "svg" else render.render_png
            picture = await anyio.to_thread.run_sync(draw, wmap, title)
            return Response(picture, media_type=f"image/{'svg+xml' if fmt == 'svg' else 'png'}")
        if fmt == "graphml":
            return Response(export.to_graphml(wmap), media_type="application/graphml+xml")
        if fmt == "json":
            return Response(export.to_json(wmap), media_type="application/json")
        return _error(404, "Maps can be had as .svg, .png, .json or .graphml.")

    @asynccontextmanager
    async def lifespan(app):
        yield
        await bridge.close()

    app = Starlette(routes=[
        Route("/", index),
        Route("/health", health),
        Route("/api/conversations", new_conversation, methods=["POST"]),
        Route("/webhooks/rest/webhook", chat, methods=["POST"]),
        Route("/webhook", action_endpoint, methods=["POST"]),
        Route("/map/{map_id:str}.{fmt:str}", map_file),
        Route("/map/{map_id:str}/since/{earlier_id:str}", review_page),
        Route("/map/{map_id:str}", map_page),
        Route("/data/{conversation_id:str}.json", data_file),
        Route("/data/{conversation_id:str}", data_page),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], middleware=[Middleware(SecurityHeaders)], lifespan=lifespan)
    app.state.store, app.state.bridge, app.state.instance = store, bridge, instance
    return app


class SecurityHeaders:
    """Adds the security headers to every response, static files included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def printable_page(wmap, name: str | None, inline_picture: bool = False) -> str:
    """The map page: picture, goal summary and what the map shows, on one A4 page when
    printed. Inline, it is a single file (for `wbmap render --format html`)."""
    return MAP_PAGE.render(
        title="Your wellbeing map", wmap=wmap, alt=render.text_alternative(wmap),
        summary_html=summary.render_html(wmap, name), analysis=export.analysis_of(wmap),
        inline_svg=render.render_svg(wmap, render.picture_title(name)) if inline_picture else None,
        inline_css=(STATIC / "chat.css").read_text() if inline_picture else None)


def _error(status: int, text: str) -> Response:
    return JSONResponse({"error": text}, status_code=status)
