"""`auth.private_ws.scheme: headers` (issue 10): the private websocket authenticated by signed headers sent with the
handshake, as Gemini's WebSocket API does ("Authentication": X-GEMINI-APIKEY, X-GEMINI-NONCE in epoch seconds,
X-GEMINI-PAYLOAD = base64(nonce), X-GEMINI-SIGNATURE = hex(HMAC-SHA384(payload, secret))).

specs/gemini.yaml uses it; its generated suite and market tests run with the other shipped specs'. Here: the
generated auth builds the documented headers, the loopback exchange checks them, and bad options are refused with
their position.
"""

import base64
import hashlib
import hmac
import importlib.util
import time
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from spec_variants import ROOT, shipped, validate

from scaffolder.generate import generate_files
from scaffolder.sandbox.server import Sandbox
from scaffolder.spec import load_spec

SECRET = "1234abcd"


def _auth_class(tmp_path: Path):
    files = generate_files(ROOT / "specs" / "gemini.yaml")
    path = tmp_path / "gemini_auth.py"
    path.write_text(files["hummingbot/connector/exchange/gemini/gemini_auth.py"])
    module_spec = importlib.util.spec_from_file_location("gemini_handshake_auth", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.GeminiAuth


def _documented_headers(nonce: str, key: str = "mykey", secret: str = SECRET) -> dict:
    payload = base64.b64encode(nonce.encode()).decode()
    signature = hmac.new(secret.encode(), payload.encode(), hashlib.sha384).hexdigest()
    return {"X-GEMINI-APIKEY": key, "X-GEMINI-NONCE": nonce, "X-GEMINI-PAYLOAD": payload,
            "X-GEMINI-SIGNATURE": signature}


def test_generated_auth_builds_the_documented_handshake_headers(tmp_path: Path):
    clock = MagicMock()
    clock.time.return_value = 1700000000.75
    auth = _auth_class(tmp_path)(api_key="mykey", secret_key=SECRET, time_provider=clock)
    # The nonce is the synchronised clock in whole seconds, as text.
    assert auth.ws_auth_headers() == _documented_headers("1700000000")


def test_generated_data_source_connects_with_the_headers():
    files = generate_files(ROOT / "specs" / "gemini.yaml")
    source = files["hummingbot/connector/exchange/gemini/gemini_api_user_stream_data_source.py"]
    assert "ws_headers=self._auth.ws_auth_headers()," in source
    # Nothing is sent to authenticate: the subscriptions follow the handshake.
    assert "ws_login_message" not in source


@pytest.fixture()
def streams():
    return Sandbox(load_spec(ROOT / "specs" / "gemini.yaml")).streams


def _sandbox_headers(streams, nonce: str) -> dict:
    credentials = streams.sandbox.credentials
    return _documented_headers(nonce, credentials["api_key"], credentials["secret_key"])


def test_sandbox_accepts_the_recipe(streams):
    assert streams._handshake_problem(_sandbox_headers(streams, str(int(time.time())))) is None


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda headers: headers.pop("X-GEMINI-SIGNATURE"), "the handshake lacks the header(s) X-GEMINI-SIGNATURE"),
        (lambda headers: headers.update({"X-GEMINI-SIGNATURE": "00"}), "header X-GEMINI-SIGNATURE is '00'"),
        (lambda headers: headers.update({"X-GEMINI-APIKEY": "other"}), "header X-GEMINI-APIKEY is 'other'"),
        (lambda headers: headers.update({"X-GEMINI-PAYLOAD": "eA=="}), "header X-GEMINI-PAYLOAD is 'eA=='"),
    ],
)
def test_sandbox_refuses_headers_off_the_recipe(streams, change, expected):
    headers = _sandbox_headers(streams, str(int(time.time())))
    change(headers)
    assert expected in streams._handshake_problem(headers)


def test_sandbox_refuses_a_stale_nonce(streams):
    problem = streams._handshake_problem(_sandbox_headers(streams, str(int(time.time()) - 3600)))
    assert "away from the server clock" in problem


PRIVATE_WS = """  private_ws:
    scheme: headers
    timestamp: {unit: s, text: true}
    payload: {text: "{timestamp}", encoding: base64}
    signature: {payload: "{payload}"}
    headers:
      X-GEMINI-APIKEY: "{api_key}"
      X-GEMINI-NONCE: "{timestamp}"
      X-GEMINI-PAYLOAD: "{payload}"
      X-GEMINI-SIGNATURE: "{signature}"
"""


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("X-GEMINI-NONCE: \"{timestamp}\"", "X-GEMINI-NONCE: \"{timestmp}\"",
         "gemini.yaml:64:7: auth.private_ws.headers.X-GEMINI-NONCE: unknown placeholder {timestmp}"),
        ("X-GEMINI-SIGNATURE: \"{signature}\"\n", "", "auth.private_ws.headers: no header sends {signature}"),
        ("    timestamp: {unit: s, text: true}\n", "", "auth.private_ws.timestamp: the headers scheme needs the timestamp"),
        ("    signature: {payload: \"{payload}\"}\n", "", "auth.private_ws.signature: scheme headers needs signature"),
        ("payload: {text: \"{timestamp}\"", "payload: {text: \"{signature}\"",
         "auth.private_ws.payload.text: unknown placeholder {signature}"),
        ("scheme: headers", "scheme: login\n    login_message: {op: login}\n    success: {field: status, equals: 200}",
         "auth.private_ws.headers: only the headers scheme sends headers"),
    ],
)
def test_bad_handshake_options_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = shipped("gemini")
    assert text.count(PRIVATE_WS) == 1 and PRIVATE_WS.count(old) == 1
    result = validate(tmp_path, "gemini", text.replace(PRIVATE_WS, PRIVATE_WS.replace(old, new)))
    assert result.exit_code == 2
    assert expected in result.output, result.output
