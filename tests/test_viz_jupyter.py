"""A saved notebook with a network view, opened again in a real JupyterLab driven by headless Chromium."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
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


@pytest.fixture
def jupyter_lab(executed_notebook, tmp_path):
    """JupyterLab serving the notebook's folder on 127.0.0.1 with a token; stopped afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path / "jupyter-home"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "HOME": str(home)}
    log = (tmp_path / "jupyter.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                             f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
                             f"--ServerApp.root_dir={executed_notebook}", "--ServerApp.port_retries=0",
                             "--ServerApp.allow_root=True"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                return r.status == 200
        except OSError:
            if proc.poll() is not None:
                log_text = (tmp_path / "jupyter.log").read_text()[-2000:]
                raise AssertionError("jupyter lab stopped: " + log_text) from None
            return False

    try:
        wait_for(up, 120, "JupyterLab to answer")
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.slow
def test_reopened_notebook_shows_the_network_as_a_picture(browser, jupyter_lab):
    base, token = jupyter_lab
    browser.get(f"{base}/lab/tree/network.ipynb?token={token}")
    shown = ("const img = document.querySelector('.jp-OutputArea-output img');"
             "return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.src.slice(0, 22)] : null")
    width, src = wait_for(lambda: browser.execute_script(shown), 180, "the network's picture in the output")
    assert src == "data:image/png;base64," and width > 200
    # untrusted output: JupyterLab removed the interactive frame, and the picture stands in its place
    assert browser.execute_script("return document.querySelectorAll('.jp-OutputArea-output iframe').length") == 0
