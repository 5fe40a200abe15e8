"""Browser tests for the Wellbeing Map chat page, against the real running stack.

Drives Debian's Chromium (/usr/bin/chromium) with Playwright for Python. The
`live_stack` fixture (tests/conftest.py) yields an object whose `base_url` points
at the real web app + Rasa.

These tests assert what a person using the page notices. They do not depend on
the bot's exact wording, except that the welcome mentions "Wellbeing Map".
Screenshots for a human to look at are written to tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
FIRST_LOAD_TIMEOUT_MS = 30_000  # first reply may also wake Rasa up
STORAGE_KEY = "wbmap.conversation_id"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

# Records Content-Security-Policy violations in the page. Init scripts are
# injected by the browser itself, so the page's CSP does not block this one.
CSP_RECORDER = """
window.__wbmapCspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__wbmapCspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '(inline)'));
});
"""

expect.set_options(timeout=TIMEOUT_MS)


# --------------------------------------------------------------------------- #
# Helpers                                                                       #
# --------------------------------------------------------------------------- #


class Watch:
    """Console errors, uncaught page errors and dialogs seen by one page."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("dialog", self._on_dialog)

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def new_page(browser: Browser, **context_options) -> tuple[BrowserContext, Page, Watch]:
    context = browser.new_context(locale="en-GB", **context_options)
    context.add_init_script(CSP_RECORDER)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return context, page, Watch(page)


def log(page: Page):
    return page.locator("#log")


def bot_items(page: Page):
    """Everything the bot has added to the log: text bubbles, button groups, map links."""
    return page.locator("#log > .msg--bot")


def user_bubbles(page: Page):
    return page.locator("#log > .msg--user .bubble")


def error_notices(page: Page):
    return page.locator("#log > .msg--notice")


def message_input(page: Page):
    return page.get_by_label("Type your reply")


def wait_for_reply(page: Page, bot_count_before: int, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the bot has added something new and the page is no longer busy."""
    expect(bot_items(page).nth(bot_count_before)).to_be_visible(timeout=timeout)
    expect(log(page)).to_have_attribute("aria-busy", "false", timeout=timeout)
    expect(page.locator("#typing")).to_be_hidden(timeout=timeout)
    expect(error_notices(page)).to_have_count(0)


def open_chat(page: Page, base_url: str) -> None:
    page.goto(base_url + "/", wait_until="domcontentloaded")
    wait_for_reply(page, 0, timeout=FIRST_LOAD_TIMEOUT_MS)


def csp_violations(page: Page) -> list[str]:
    return page.evaluate("window.__wbmapCspViolations || []")


def stored_id(page: Page) -> str | None:
    return page.evaluate("key => window.localStorage.getItem(key)", STORAGE_KEY)


# --------------------------------------------------------------------------- #
# Fixtures                                                                      #
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium is not installed at /usr/bin/chromium "
            "(install it with: apt-get install -y chromium)"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def base_url(live_stack) -> str:
    return str(live_stack.base_url).rstrip("/")


@pytest.fixture(scope="module")
def chat(browser, base_url):
    """One desktop page shared by the tests below, in order, like one person's visit."""
    context, page, watch = new_page(browser, viewport=DESKTOP)
    open_chat(page, base_url)
    try:
        yield page, watch
    finally:
        context.close()


@pytest.fixture(scope="module")
def page(chat) -> Page:
    return chat[0]


@pytest.fixture(scope="module")
def watch(chat) -> Watch:
    return chat[1]


# --------------------------------------------------------------------------- #
# Tests                                                                         #
# --------------------------------------------------------------------------- #


def test_welcome_loads_with_buttons_and_no_errors(page: Page, watch: Watch):
    expect(page).to_have_title(re.compile("Wellbeing Map"))
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    # The welcome (not the page heading) mentions the product by name.
    expect(log(page)).to_contain_text("Wellbeing Map")
    expect(page.locator("#log .bubble").first).to_be_visible()
    # It offers real, enabled buttons to answer with.
    first_choice = page.locator("#log button.choice").first
    expect(first_choice).to_be_visible()
    expect(first_choice).to_be_enabled()
    # "/start" is sent quietly: no user bubble for it.
    expect(user_bubbles(page)).to_have_count(0)
    # A conversation id was created and stored.
    assert re.fullmatch(r"[0-9a-f]{32}", stored_id(page) or ""), stored_id(page)
    # Header shortcuts and crisis footer are there.
    for name in ("Help", "Pause", "Show my map"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(page.locator("footer")).to_contain_text("116 123")
    expect(page.locator("footer")).to_contain_text("999")

    assert watch.errors == [], watch.errors
    assert csp_violations(page) == []


def test_keyboard_only_answer_with_first_button(page: Page):
    users_before = user_bubbles(page).count()
    bots_before = bot_items(page).count()
    first_enabled = page.locator("#log button:not([disabled])").first
    expect(first_enabled).to_be_visible()
    title = first_enabled.locator(".choice-text").inner_text().strip()

    # Nothing has been clicked yet: Tab from the top of the page, as a keyboard user would.
    reached = False
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(
            """() => {
                const a = document.activeElement;
                return !!a && a.tagName === 'BUTTON' && !!a.closest('#log') && !a.disabled;
            }"""
        ):
            reached = True
            break
    assert reached, "could not reach a reply button in the conversation with Tab"
    # Tab order reaches the first available answer first.
    assert page.evaluate(
        "document.activeElement === document.querySelector('#log button:not([disabled])')"
    )
    # Visible focus outline on the focused button.
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline

    page.keyboard.press("Enter")

    # The chosen answer shows as the person's own bubble, in words.
    expect(user_bubbles(page)).to_have_count(users_before + 1)
    expect(user_bubbles(page).last).to_have_text(title)
    wait_for_reply(page, bots_before)
    # The answered group can't be pressed again.
    expect(page.locator("#log .choice.is-chosen").last).to_be_disabled()
    # Focus comes back to the message box.
    expect(message_input(page)).to_be_focused()


def test_typing_a_message_and_pressing_enter(page: Page):
    box = message_input(page)
    expect(box).to_be_visible()
    assert box.evaluate("e => e.tagName") in ("TEXTAREA", "INPUT")
    assert box.get_attribute("maxlength") == "2000"

    # Shift+Enter makes a new line, it does not send.
    users_before = user_bubbles(page).count()
    box.click()
    box.fill("")
    page.keyboard.type("first line")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("second line")
    expect(box).to_have_value("first line\nsecond line")
    expect(user_bubbles(page)).to_have_count(users_before)

    # An empty (whitespace only) message is not sent.
    box.fill("   ")
    box.press("Enter")
    expect(user_bubbles(page)).to_have_count(users_before)

    # Enter sends, trimmed.
    bots_before = bot_items(page).count()
    box.fill("  help  ")
    box.press("Enter")
    expect(user_bubbles(page)).to_have_count(users_before + 1)
    expect(user_bubbles(page).last).to_have_text("help")
    expect(box).to_have_value("")
    wait_for_reply(page, bots_before)
    expect(box).to_be_focused()

    # The conversation is a polite live log for screen readers.
    expect(log(page)).to_have_attribute("role", "log")
    expect(log(page)).to_have_attribute("aria-live", "polite")
    # User bubbles on the right, bot bubbles on the left.
    user_box = user_bubbles(page).last.bounding_box()
    bot_box = page.locator("#log > .msg--bot .bubble").last.bounding_box()
    assert user_box and bot_box
    assert user_box["x"] + user_box["width"] > bot_box["x"] + bot_box["width"]
    assert user_box["x"] > bot_box["x"]


def test_reload_resumes_same_conversation(page: Page):
    before = stored_id(page)
    assert before and re.fullmatch(r"[0-9a-f]{32}", before)

    page.reload(wait_until="domcontentloaded")
    wait_for_reply(page, 0, timeout=FIRST_LOAD_TIMEOUT_MS)

    assert stored_id(page) == before
    # "/start" is not shown as something the person said.
    expect(user_bubbles(page)).to_have_count(0)
    expect(log(page)).not_to_contain_text("/start")
    expect(page.locator("#log .bubble").first).not_to_be_empty()


def test_phone_width_has_no_horizontal_scroll(browser, base_url):
    context, phone, watch = new_page(
        browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        open_chat(phone, base_url)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"page is {width}px wide at 360px"

        # A long unbroken word must wrap, not widen the page.
        bots_before = bot_items(phone).count()
        box = message_input(phone)
        box.fill("Supercalifragilisticexpialidocious" * 3)
        box.press("Enter")
        expect(user_bubbles(phone)).to_have_count(1)
        wait_for_reply(phone, bots_before)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"page is {width}px wide at 360px after a long word"
        for name in ("Help", "Pause", "Show my map"):
            expect(phone.get_by_role("button", name=name, exact=True)).to_be_in_viewport()

        assert watch.errors == [], watch.errors
        assert csp_violations(phone) == []
    finally:
        context.close()


def test_markup_is_shown_as_plain_text(page: Page, watch: Watch):
    literal = "<b>Bold</b> <script>alert(1)</script>"
    users_before = user_bubbles(page).count()
    bots_before = bot_items(page).count()

    box = message_input(page)
    box.fill(literal)
    box.press("Enter")

    expect(user_bubbles(page)).to_have_count(users_before + 1)
    expect(user_bubbles(page).last).to_have_text(literal)
    expect(page.get_by_text(literal, exact=True).first).to_be_visible()
    wait_for_reply(page, bots_before)

    # Nothing from the message became real markup, even if the bot repeats it.
    expect(page.locator("#log b")).to_have_count(0)
    expect(page.locator("#log script")).to_have_count(0)
    assert watch.dialogs == [], watch.dialogs


def test_save_screenshots(page: Page, browser, base_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    # Scrolled to the top, so the sticky header and message box sit where they belong.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "desktop.png"), full_page=True, animations="disabled")

    for name, scheme in (("phone.png", "light"), ("phone-dark.png", "dark")):
        context, phone, _ = new_page(
            browser,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            color_scheme=scheme,
        )
        try:
            open_chat(phone, base_url)
            phone.screenshot(path=str(ARTIFACTS / name), full_page=False, animations="disabled")
        finally:
            context.close()

    for name in ("desktop.png", "phone.png", "phone-dark.png"):
        assert (ARTIFACTS / name).stat().st_size > 0


def test_no_console_errors_or_csp_violations_during_visit(page: Page, watch: Watch):
    assert watch.errors == [], watch.errors
    assert csp_violations(page) == []
    assert watch.dialogs == [], watch.dialogs


# --------------------------------------------------------------------------- #
# A whole map in the browser                                                  #
# --------------------------------------------------------------------------- #

WHOLE_MAP = ["Yes, save my answers", "Rowan", "my sister Ada, my mate Kofi", "That's all",
             "Inner circle, very close", "Good for me", "Middle, quite close", "Mixed",
             "Kofi", "the library", "That's all", "Good for me", "Every week",
             "Most of the day", "reading", "That's all", "Good for me", "On my own",
             "Library", "Looks right, go on", "join a book club", "to meet people",
             "Library", "shyness", "ask at the desk", "Friday", "No, that's all"]


def test_a_whole_map_in_the_browser_ends_with_its_picture_and_a_one_page_print(browser, live_stack):
    context, page, watch = new_page(browser, viewport=DESKTOP)
    try:
        open_chat(page, live_stack.base_url)
        for answer in WHOLE_MAP:
            before = bot_items(page).count()
            message_input(page).fill(answer)
            message_input(page).press("Enter")
            wait_for_reply(page, before)
        expect(log(page)).to_contain_text("Step 6 of 6")
        picture = page.locator("#log img.map-thumb").last
        expect(picture).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
        page.screenshot(path=str(ARTIFACTS / "finished-chat.png"))
        map_url = page.locator("#log a.map-link").last.get_attribute("href")
        page.goto(live_stack.base_url + map_url)
        expect(page.locator("figure.map-picture img")).to_be_visible()
        page.wait_for_function(
            "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
        expect(page.locator("main")).to_contain_text("join a book club")
        page.screenshot(path=str(ARTIFACTS / "map-page.png"), full_page=True)
        pdf = page.pdf(format="A4", print_background=True)
        (ARTIFACTS / "map-page.pdf").write_bytes(pdf)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pages == 1, f"the printed map takes {pages} A4 pages"
        assert csp_violations(page) == [] and watch.errors == []
    finally:
        context.close()


def test_show_my_data_links_a_page_of_everything_held(browser, live_stack):
    context, page, watch = new_page(browser, viewport=DESKTOP)
    try:
        open_chat(page, live_stack.base_url)
        for answer in ("1", "Ysolde", "my neighbour <i>Barnabas</i>", "show my data"):
            before = bot_items(page).count()
            message_input(page).fill(answer)
            message_input(page).press("Enter")
            wait_for_reply(page, before)
        link = page.locator("#log a.map-link", has_text="See your data").last
        expect(link).to_be_visible()
        page.goto(live_stack.base_url + link.get_attribute("href"))
        expect(page.locator("h1")).to_have_text("Your data")
        expect(page.locator("main")).to_contain_text("Name you gave: Ysolde")
        expect(page.locator("main")).to_contain_text("<i>Barnabas</i>")
        expect(page.locator("main i")).to_have_count(0)
        assert csp_violations(page) == [] and watch.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("example", ["small_sparse_map", "family_map", "large_map"])
def test_the_printable_page_fits_one_a4_sheet(browser, tmp_path, example):
    from tests.unit import test_render
    from wbmap.web import printable_page

    page_file = tmp_path / "map.html"
    page_file.write_text(printable_page(getattr(test_render, example)(), "Kai", inline_picture=True))
    context, page, _ = new_page(browser)
    try:
        page.goto(page_file.as_uri())
        pdf = page.pdf(format="A4", print_background=True)
        (ARTIFACTS / f"print-{example}.pdf").write_bytes(pdf)
        assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    finally:
        context.close()
