"""Asymmetric and decoded-key signing (`auth.rest.algorithm: ed25519`, `auth.rest.secret_encoding`, `message` lists,
`{sorted_params}`, `sign_only_params`), checked against published vectors rather than against hbgen's own output:

- RFC 8032 section 7.1 (Ed25519 test vectors 1 and 2): key, message and signature;
- RFC 4231 test case 2 (HMAC-SHA256 with the key "Jefe"), its key given as base64 and as hex;
- Backpack's documented instruction string for a cancel request (docs.backpack.exchange, "Signing requests"):
  `{"orderId": 28, "symbol": "BTC_USDT"}` signs `instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=
  1614550000000&window=5000`.

The generated Backpack auth (generated/backpack) and the loopback exchange's verifier are the code under test.
"""

import asyncio
import base64
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from typer.testing import CliRunner

from scaffolder import keys
from scaffolder.cli import app
from scaffolder.sandbox.signing import SignedRequest, Verifier, joined_message, sorted_params
from scaffolder.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
AUTH_MODULE = ROOT / "generated/backpack/hummingbot/connector/exchange/backpack/backpack_auth.py"

# RFC 8032, 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72).
RFC8032_SECRET_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC8032_PUBLIC_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
RFC8032_SIGNATURE_1 = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
    "655141438e7a100b"
)
RFC8032_SECRET_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
RFC8032_SIGNATURE_2 = (
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aee"
    "b00d291612bb0c00"
)
# RFC 4231, test case 2: HMAC-SHA-256 of "what do ya want for nothing?" keyed with "Jefe".
RFC4231_KEY = b"Jefe"
RFC4231_DATA = "what do ya want for nothing?"
RFC4231_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
# Backpack's documented example of a signed cancel request.
BACKPACK_CANCEL_BODY = {"orderId": 28, "symbol": "BTC_USDT"}
BACKPACK_CANCEL_SIGNED = "instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000"


def b64(hex_text: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_text)).decode()


def backpack_auth_class():
    spec = importlib.util.spec_from_file_location("generated_backpack_auth", AUTH_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BackpackAuth


def clock(seconds: float):
    return SimpleNamespace(time=lambda: seconds)


def test_generated_ed25519_signature_is_rfc8032s():
    auth = backpack_auth_class()(api_key=b64(RFC8032_PUBLIC_1), secret_key=b64(RFC8032_SECRET_2), time_provider=None)

    assert base64.b64decode(auth._generate_signature("r")).hex() == RFC8032_SIGNATURE_2
    auth.secret_key = b64(RFC8032_SECRET_1)
    assert base64.b64decode(auth._generate_signature("")).hex() == RFC8032_SIGNATURE_1


def test_generated_auth_signs_backpacks_documented_instruction_string():
    from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest

    auth = backpack_auth_class()(
        api_key=b64(RFC8032_PUBLIC_1), secret_key=b64(RFC8032_SECRET_1), time_provider=clock(1614550000.0)
    )
    body = dict(BACKPACK_CANCEL_BODY, instruction="orderCancel")
    request = RESTRequest(method=RESTMethod.DELETE, url="https://api.backpack.exchange/api/v1/order",
                          data=json.dumps(body), is_auth_required=True)

    signed = asyncio.run(auth.rest_authenticate(request))

    public_key = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(RFC8032_PUBLIC_1))
    public_key.verify(base64.b64decode(signed.headers["X-Signature"]), BACKPACK_CANCEL_SIGNED.encode())
    with pytest.raises(InvalidSignature):
        public_key.verify(base64.b64decode(signed.headers["X-Signature"]), BACKPACK_CANCEL_SIGNED.encode() + b"0")
    # The instruction is signed, not sent.
    assert json.loads(signed.data) == BACKPACK_CANCEL_BODY
    assert signed.headers["X-Timestamp"] == "1614550000000" and signed.headers["X-Window"] == "5000"


def test_decoded_hmac_keys_give_rfc4231s_digest():
    for encoding, secret in (("base64", base64.b64encode(RFC4231_KEY).decode()), ("hex", RFC4231_KEY.hex()),
                             ("text", RFC4231_KEY.decode())):
        assert keys.hmac_signature(secret, encoding, RFC4231_DATA, "sha256", "hex") == RFC4231_SHA256, encoding


def test_sandbox_verifies_ed25519_with_the_public_key_only():
    public_key = keys.ed25519_public_key(b64(RFC8032_SECRET_1), "base64")
    signature = base64.b64encode(bytes.fromhex(RFC8032_SIGNATURE_1)).decode()

    assert keys.ed25519_verifies(public_key, signature, "", "base64")
    assert not keys.ed25519_verifies(public_key, signature, "x", "base64")
    assert not keys.ed25519_verifies(public_key, "not base64!", "", "base64")


def test_sandbox_rebuilds_the_documented_instruction_string():
    rest = load_spec(ROOT / "specs" / "backpack.yaml").auth.rest
    values = {"timestamp": "1614550000000", "recv_window": "5000", "instruction": "orderCancel",
              "sorted_params": sorted_params("", json.dumps(BACKPACK_CANCEL_BODY))}

    assert joined_message(rest, values) == BACKPACK_CANCEL_SIGNED
    # Without parameters nor instruction, their parts are left out (no empty "&&").
    assert joined_message(rest, dict(values, sorted_params="", instruction="")) == "timestamp=1614550000000&window=5000"
    assert sorted_params("", json.dumps({"symbol": "SOL_USDC", "postOnly": True})) == "postOnly=true&symbol=SOL_USDC"


def test_sandbox_refuses_a_request_signed_by_another_key_or_sending_the_instruction():
    spec = load_spec(ROOT / "specs" / "backpack.yaml")
    credentials = {"api_key": b64(RFC8032_PUBLIC_1), "secret_key": b64(RFC8032_SECRET_1)}
    verifier = Verifier(spec, credentials)
    auth_class = backpack_auth_class()
    from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest
    import time

    def signed_request(secret: str, body: dict) -> SignedRequest:
        auth = auth_class(api_key=credentials["api_key"], secret_key=secret, time_provider=clock(time.time()))
        request = RESTRequest(method=RESTMethod.DELETE, url="https://api.backpack.exchange/api/v1/order",
                              data=json.dumps(body), is_auth_required=True)
        signed = asyncio.run(auth.rest_authenticate(request))
        return SignedRequest("DELETE", "/api/v1/order", "", signed.data, signed.headers)

    body = dict(BACKPACK_CANCEL_BODY, instruction="orderCancel")
    assert verifier.check_rest(signed_request(credentials["secret_key"], body), {"instruction": "orderCancel"}) is None
    # Signed for another instruction than the spec gives the request.
    assert "not the Ed25519" in verifier.check_rest(
        signed_request(credentials["secret_key"], dict(body, instruction="orderExecute")), {"instruction": "orderCancel"}
    )
    # Signed with another keypair.
    assert "not the Ed25519" in verifier.check_rest(
        signed_request(b64(RFC8032_SECRET_2), body), {"instruction": "orderCancel"}
    )
    # The instruction sent in the body.
    sent = signed_request(credentials["secret_key"], body)
    sent.body = json.dumps(body)
    assert "signed, not sent" in verifier.check_rest(sent, {"instruction": "orderCancel"})


@pytest.mark.parametrize(
    "edit, field",
    [
        (("    secret_encoding: base64\n", ""), "auth.rest.secret_encoding"),
        (('    message_separator: "&"\n', ""), None),
        (("sign_only_params: [instruction]", "sign_only_params: [instruction, timestamp]"), "sign_only_params[1]"),
        (("    body: json\n", "    body: form\n"), "auth.rest.sign_only_params"),
        (('  asset: "[0]"\n', '  asset: asset\n'), "balances.asset"),
    ],
)
def test_misused_signing_options_are_refused(tmp_path: Path, edit, field):
    text = (ROOT / "specs" / "backpack.yaml").read_text()
    assert text.count(edit[0]) == 1
    spec = tmp_path / "backpack.yaml"
    spec.write_text(text.replace(edit[0], edit[1]))
    result = CliRunner().invoke(app, ["validate", str(spec)])
    if field is None:
        # Without the separator the parts are joined with "": valid, though not Backpack's recipe.
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2, result.output
        assert field in result.output
