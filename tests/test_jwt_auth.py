"""`auth.rest.scheme: jwt`: a JSON Web Token per request, signed with the private key of the API key, as Coinbase
Advanced Trade's API key authentication (CDP keys) asks.

Coinbase's documentation ("Advanced Trade API / API Key Authentication", and its Python SDK's `jwt_generator`):
each REST request carries `Authorization: Bearer <JWT>`, the JWT signed ES256 with the EC private key (PEM) of the
key; header {alg: ES256, kid: <key name>, nonce: <random hex>, typ: JWT}; claims {sub: <key name>, iss: "cdp",
nbf: now, exp: now + 120, uri: "<METHOD> <host><path>"}, e.g. uri "GET api.coinbase.com/api/v3/brokerage/accounts".
The expectations below are written from that text by hand; the keys are made here with `cryptography`, not by hbgen.

The variant is KuCoin's spec with its `auth.rest` replaced by that recipe (and its passphrase no longer HMAC-signed):
its generated auth is called on Coinbase's documented request, its suite runs against Hummingbot, and its market
tests against the loopback exchange, which verifies each token with the public key only.
"""

import asyncio
import importlib.util
import json
import re
from pathlib import Path
from unittest.mock import MagicMock

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.sandbox.signing import SignedRequest, Verifier
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

KUCOIN_REST_AUTH_START = "    scheme: hmac_headers\n"
KUCOIN_REST_AUTH_END = '      message: "{timestamp}{partner_id}{api_key}"\n'
COINBASE_REST_AUTH = """    scheme: jwt
    secret: secret_key
    body: json
    jwt:
      algorithm: ALGORITHM
      header: {kid: "{api_key}", nonce: "{nonce}"}
      claims: {sub: "{api_key}", iss: cdp, nbf: "{timestamp}", exp: "{expires}", uri: "{method} {host}{path}"}
      lifetime: 120
    headers:
      Authorization: "Bearer {token}"
"""
# Coinbase's documented shapes: a CDP key name, and the request its docs sign.
KEY_NAME = "organizations/0f4a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b/apiKeys/7d8e9f0a-1b2c-3d4e-5f6a-7b8c9d0e1f2a"
DOCUMENTED_URL = "https://api.coinbase.com/api/v3/brokerage/accounts"
DOCUMENTED_URI = "GET api.coinbase.com/api/v3/brokerage/accounts"
NOW = 1700000000


def variant(algorithm: str = "ES256", rest_auth: str = COINBASE_REST_AUTH) -> str:
    text = shipped("kucoin")
    start = text.index(KUCOIN_REST_AUTH_START)
    end = text.index(KUCOIN_REST_AUTH_END) + len(KUCOIN_REST_AUTH_END)
    assert text.count("    signed: true\n") == 1
    text = text[:start] + rest_auth.replace("ALGORITHM", algorithm) + text[end:]
    return text.replace("    signed: true\n", "")


@pytest.fixture(scope="module")
def coinbase_recipe(tmp_path_factory) -> Path:
    return generate_variant(tmp_path_factory.mktemp("jwt"), "kucoin", variant())


def ec_key_pem(curve=ec.SECP256R1) -> str:
    """An EC private key in SEC1 PEM, as Coinbase hands them out ("-----BEGIN EC PRIVATE KEY-----")."""
    key = ec.generate_private_key(curve())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()


def public_key(pem: str):
    return serialization.load_pem_private_key(pem.encode(), password=None).public_key()


def auth_class(connector: Path):
    path = connector / "hummingbot/connector/exchange/kucoin/kucoin_auth.py"
    module_spec = importlib.util.spec_from_file_location(f"jwt_recipe_auth_{connector.parent.parent.name}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.KucoinAuth


def authenticate(connector: Path, secret: str, method: str = "GET", url: str = DOCUMENTED_URL, now: float = NOW + 0.75):
    from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest

    clock = MagicMock()
    clock.time.return_value = now
    auth = auth_class(connector)(api_key=KEY_NAME, passphrase="", secret_key=secret, time_provider=clock)
    data = json.dumps({"product_id": "BTC-USD"}) if method == "POST" else None
    request = RESTRequest(method=RESTMethod[method], url=url, data=data, is_auth_required=True)
    return asyncio.run(auth.rest_authenticate(request))


def bearer_token(headers) -> str:
    assert headers["Authorization"].startswith("Bearer ")
    return headers["Authorization"][len("Bearer "):]


def test_generated_auth_sends_coinbases_documented_jwt(coinbase_recipe: Path):
    pem = ec_key_pem()
    signed = authenticate(coinbase_recipe, pem)

    token = bearer_token(signed.headers)
    claims = jwt.decode(token, public_key(pem), algorithms=["ES256"], options={"verify_exp": False})
    header = jwt.get_unverified_header(token)
    nonce = header.pop("nonce")
    assert header == {"alg": "ES256", "kid": KEY_NAME, "typ": "JWT"}
    assert re.fullmatch("[0-9a-f]{64}", nonce), nonce
    assert claims == {"sub": KEY_NAME, "iss": "cdp", "nbf": NOW, "exp": NOW + 120, "uri": DOCUMENTED_URI}
    # Parameters and body are sent as they are; only the Authorization header is added.
    assert set(signed.headers) == {"Authorization"} and signed.params is None and signed.data is None


def test_each_token_is_signed_by_the_key_and_has_its_own_nonce(coinbase_recipe: Path):
    pem = ec_key_pem()
    first = bearer_token(authenticate(coinbase_recipe, pem, "POST").headers)
    second = bearer_token(authenticate(coinbase_recipe, pem, "POST").headers)

    assert jwt.get_unverified_header(first)["nonce"] != jwt.get_unverified_header(second)["nonce"]
    claims = jwt.decode(first, public_key(pem), algorithms=["ES256"], options={"verify_exp": False})
    assert claims["uri"] == "POST api.coinbase.com/api/v3/brokerage/accounts"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(first, public_key(ec_key_pem()), algorithms=["ES256"], options={"verify_exp": False})


def test_a_key_with_escaped_newlines_signs_too(coinbase_recipe: Path):
    """Coinbase's downloaded key file writes the PEM's newlines as \\n in a JSON string; pasted as is, it works."""
    pem = ec_key_pem()
    token = bearer_token(authenticate(coinbase_recipe, pem.replace("\n", "\\n")).headers)

    assert jwt.decode(token, public_key(pem), algorithms=["ES256"], options={"verify_exp": False})["sub"] == KEY_NAME


def test_a_token_for_the_websocket_leaves_out_the_uri(coinbase_recipe: Path):
    pem = ec_key_pem()
    clock = MagicMock()
    clock.time.return_value = NOW
    auth = auth_class(coinbase_recipe)(api_key=KEY_NAME, passphrase="", secret_key=pem, time_provider=clock)

    claims = jwt.decode(auth.generate_jwt(), public_key(pem), algorithms=["ES256"], options={"verify_exp": False})

    assert claims == {"sub": KEY_NAME, "iss": "cdp", "nbf": NOW, "exp": NOW + 120}


@pytest.mark.parametrize("algorithm, key", [("ES384", "es384"), ("EdDSA", "ed25519")])
def test_other_algorithms_sign_with_their_keys(tmp_path: Path, algorithm: str, key: str):
    if key == "es384":
        pem = ec_key_pem(ec.SECP384R1)
    else:
        pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    connector = generate_variant(tmp_path, "kucoin", variant(algorithm))

    token = bearer_token(authenticate(connector, pem).headers)

    assert jwt.get_unverified_header(token)["alg"] == algorithm
    claims = jwt.decode(token, public_key(pem), algorithms=[algorithm], options={"verify_exp": False})
    assert claims["uri"] == DOCUMENTED_URI
    assert run_suite(connector, [*QUIET, "-k", "auth"]) == 0


def _verifier(tmp_path: Path, pem: str) -> Verifier:
    spec_path = tmp_path / "kucoin.yaml"
    spec_path.write_text(variant())
    return Verifier(load_spec(spec_path), {"api_key": KEY_NAME, "passphrase": "", "secret_key": pem})


def _sandbox_request(connector: Path, secret: str, method: str = "GET") -> SignedRequest:
    """A request as the loopback exchange receives it, signed by the generated auth with the live clock."""
    import time

    signed = authenticate(connector, secret, method, "http://127.0.0.1:8000/api/v1/accounts", time.time())
    return SignedRequest(method, "/api/v1/accounts", "", signed.data or "", dict(signed.headers, Host="127.0.0.1:8000"))


def test_sandbox_verifies_the_token_with_the_public_key(coinbase_recipe: Path, tmp_path: Path):
    pem = ec_key_pem()
    verifier = _verifier(tmp_path, pem)

    request = _sandbox_request(coinbase_recipe, pem)
    assert verifier.check_rest(request) is None
    # The same token again: its nonce was used.
    assert "was used before" in verifier.check_rest(request)
    # Signed by another key.
    assert "not a ES256 JWT signed by the keypair of secret_key" in verifier.check_rest(
        _sandbox_request(coinbase_recipe, ec_key_pem())
    )
    # Made for another request: the uri claim names GET, the request is a POST.
    wrong = _sandbox_request(coinbase_recipe, pem)
    wrong.method = "POST"
    assert "'uri': 'POST 127.0.0.1:8000/api/v1/accounts'" in verifier.check_rest(wrong)
    # Without the Bearer prefix.
    bare = _sandbox_request(coinbase_recipe, pem)
    bare.headers = dict(bare.headers, Authorization=bearer_token(bare.headers))
    assert "around the token" in verifier.check_rest(bare)


@pytest.mark.timeout(600)
def test_coinbase_recipe_passes_the_auth_and_exchange_suites(coinbase_recipe: Path):
    auth_test = (coinbase_recipe / "test/hummingbot/connector/exchange/kucoin/test_kucoin_auth.py").read_text()
    assert "private_key.public_key()" in auth_test and '"uri": "GET api.kucoin.com/api/v1/accounts"' in auth_test
    assert run_suite(coinbase_recipe, [*QUIET, "-k", "auth or exchange"]) == 0


@pytest.mark.timeout(600)
def test_coinbase_recipe_passes_its_market_tests_against_the_sandbox(coinbase_recipe: Path):
    from scaffolder.sandbox.market_test import run_against_sandbox

    spec = load_spec(coinbase_recipe.parent.parent / "specs" / "kucoin.yaml")
    assert run_against_sandbox(spec, coinbase_recipe, QUIET) == 0


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('Authorization: "Bearer {token}"', 'Authorization: "Bearer {signature}"', "auth.rest.headers.Authorization"),
        ('Authorization: "Bearer {token}"', 'KC-API-KEY: "{api_key}"', "no header sends {token}"),
        ('uri: "{method} {host}{path}"', 'uri: "{method} {host}{request_path}"', "auth.rest.jwt.claims.uri"),
        ('header: {kid: "{api_key}"', 'header: {alg: HS256, kid: "{api_key}"', "auth.rest.jwt.header.alg"),
        ("    secret: secret_key\n    body: json\n", "    secret: secret_key\n    body: json\n    message: x\n",
         "auth.rest.message: jwt signs a token"),
        ("algorithm: ES256", "algorithm: HS256", "auth.rest.jwt.algorithm"),
        ("scheme: jwt", "scheme: hmac_headers", "auth.rest.jwt: jwt describes the token of scheme: jwt"),
        ('nonce: "{nonce}"}', 'nonce: "{nonce}", key: "{secret_key}"}', "auth.rest.secret: the private key signs"),
    ],
)
def test_misused_jwt_options_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = variant()
    assert text.count(old) == 1
    result = validate(tmp_path, "kucoin", text.replace(old, new))
    assert result.exit_code == 2, result.output
    assert expected in result.output


def test_an_hmac_signed_credential_is_refused(tmp_path: Path):
    text = variant().replace("  - name: passphrase\n", "  - name: passphrase\n    signed: true\n", 1)
    result = validate(tmp_path, "kucoin", text)
    assert result.exit_code == 2 and "jwt signs no credential with an HMAC" in result.output


def test_the_recipe_is_valid(tmp_path: Path):
    result = validate(tmp_path, "kucoin", variant())
    assert result.exit_code == 0, result.output


def test_generated_python_is_black_stable_and_pyflakes_clean(coinbase_recipe: Path):
    import io

    import black
    import pyflakes.api
    import pyflakes.reporter

    from scaffolder.formatting import LINE_LENGTH

    findings = []
    for path in sorted(coinbase_recipe.rglob("*.py")):
        content = path.read_text()
        assert black.format_str(content, mode=black.Mode(line_length=LINE_LENGTH)) == content, path
        output = io.StringIO()
        pyflakes.api.check(content, str(path), pyflakes.reporter.Reporter(output, output))
        findings += output.getvalue().splitlines()
    assert findings == []


# The websocket: Coinbase's user channel sends the token in each subscribe message ({"type": "subscribe", "channel":
# "user", "jwt": "<token>"}), a token made without a request: no uri claim. The variant is Gate.io's spec (each
# private subscription authenticated) with Coinbase's REST recipe and {jwt} in its subscriptions.
GATE_REST_AUTH_START = "    scheme: hmac_headers\n"
GATE_REST_AUTH_END = "      id: hummingbot\n"
GATE_SUBSCRIPTION_AUTH = """    signature: {payload: "channel={channel}&event={event}&time={time}", algorithm: sha512, encoding: hex}
    subscription_auth:
      key: auth
      value: {method: api_key, KEY: "{api_key}", SIGN: "{signature}"}
"""
JWT_SUBSCRIPTION_AUTH = """    subscription_auth:
      key: jwt
      value: "{jwt}"
"""


def ws_variant() -> str:
    text = shipped("gate_io")
    start = text.index(GATE_REST_AUTH_START)
    end = text.index(GATE_REST_AUTH_END) + len(GATE_REST_AUTH_END)
    text = text[:start] + COINBASE_REST_AUTH.replace("ALGORITHM", "ES256") + text[end:]
    assert text.count(GATE_SUBSCRIPTION_AUTH) == 1
    return text.replace(GATE_SUBSCRIPTION_AUTH, JWT_SUBSCRIPTION_AUTH)


@pytest.fixture(scope="module")
def ws_recipe(tmp_path_factory) -> Path:
    return generate_variant(tmp_path_factory.mktemp("jwt_ws"), "gate_io", ws_variant())


def test_subscriptions_carry_a_token_without_the_uri(ws_recipe: Path):
    from hummingbot.core.web_assistant.connections.data_types import WSJSONRequest

    path = ws_recipe / "hummingbot/connector/exchange/gate_io/gate_io_auth.py"
    module_spec = importlib.util.spec_from_file_location("jwt_ws_recipe_auth", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    pem = ec_key_pem()
    clock = MagicMock()
    clock.time.return_value = NOW
    auth = module.GateIoAuth(api_key=KEY_NAME, secret_key=pem, time_provider=clock)
    message = {"time": NOW, "channel": "spot.orders", "event": "subscribe", "payload": ["BTC_USDT"]}

    sent = asyncio.run(auth.ws_authenticate(WSJSONRequest(payload=dict(message), is_auth_required=True))).payload

    token = sent.pop("jwt")
    assert sent == message
    assert jwt.decode(token, public_key(pem), algorithms=["ES256"], options={"verify_exp": False}) == {
        "sub": KEY_NAME, "iss": "cdp", "nbf": NOW, "exp": NOW + 120
    }
    assert set(jwt.get_unverified_header(token)) == {"alg", "kid", "nonce", "typ"}


@pytest.mark.timeout(600)
def test_jwt_subscriptions_pass_the_suite_and_the_market_tests(ws_recipe: Path):
    from scaffolder.sandbox.market_test import run_against_sandbox

    user_stream_test = ws_recipe / "test/hummingbot/connector/exchange/gate_io/test_gate_io_api_user_stream_data_source.py"
    assert '"jwt": self.verified_jwt(sent_messages[0]["jwt"])' in user_stream_test.read_text()
    assert run_suite(ws_recipe, QUIET) == 0
    spec = load_spec(ws_recipe.parent.parent / "specs" / "gate_io.yaml")
    assert run_against_sandbox(spec, ws_recipe, QUIET) == 0


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('value: "{jwt}"', 'value: "Bearer {jwt}"', 'the token is the whole value: write value: "{jwt}"'),
        ('value: "{jwt}"', 'value: "{jwd}"', "did you mean {jwt}"),
        (JWT_SUBSCRIPTION_AUTH, GATE_SUBSCRIPTION_AUTH.replace('SIGN: "{signature}"', 'SIGN: "{jwt}"'),
         "the token is the whole value"),
        (JWT_SUBSCRIPTION_AUTH, 'JWT_SUBSCRIPTION_AUTH    signature: {payload: "channel={channel}"}\n',
         "auth.private_ws.signature: scheme signed_subscriptions does not use signature"),
    ],
)
def test_misused_jwt_subscriptions_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = ws_variant()
    assert text.count(old) == 1
    result = validate(tmp_path, "gate_io", text.replace(old, new.replace("JWT_SUBSCRIPTION_AUTH", old)))
    assert result.exit_code == 2, result.output
    assert expected in result.output


def test_jwt_subscriptions_need_the_jwt_scheme(tmp_path: Path):
    text = shipped("gate_io").replace(GATE_SUBSCRIPTION_AUTH, JWT_SUBSCRIPTION_AUTH)
    result = validate(tmp_path, "gate_io", text)
    assert result.exit_code == 2 and "unknown placeholder {jwt}" in result.output


def test_sandbox_verifies_a_websocket_token(tmp_path: Path):
    import time

    pem = ec_key_pem()
    spec_path = tmp_path / "gate_io.yaml"
    spec_path.write_text(ws_variant())
    verifier = Verifier(load_spec(spec_path), {"api_key": KEY_NAME, "secret_key": pem})

    def token(key: str, **claims) -> str:
        now = int(time.time())
        body = dict({"sub": KEY_NAME, "iss": "cdp", "nbf": now, "exp": now + 120}, **claims)
        nonce = "%064x" % time.perf_counter_ns()
        return jwt.encode(body, serialization.load_pem_private_key(key.encode(), None), "ES256",
                          headers={"kid": KEY_NAME, "nonce": nonce})

    assert verifier.check_jwt(token(pem)) is None
    assert "Signature verification failed" in verifier.check_jwt(token(ec_key_pem()))
    # A websocket token has no uri; one with a uri is not the recipe's.
    assert "the token's claims" in verifier.check_jwt(token(pem, uri=DOCUMENTED_URI))
    assert "the token's claims" in verifier.check_jwt(token(pem, iss="coinbase-cloud"))


def test_a_websocket_hmac_keyed_with_the_jwt_private_key_is_refused(tmp_path: Path):
    text = ws_variant().replace(JWT_SUBSCRIPTION_AUTH, GATE_SUBSCRIPTION_AUTH)
    result = validate(tmp_path, "gate_io", text)
    assert result.exit_code == 2
    assert "auth.private_ws.signature.secret: secret_key holds the private key of the JWTs" in result.output
