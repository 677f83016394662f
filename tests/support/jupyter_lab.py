"""A real JupyterLab and a real browser for the browser tests (fixtures and page helpers).

Needs Debian's Chromium (/usr/bin/chromium) and Playwright from PyPI, driven with
``executable_path`` (never ``playwright install``). Without them the tests skip, unless
COURSE_REQUIRE_BROWSER=1 (CI), where they fail instead. With them but without a Chinese font
(Debian's fonts-wqy-microhei, as CI installs) they fail: every Chinese character would be a box
and the layout measured on boxes. The server, its kernels and the browser
only ever talk to 127.0.0.1; COURSE_DATA is passed through to the kernels unchanged.
Screenshots land in screenshots/ (git-ignored).
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")

# Chromium for every browser test (JupyterLab, the decks, the site): no background traffic
BASE_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--no-proxy-server",
]
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    # nothing but 127.0.0.1 resolves (RISE's theme asks for web fonts, for instance)
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_TIMEOUT = 60  # s: jupyter lab answering /api/status
UI_TIMEOUT = 60  # s: a page, a kernel, a widget appearing
RUN_TIMEOUT = 120  # s: a whole notebook executing
LOG_TAIL = 40  # server log lines shown on failure

# JupyterLab's "official Jupyter news?" prompt, off for the course: the README's lecturer section
# has the command (jupyter labextension disable), which the test server runs too (its own level)
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"
# Lab user settings for the test server only: no toasts, every cell attached to the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"doNotDisturbMode": True},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

# CSS of the notebook in the current tab, and JavaScript helpers evaluated in the page.
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
JS_STATE = """(nb) => {
    const root = document.querySelector(nb);
    if (!root) return null;
    const prompts = [...root.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .map(e => e.textContent.trim());
    const errors = [...root.querySelectorAll(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(e => e.innerText)
        .filter(t => /Traceback|^\\s*[\\w.]*(Error|Exception|Interrupt)\\b/m.test(t));
    const images = [...root.querySelectorAll('.jp-OutputArea-output img')]
        .filter(i => i.complete && i.naturalWidth > 0).length;
    const idle = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
        .some(e => /\\|\\s*Idle$/.test(e.textContent.trim()));
    const outputs = root.querySelectorAll('.jp-OutputArea-child').length;
    return {prompts, errors, images, idle, outputs};
}"""
JS_RUN_FINISHED = f"""(nb) => {{
    const s = ({JS_STATE})(nb);
    if (!s) return false;
    const done = s.prompts.every(p => /^\\[\\d+\\]:$/.test(p)) || s.errors.length > 0;
    return s.idle && done && !s.prompts.includes('[*]:');
}}"""
JS_CLEARED = f"""(nb) => {{
    const s = ({JS_STATE})(nb);
    return !!s && s.idle && s.outputs === 0 && s.prompts.every(p => p === '[ ]:');
}}"""
JS_IDLE = f"(nb) => ({JS_STATE})(nb)?.idle === true"
JS_HAS_FIGURE = f"(nb) => ({JS_STATE})(nb)?.images > 0"
JS_FIGURES = """(cell) => [...cell.querySelectorAll('img.widget-image')]
    .map(i => i.complete && i.naturalWidth > 0 ? i.src : '')"""
JS_FIGURES_CHANGED = f"""([cell, before]) => {{
    const now = ({JS_FIGURES})(cell);
    return now.length > 0 && !now.includes('') && now.join() !== before.join();
}}"""


@dataclass
class LabServer:
    """A running `jupyter lab`: where it answers, its token, its folder and its log."""

    url: str
    token: str
    root: Path
    log: Path


def unavailable(reason):
    """Skip with `reason`, or fail with it when COURSE_REQUIRE_BROWSER=1 (CI)."""
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(path, lines=LOG_TAIL):
    """The last `lines` lines of a log file, or a note that there is none."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def write_lab_settings(folder):
    """Write LAB_SETTINGS as JupyterLab user settings under `folder`."""
    for plugin, values in LAB_SETTINGS.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def lesson_title(path):
    """The text of the `# ` heading that opens the notebook's first markdown cell."""
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    return first.source.lstrip().splitlines()[0].lstrip("#").strip()


def server_status(url, token):
    """GET /api/status (no proxy): the parsed JSON, or None while the server does not answer."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/api/status?token={token}", timeout=2) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def wait_for_server(server, process):
    """Poll /api/status until the server answers; fail with its log if it dies or times out."""
    deadline = time.monotonic() + SERVER_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"jupyter lab exited with {process.returncode}:\n{log_tail(server.log)}",
                pytrace=False,
            )
        if server_status(server.url, server.token) is not None:
            return
        time.sleep(0.25)
    pytest.fail(
        f"jupyter lab did not answer within {SERVER_TIMEOUT} s:\n{log_tail(server.log)}",
        pytrace=False,
    )


def stop_process_group(process, grace=15):
    """SIGTERM the process group (the server shuts its kernels down); SIGKILL after `grace` s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    with suppress(ProcessLookupError):  # anything of the group that outlived its leader
        os.killpg(process.pid, signal.SIGKILL)


def chinese_fonts():
    """The font families fontconfig (which Chromium uses) has for Chinese; [] if none."""
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:  # no fontconfig at all
        return []
    return [line for line in listed.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def playwright_api():
    """Playwright's sync entry point, once Chromium, Playwright and a Chinese font are there."""
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not chinese_fonts():
        pytest.fail(
            "no Chinese font (fc-list :lang=zh is empty): Chromium would draw every Chinese "
            "character as a box and the browser tests would measure boxes; "
            "apt-get install fonts-wqy-microhei",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -r requirements.txt)")
    return sync_playwright


@pytest.fixture(scope="module")
def lab_source():
    """The folder whose copy `lab` serves (a test module may override this fixture)."""
    return NOTEBOOKS


@pytest.fixture(scope="module")
def lab(playwright_api, tmp_path_factory, lab_source):
    """`jupyter lab` on 127.0.0.1 in a temporary copy of `lab_source`; then stopped."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(lab_source, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    write_lab_settings(base / "settings")
    server = LabServer(
        f"http://127.0.0.1:{free_port()}", secrets.token_hex(24), root, base / "jupyter.log"
    )
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={server.url.rsplit(':', 1)[1]}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={server.token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
    ]
    disable = [sys.executable, "-m", "jupyter", "labextension", "disable", "--level=user"]
    subprocess.run([*disable, ANNOUNCEMENTS], env=env, check=True, capture_output=True)
    with open(server.log, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_server(server, process)
        yield server
    finally:
        stop_process_group(process)


@contextmanager
def launched(playwright_api, args):
    """Headless Debian Chromium with ``args`` (a fresh temporary profile); closed after."""
    with playwright_api() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=args
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser(playwright_api):
    """Chromium for JupyterLab: only 127.0.0.1 resolves."""
    with launched(playwright_api, CHROMIUM_ARGS) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def viewport():
    """The browser window's size (a test module may override this fixture)."""
    return VIEWPORT


@pytest.fixture
def page(browser, viewport):
    """A new page in its own browser context, with the console's errors kept for diagnosis."""
    context = browser.new_context(viewport=viewport, locale="en-US")
    context.set_default_timeout(UI_TIMEOUT * 1000)
    new_page = context.new_page()
    new_page.console_errors = []

    def keep_error(message):
        if message.type == "error":
            new_page.console_errors.append(message.text)

    new_page.on("console", keep_error)
    try:
        yield new_page
    finally:
        context.close()


def screenshot(page, name):
    """Save a full-page PNG as screenshots/`name`.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@contextmanager
def diagnosed(lab, page, name):
    """Re-raise any failure in the block as an AssertionError carrying the server log tail."""
    try:
        yield
    except Exception as error:
        shot = lab.root.parent / f"failed-{name}.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
        except Exception:  # the page may be gone; the log still tells
            shot = "(none)"
        console = "\n".join(page.console_errors[-10:]) or "(none)"
        try:
            state = page.evaluate(JS_STATE, NOTEBOOK)
        except Exception:
            state = None
        raise AssertionError(
            f"{type(error).__name__}: {error}\n"
            f"COURSE_DATA={os.environ.get('COURSE_DATA')!r}; screenshot: {shot}\n"
            f"notebook state: {state}\n"
            f"--- browser console errors (last 10) ---\n{console}\n"
            f"--- jupyter lab log (last {LOG_TAIL} lines) ---\n{log_tail(lab.log)}"
        ) from error


def click_menu(page, menu, command):
    """Click the menu bar's `menu`, then its item for the JupyterLab `command`."""
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').first.click()


def open_notebook(page, lab, name):
    """Open notebook `name` alone in a fresh workspace; return once its kernel is idle."""
    workspace = f"test-{uuid.uuid4().hex[:8]}"
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{quote(name)}?token={lab.token}")
    page.wait_for_function(JS_IDLE, arg=NOTEBOOK)


def run_all(page):
    """Expand hidden code and outputs, clear them, Run All Cells, wait for the kernel; the state.

    Expanding first puts every prompt and every output (exercise solutions included) in the DOM.
    """
    click_menu(page, "View", "notebook:show-all-cell-code")
    click_menu(page, "View", "notebook:show-all-cell-outputs")
    click_menu(page, "Edit", "editmenu:clear-all")
    page.wait_for_function(JS_CLEARED, arg=NOTEBOOK)
    click_menu(page, "Run", "runmenu:run-all")
    page.wait_for_function(JS_RUN_FINISHED, arg=NOTEBOOK, timeout=RUN_TIMEOUT * 1000)
    return page.evaluate(JS_STATE, NOTEBOOK)


def assert_ran_cleanly(state):
    """Every code cell has an execution count and no output shows an error."""
    assert not state["errors"], "error output:\n" + "\n---\n".join(state["errors"])
    not_run = [i for i, p in enumerate(state["prompts"]) if not re.fullmatch(r"\[\d+\]:", p)]
    assert not not_run, f"code cells not executed (0-based): {not_run}; prompts {state['prompts']}"


@pytest.fixture(scope="module")
def chromium(playwright_api):
    """Chromium for pages opened without JupyterLab (the decks, the site)."""
    with launched(playwright_api, BASE_CHROMIUM_ARGS) as browser:
        yield browser
