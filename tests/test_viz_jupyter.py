"""A saved notebook with a network view, opened again in a real JupyterLab and a real classic notebook (nbclassic),
each driven by headless Chromium."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def executed_notebook(tmp_path):
    """A notebook showing the bundled partnership network, executed and saved (so not trusted when reopened)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import csgraph\nfrom csgraph.viz import render_notebook\n"
        "render_notebook(csgraph.partnership_network(csgraph.load(bundled=True)), title='Partnerships')")]
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nb, folder / "network.ipynb")
    return folder


@contextlib.contextmanager
def jupyter_server(module: str, root: Path, tmp_path: Path):
    """``python -m MODULE`` (a Jupyter server application) serving ``root`` on 127.0.0.1 with a token, with a
    configuration and data folder of its own (so no notebook is trusted beforehand); stopped afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path / "jupyter-home"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "HOME": str(home)}
    log_path = tmp_path / f"{module}.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "-m", module, "--no-browser", "--ServerApp.ip=127.0.0.1",
                             f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
                             f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
                             "--ServerApp.allow_root=True"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                return r.status == 200
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(f"{module} stopped: " + log_path.read_text()[-2000:]) from None
            return False

    try:
        wait_for(up, 120, f"{module} to answer")
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def jupyter_lab(executed_notebook, tmp_path):
    """JupyterLab serving the notebook's folder."""
    with jupyter_server("jupyterlab", executed_notebook, tmp_path) as served:
        yield served


@pytest.fixture
def classic_notebook(executed_notebook, tmp_path):
    """The classic notebook (nbclassic, the Notebook 6 interface) serving the notebook's folder."""
    with jupyter_server("nbclassic", executed_notebook, tmp_path) as served:
        yield served


SHOWN_PICTURE = ("const img = document.querySelector('%s img');"
                 "return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.src.slice(0, 22)] : null")


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.slow
def test_reopened_notebook_shows_the_network_as_a_picture(browser, jupyter_lab):
    base, token = jupyter_lab
    browser.get(f"{base}/lab/tree/network.ipynb?token={token}")
    width, src = wait_for(lambda: browser.execute_script(SHOWN_PICTURE % ".jp-OutputArea-output"), 180,
                          "the network's picture in the output")
    assert src == "data:image/png;base64," and width > 200
    # untrusted output: JupyterLab removed the interactive frame, and the picture stands in its place
    assert browser.execute_script("return document.querySelectorAll('.jp-OutputArea-output iframe').length") == 0


def wait_for_interactive_view(browser, timeout: float = 180) -> int:
    """Wait for the network page inside the output's frame to be drawn; the number of nodes it shows."""
    frame = wait_for(lambda: browser.find_elements("css selector", ".output_area iframe"), timeout,
                     "the interactive view's frame in the output")[0]
    browser.switch_to.frame(frame)
    try:
        wait_for(lambda: browser.execute_script("return document.body && document.body.getAttribute('data-state')")
                 in ("ready", "error"), timeout, "the network page in the frame to be drawn")
        assert browser.execute_script("return document.body.getAttribute('data-state')") == "ready"
        assert browser.execute_script("return document.querySelectorAll('canvas').length") >= 1
        return browser.execute_script("return csgraph.n")
    finally:
        browser.switch_to.default_content()


def click_when_settled(buttons) -> bool:
    """Click the first of ``buttons`` once nothing covers it (a dialog fades in); whether it was clicked."""
    from selenium.common.exceptions import ElementClickInterceptedException

    try:
        buttons[0].click()
    except (IndexError, ElementClickInterceptedException):
        return False
    return True


def open_classic(browser, base: str, token: str) -> None:
    # the classic notebook lives under /nbclassic/ beside Notebook 7, and at the root without it: follow the
    # server's redirect to its file browser to find out where
    with urllib.request.urlopen(f"{base}/?token={token}", timeout=30) as r:
        home = urllib.parse.urlsplit(r.geturl()).path
    assert home.endswith("/tree"), home
    browser.get(f"{base}{home.removesuffix('/tree')}/notebooks/network.ipynb?token={token}")
    wait_for(lambda: browser.execute_script("return !!(window.Jupyter && Jupyter.notebook && "
                                            "Jupyter.notebook._fully_loaded)"), 180, "the classic notebook to load")


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.slow
def test_reopened_classic_notebook_shows_a_picture_then_the_interactive_view_once_trusted(browser,
                                                                                           classic_notebook):
    base, token = classic_notebook
    open_classic(browser, base, token)
    width, src = wait_for(lambda: browser.execute_script(SHOWN_PICTURE % ".output_area"), 60,
                          "the network's picture in the output")
    assert src == "data:image/png;base64," and width > 200
    # untrusted: the classic notebook's sanitizer removed the interactive frame; the picture stands in its place
    assert browser.execute_script("return document.querySelectorAll('.output_area iframe').length") == 0
    assert browser.find_element("id", "notification_trusted").text == "Not Trusted"

    # a click on "Not Trusted", then Trust in the dialog, as a user does: the notebook reloads trusted
    browser.execute_script("window.beforeTrust = true")
    browser.find_element("id", "notification_trusted").click()
    wait_for(lambda: click_when_settled([b for b in browser.find_elements("css selector", ".modal-footer button")
                                         if b.text == "Trust" and b.is_displayed()]), 30, "the trust dialog")
    wait_for(lambda: browser.execute_script("return !window.beforeTrust && !!(window.Jupyter && Jupyter.notebook"
                                            " && Jupyter.notebook._fully_loaded && Jupyter.notebook.trusted)"),
             180, "the notebook to reload trusted")
    assert wait_for_interactive_view(browser) > 40


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.slow
def test_reopened_classic_notebook_shows_the_interactive_view_once_run(browser, classic_notebook):
    base, token = classic_notebook
    open_classic(browser, base, token)
    wait_for(lambda: browser.execute_script(SHOWN_PICTURE % ".output_area"), 60, "the network's picture")
    # Cell > Run All, as a user does; the new output is the notebook's own, so it is shown as it is
    browser.find_element("link text", "Cell").click()
    wait_for(lambda: browser.find_element("id", "run_all_cells").is_displayed(), 30, "the Cell menu")
    browser.find_element("css selector", "#run_all_cells a").click()
    assert wait_for_interactive_view(browser, timeout=300) > 40
