"""`auth.rest.payload`: the request carried as an encoded JSON object in a header, and signed (issue 10).

Gemini's private API ("Private API invocation"): the request's parameters, with `request` (the path) and `nonce`,
form a JSON object; its base64 text is sent in X-GEMINI-PAYLOAD, X-GEMINI-SIGNATURE is
hex(HMAC-SHA384(secret, base64 text)), the body is empty. The variant below is OKX's spec with Gemini's recipe
(its private requests all POST, as Gemini's are); its generated auth signs Gemini's documented example, its suites
pass against Hummingbot, and its market tests pass against a loopback exchange that checks the recipe.
"""

import asyncio
import base64
import hashlib
import hmac
import importlib.util
import io
import json
from pathlib import Path
from unittest.mock import MagicMock, patch

import black
import pyflakes.api
import pyflakes.reporter
import pytest
from spec_variants import generate_variant, shipped, validate

from scaffolder.formatting import LINE_LENGTH
from scaffolder.generate import generate_files
from scaffolder.sandbox.signing import SignedRequest, Verifier
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

OKX_REST_AUTH = """    scheme: hmac_headers
    algorithm: sha256
    encoding: base64
    secret: secret_key
    timestamp: {unit: iso}
    message: "{timestamp}{method}{request_path}{body}"
    body: json
    headers:
      OK-ACCESS-KEY: "{api_key}"
      OK-ACCESS-SIGN: "{signature}"
      OK-ACCESS-TIMESTAMP: "{timestamp}"
      OK-ACCESS-PASSPHRASE: "{passphrase}"
"""
GEMINI_REST_AUTH = """    scheme: hmac_headers
    algorithm: sha384
    encoding: hex
    secret: secret_key
    nonce: {kind: NONCE_KIND}
    payload:
      fields: {request: "{path}", nonce: "{nonce}"}
      encoding: PAYLOAD_ENCODING
    message: "{payload}"
    headers:
      Content-Type: text/plain
      Content-Length: "0"
      X-GEMINI-APIKEY: "{api_key}"
      X-GEMINI-PAYLOAD: "{payload}"
      X-GEMINI-SIGNATURE: "{signature}"
      Cache-Control: no-cache
"""


def variant(kind: str = "milliseconds", encoding: str = "base64") -> str:
    """OKX with Gemini's signing recipe, its private requests all POST as Gemini's are: balances (balances.method),
    order status and fills (orders.status.method, orders.fills.method); creation and cancelation are POST already."""
    text = shipped("okx")
    balances = "balances:\n  endpoint: balance\n"
    assert text.count(OKX_REST_AUTH) == 1 and text.count(balances) == 1
    text = text.replace(balances, balances + "  method: POST\n  params: {ccy: BTC}\n")
    for endpoint in ("order_details", "my_trades"):
        get = f"    endpoint: {endpoint}\n    method: GET\n"
        assert text.count(get) == 1
        text = text.replace(get, get.replace("GET", "POST"))
    recipe = GEMINI_REST_AUTH.replace("NONCE_KIND", kind).replace("PAYLOAD_ENCODING", encoding)
    return text.replace(OKX_REST_AUTH, recipe)


# Gemini's documentation ("Private API invocation"): the secret, the request JSON as it was written (whitespace
# included: the signature is over the base64 text as sent), its base64 and its X-GEMINI-SIGNATURE.
DOCUMENTED_SECRET = "1234abcd"
DOCUMENTED_JSON = '{\n    "request": "/v1/order/status",\n    "nonce": 123456,\n\n    "order_id": 18834\n}\n'
DOCUMENTED_PAYLOAD = (
    "ewogICAgInJlcXVlc3QiOiAiL3YxL29yZGVyL3N0YXR1cyIsCiAgICAibm9uY2UiOiAxMjM0NTYsCgogICAgIm9yZGVyX2lkIjogMTg4MzQKfQo="
)
DOCUMENTED_SIGNATURE = (
    "337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f"
)
FIXED_HEADERS = {"Content-Type": "text/plain", "Content-Length": "0", "Cache-Control": "no-cache"}


def generate(tmp: Path, kind: str = "milliseconds", encoding: str = "base64") -> Path:
    return generate_variant(tmp, "okx", variant(kind, encoding))


@pytest.fixture(scope="module")
def gemini_recipe(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("payload"))


def _auth_module(connector: Path):
    path = connector / "hummingbot/connector/exchange/okx/okx_auth.py"
    module_spec = importlib.util.spec_from_file_location("gemini_recipe_auth", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def test_the_documented_example_is_self_consistent():
    # The documented base64 is the documented JSON, and its HMAC-SHA384 with the documented secret the signature.
    assert base64.b64decode(DOCUMENTED_PAYLOAD).decode() == DOCUMENTED_JSON
    digest = hmac.new(DOCUMENTED_SECRET.encode(), DOCUMENTED_PAYLOAD.encode(), hashlib.sha384).hexdigest()
    assert digest == DOCUMENTED_SIGNATURE


def test_generated_auth_signs_geminis_documented_payload(gemini_recipe: Path):
    auth = _auth_module(gemini_recipe).OkxAuth(
        api_key="key", secret_key=DOCUMENTED_SECRET, passphrase="", time_provider=MagicMock()
    )
    assert auth._generate_signature(DOCUMENTED_PAYLOAD) == DOCUMENTED_SIGNATURE


def test_generated_auth_builds_geminis_documented_request(gemini_recipe: Path):
    from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest

    auth_class = _auth_module(gemini_recipe).OkxAuth
    auth = auth_class(api_key="key", secret_key=DOCUMENTED_SECRET, passphrase="", time_provider=MagicMock())
    request = RESTRequest(
        method=RESTMethod.POST,
        url="https://api.gemini.com/v1/order/status",
        data=json.dumps({"order_id": 18834}),
        headers={"X-Custom": "kept"},
        is_auth_required=True,
    )
    with patch.object(auth_class, "get_tracking_nonce", return_value="123456"):
        signed = asyncio.run(auth.rest_authenticate(request))

    payload = signed.headers["X-GEMINI-PAYLOAD"]
    decoded = json.loads(base64.b64decode(payload))
    # The documented object, in the documented order: request, nonce (a JSON number), then the parameters.
    assert list(decoded.items()) == [("request", "/v1/order/status"), ("nonce", 123456), ("order_id", 18834)]
    assert decoded == json.loads(DOCUMENTED_JSON)
    expected = hmac.new(DOCUMENTED_SECRET.encode(), payload.encode(), hashlib.sha384).hexdigest()
    assert signed.headers["X-GEMINI-SIGNATURE"] == expected
    assert signed.headers["X-GEMINI-APIKEY"] == "key"
    assert {key: signed.headers[key] for key in FIXED_HEADERS} == FIXED_HEADERS
    assert signed.headers["X-Custom"] == "kept"
    # The body is empty: the payload carries the parameters.
    assert signed.data is None and signed.params is None


def _verifier(tmp_path: Path, kind: str = "counter") -> Verifier:
    spec_path = tmp_path / "okx.yaml"
    spec_path.write_text(variant(kind))
    return Verifier(load_spec(spec_path), {"api_key": "key", "secret_key": DOCUMENTED_SECRET, "passphrase": ""})


def _documented_request(payload: str = DOCUMENTED_PAYLOAD, signature: str = DOCUMENTED_SIGNATURE,
                        body: str = "") -> SignedRequest:
    headers = dict(FIXED_HEADERS, **{"X-GEMINI-APIKEY": "key", "X-GEMINI-PAYLOAD": payload,
                                     "X-GEMINI-SIGNATURE": signature})
    return SignedRequest("POST", "/v1/order/status", "", body, headers)


def _signed(payload_object: dict) -> tuple:
    payload = base64.b64encode(json.dumps(payload_object).encode()).decode()
    return payload, hmac.new(DOCUMENTED_SECRET.encode(), payload.encode(), hashlib.sha384).hexdigest()


def test_sandbox_checks_geminis_recipe(tmp_path: Path):
    verifier = _verifier(tmp_path)
    assert verifier.check_rest(_documented_request()) is None
    assert verifier.payload_params(_documented_request().headers) == {"order_id": 18834}
    # A replayed nonce is refused, saying why.
    assert "was used before" in verifier.check_rest(_documented_request())
    # Another payload under the documented signature.
    tampered, _ = _signed({"request": "/v1/order/status", "nonce": 123457, "order_id": 18835})
    refusal = verifier.check_rest(_documented_request(payload=tampered))
    assert "is not the HMAC-SHA384 hex keyed by secret_key" in refusal


@pytest.mark.parametrize(
    "payload_object, body, expected",
    [
        ({"request": "/v1/balances", "nonce": 1}, "", "payload field 'request' is '/v1/balances'"),
        ({"request": "/v1/order/status", "nonce": "2"}, "", "expected the nonce as a JSON integer"),
        ({"request": "/v1/order/status"}, "", "the payload lacks its field 'nonce'"),
        ({"request": "/v1/order/status", "nonce": 3}, '{"order_id": 18834}', "sends a query or a body"),
    ],
)
def test_sandbox_refuses_a_payload_off_the_recipe(tmp_path: Path, payload_object: dict, body: str, expected: str):
    payload, signature = _signed(payload_object)
    assert expected in _verifier(tmp_path).check_rest(_documented_request(payload, signature, body))


def test_sandbox_refuses_a_payload_that_is_not_base64_json(tmp_path: Path):
    refusal = _verifier(tmp_path).check_rest(_documented_request(payload="not base64!"))
    assert "the payload header is not the base64 text of a JSON object" in refusal


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('message: "{payload}"', 'message: "{nonce}"', "auth.rest.payload: the message does not sign {payload}"),
        ('X-GEMINI-PAYLOAD: "{payload}"', 'X-GEMINI-PAYLOAD: "p{payload}"', "no header sends {payload}"),
        ('request: "{path}"', 'request: "{paht}"', "did you mean {path}"),
        ('request: "{path}"', 'request: "{body}"', "auth.rest.payload.fields.request: unknown placeholder {body}"),
        ("encoding: base64\n    message", "encoding: base58\n    message", "auth.rest.payload.encoding"),
        ("scheme: hmac_headers", "scheme: hmac_params", "auth.rest.payload: the payload travels in a header"),
        (
            'message: "{payload}"',
            'message: "{payload}{instruction}"\n    sign_only_params: [instruction]\n    body: json',
            "auth.rest.sign_only_params: the payload carries the request's parameters",
        ),
        ('message: "{payload}"', 'message: "{nonce}{payload}"\n    digest: {algorithm: sha256, of: "{payload}"}',
         "auth.rest.digest.of: unknown placeholder {payload}"),
    ],
)
def test_bad_payload_options_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = variant()
    assert text.count(old) == 1
    result = validate(tmp_path, "okx", text.replace(old, new))
    assert result.exit_code == 2
    assert expected in result.output


def test_the_nonce_signed_in_the_payload_needs_no_header_nor_parameter(tmp_path: Path):
    result = validate(tmp_path, "okx", variant())
    assert result.exit_code == 0, result.output


@pytest.mark.timeout(600)
def test_gemini_recipe_passes_the_auth_and_exchange_suites(gemini_recipe: Path):
    auth_test = (gemini_recipe / "test/hummingbot/connector/exchange/okx/test_okx_auth.py").read_text()
    assert '"request": "/api/v5/account/balance",\n                    "nonce": 1640000000250,' in auth_test
    exchange_test = (gemini_recipe / "test/hummingbot/connector/exchange/okx/test_okx_exchange.py").read_text()
    assert 'json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))' in exchange_test
    assert run_suite(gemini_recipe, ["-q", "-k", "auth or exchange", "-p", "no:warnings"]) == 0


@pytest.mark.timeout(600)
def test_gemini_recipe_passes_its_market_tests_against_the_sandbox(gemini_recipe: Path):
    from scaffolder.sandbox.market_test import run_against_sandbox

    spec = load_spec(gemini_recipe.parent.parent / "specs" / "okx.yaml")
    assert run_against_sandbox(spec, gemini_recipe, ["-q", "-p", "no:warnings"]) == 0


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "kind, encoding, expected",
    [
        ("counter", "base64url", 'base64.urlsafe_b64encode(json.dumps(fields).encode("utf8")).decode()'),
        ("uuid", "hex", 'json.dumps(fields).encode("utf8").hex()'),
    ],
)
def test_other_nonces_and_encodings_pass_the_auth_suite(tmp_path: Path, kind: str, encoding: str, expected: str):
    connector = generate(tmp_path, kind, encoding)
    assert expected in (connector / "hummingbot/connector/exchange/okx/okx_auth.py").read_text()
    assert run_suite(connector, ["-q", "-k", "auth or exchange", "-p", "no:warnings"]) == 0


@pytest.mark.parametrize("kind, encoding", [("milliseconds", "base64"), ("counter", "base64url"), ("uuid", "hex")])
def test_generated_files_are_black_stable_without_dead_code(tmp_path: Path, kind: str, encoding: str):
    spec_path = tmp_path / "okx.yaml"
    spec_path.write_text(variant(kind, encoding))
    findings = []
    for path, content in sorted(generate_files(spec_path).items()):
        if path.endswith(".py"):
            assert black.format_str(content, mode=black.Mode(line_length=LINE_LENGTH)) == content, path
            output = io.StringIO()
            pyflakes.api.check(content, path, pyflakes.reporter.Reporter(output, output))
            findings += output.getvalue().splitlines()
    assert findings == []
