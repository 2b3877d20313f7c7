"""`auth.rest.nonce`, `auth.rest.digest` and `auth.rest.secret_encoding`: a nonce per signed request (milliseconds,
counter, uuid), a hash inside the signed message, a base64 secret.

Kraken signs `API-Sign = base64(HMAC-SHA512(base64decode(secret), path + SHA256(nonce + form body)))` with the nonce
as the first form parameter. The variant below is OKX's spec with Kraken's recipe; its generated auth signs
Kraken's documented example request, its suites pass against Hummingbot, and its market tests pass against a
loopback exchange that checks the recipe.
"""

import asyncio
import importlib.util
import json
from pathlib import Path
from unittest.mock import MagicMock, patch
from urllib.parse import urlencode

import pytest
from spec_variants import generate_variant
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.sandbox.signing import SignedRequest, Verifier
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
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
KRAKEN_REST_AUTH = """    scheme: hmac_headers
    algorithm: sha512
    encoding: base64
    secret: secret_key
    secret_encoding: base64
    nonce: {kind: NONCE_KIND, param: nonce}
    digest: {algorithm: sha256, of: "{nonce}{body}"}
    message: "{path}{digest}"
    body: form
    headers:
      API-Key: "{api_key}"
      API-Sign: "{signature}"
"""
# Kraken's documentation ("Spot REST Authentication"): a private key, a request and its API-Sign.
DOCUMENTED_SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="
DOCUMENTED_NONCE = "1616492376594"
DOCUMENTED_ORDER = {"ordertype": "limit", "pair": "XBTUSD", "price": 37500, "type": "buy", "volume": 1.25}
DOCUMENTED_BODY = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"
DOCUMENTED_SIGNATURE = "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ=="


def variant(kind: str = "milliseconds", rest_auth: str = KRAKEN_REST_AUTH) -> str:
    """OKX with Kraken's signing recipe, reading its balances by POST as Kraken does (balances.method)."""
    text = (ROOT / "specs" / "okx.yaml").read_text()
    balances = "balances:\n  endpoint: balance\n"
    assert text.count(OKX_REST_AUTH) == 1 and text.count(balances) == 1
    text = text.replace(balances, balances + "  method: POST\n  params: {ccy: BTC}\n")
    return text.replace(OKX_REST_AUTH, rest_auth.replace("NONCE_KIND", kind))


def generate(tmp: Path, kind: str) -> Path:
    return generate_variant(tmp, "okx", variant(kind))


@pytest.fixture(scope="module")
def kraken_recipe(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("nonce"), "milliseconds")


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "okx.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('message: "{path}{digest}"', 'message: "{path}{body}"', "auth.rest.digest: the message does not sign"),
        ('message: "{path}{digest}"', 'message: "{path}{nonse}{digest}"', "did you mean {nonce}"),
        ("kind: milliseconds", "kind: millis", "auth.rest.nonce.kind"),
        ('of: "{nonce}{body}"', 'of: "{nonce}{digest}"', "auth.rest.digest.of: unknown placeholder {digest}"),
        ("secret_encoding: base64", "secret_encoding: base58", "auth.rest.secret_encoding"),
    ],
)
def test_bad_nonce_and_digest_options_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = variant()
    assert text.count(old) == 1
    result = _validate(tmp_path, text.replace(old, new))
    assert result.exit_code == 2
    assert expected in result.output


def test_without_a_nonce_a_timestamp_header_is_still_required(tmp_path: Path):
    text = variant().replace("    nonce: {kind: milliseconds, param: nonce}\n", "")
    result = _validate(tmp_path, text.replace('of: "{nonce}{body}"', 'of: "{body}"'))
    assert result.exit_code == 2
    assert "no header sends {timestamp}" in result.output


def test_the_nonce_must_reach_the_exchange(tmp_path: Path):
    text = variant().replace("param: nonce}", "start: 1}").replace('of: "{nonce}{body}"', 'of: "{body}"')
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "auth.rest.nonce: the nonce is neither signed" in result.output


def _auth_module(connector: Path):
    path = connector / "hummingbot/connector/exchange/okx/okx_auth.py"
    module_spec = importlib.util.spec_from_file_location("kraken_recipe_auth", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def test_generated_auth_signs_krakens_documented_example(kraken_recipe: Path):
    from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest

    auth_class = _auth_module(kraken_recipe).OkxAuth
    auth = auth_class(api_key="key", secret_key=DOCUMENTED_SECRET, passphrase="", time_provider=MagicMock())
    request = RESTRequest(
        method=RESTMethod.POST,
        url="https://api.kraken.com/0/private/AddOrder",
        data=json.dumps(DOCUMENTED_ORDER),
        is_auth_required=True,
    )
    with patch.object(auth_class, "get_tracking_nonce", return_value=DOCUMENTED_NONCE):
        signed = asyncio.run(auth.rest_authenticate(request))
    # The form body travels as its parameters (aiohttp encodes them): in the order signed.
    assert urlencode(signed.data) == DOCUMENTED_BODY
    assert signed.headers["API-Sign"] == DOCUMENTED_SIGNATURE
    assert signed.headers["API-Key"] == "key"


def test_milliseconds_nonces_follow_the_clock_and_never_repeat(kraken_recipe: Path):
    clock = MagicMock()
    clock.time.return_value = 1616492376.594
    auth = _auth_module(kraken_recipe).OkxAuth(api_key="k", secret_key="", passphrase="", time_provider=clock)
    assert [auth.get_tracking_nonce() for _ in range(3)] == ["1616492376594", "1616492376595", "1616492376596"]


def _verifier(kind: str, tmp_path: Path) -> Verifier:
    spec_path = tmp_path / "okx.yaml"
    spec_path.write_text(variant(kind))
    spec = load_spec(spec_path)
    return Verifier(spec, {"api_key": "key", "secret_key": DOCUMENTED_SECRET, "passphrase": ""})


def _documented_request(nonce: str = DOCUMENTED_NONCE, signature: str = DOCUMENTED_SIGNATURE) -> SignedRequest:
    body = DOCUMENTED_BODY.replace(DOCUMENTED_NONCE, nonce)
    return SignedRequest("POST", "/0/private/AddOrder", "", body, {"API-Key": "key", "API-Sign": signature})


def test_sandbox_checks_krakens_recipe(tmp_path: Path):
    verifier = _verifier("counter", tmp_path)
    assert verifier.check_rest(_documented_request()) is None
    # A replayed nonce, then a signature over another body, are refused, saying why.
    assert "was used before" in verifier.check_rest(_documented_request())
    refusal = verifier.check_rest(_documented_request(nonce="1616492376595"))
    assert "is not the HMAC-SHA512 base64 keyed by the base64-decoded secret_key" in refusal


def test_sandbox_refuses_stale_milliseconds_and_malformed_uuids(tmp_path: Path):
    assert "nonce '1616492376594' is more than 30s away" in _verifier("milliseconds", tmp_path).check_rest(
        _documented_request()
    )
    assert "is not a uuid" in _verifier("uuid", tmp_path).check_rest(_documented_request())


@pytest.mark.timeout(600)
def test_kraken_recipe_passes_the_auth_and_exchange_suites(kraken_recipe: Path):
    auth_test = (kraken_recipe / "test/hummingbot/connector/exchange/okx/test_okx_auth.py").read_text()
    assert "base64.b64decode(self.secret_key)" in auth_test
    assert '{"nonce": "1640000000250", "symbol": "COINALPHAHBOT"' in auth_test
    exchange = (kraken_recipe / "hummingbot/connector/exchange/okx/okx_exchange.py").read_text()
    assert 'account_info = await self._api_post(\n            path_url=CONSTANTS.OKX_BALANCE_PATH,\n            data={"ccy": "BTC"}' in exchange
    assert run_suite(kraken_recipe, ["-q", "-k", "auth or exchange", "-p", "no:warnings"]) == 0


@pytest.mark.timeout(600)
def test_kraken_recipe_passes_its_market_tests_against_the_sandbox(kraken_recipe: Path):
    from scaffolder.sandbox.market_test import run_against_sandbox

    spec = load_spec(kraken_recipe.parent.parent / "specs" / "okx.yaml")
    assert run_against_sandbox(spec, kraken_recipe, ["-q", "-p", "no:warnings"]) == 0


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kind, nonce", [("counter", '"1"'), ("uuid", "3b241101-e2bb-4255-8caf-4136c566a962")])
def test_counter_and_uuid_nonces_pass_the_auth_suite(tmp_path: Path, kind: str, nonce: str):
    connector = generate(tmp_path, kind)
    auth = (connector / "hummingbot/connector/exchange/okx/okx_auth.py").read_text()
    assert {"counter": "str(next(self._nonces))", "uuid": "str(uuid.uuid4())"}[kind] in auth
    assert nonce in (connector / "test/hummingbot/connector/exchange/okx/test_okx_auth.py").read_text()
    assert run_suite(connector, ["-q", "-k", "auth", "-p", "no:warnings"]) == 0
