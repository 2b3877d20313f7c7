"""`auth.rest.params_in: query`, an hmac_params `auth.rest.message` and `auth.rest.timestamp.unit: iso_seconds`:
HTX's recipe. HTX signs "METHOD\\nhost\\npath\\nsorted query" (AccessKeyId, SignatureMethod, SignatureVersion,
Timestamp written 2017-05-11T15:19:30, and the request's own query parameters, in key order), sends the signature
as `Signature` in the query, and sends those parameters in the query of a POST too, whose JSON body is not signed.

No shipped spec needs it; here Binance's spec with HTX's recipe runs its generated suite (the auth test writes out
both messages, the POST's signing only the auth parameters, and expects its body untouched) and its market tests (the
loopback exchange verifies the message with the Host header it received) against Hummingbot, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

BINANCE_RECIPE = """    encoding: hex
    secret: secret_key
    timestamp: {param: timestamp, unit: ms}
    signature_param: signature
"""
HTX_RECIPE = """    encoding: base64
    secret: secret_key
    timestamp: {param: Timestamp, unit: iso_seconds}
    signature_param: Signature
    params: {AccessKeyId: "{api_key}", SignatureMethod: HmacSHA256, SignatureVersion: "2"}
    params_in: query
    sort_query: true
    message: "{method}\\n{host}\\n{path}\\n{params}"
    body: json
"""


def _variant(recipe: str = HTX_RECIPE) -> str:
    text = shipped("binance")
    assert text.count(BINANCE_RECIPE) == 1
    return text.replace(BINANCE_RECIPE, recipe)


@pytest.mark.timeout(900)
def test_binance_signing_as_htx_does(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", _variant())
    auth = (connector / "hummingbot/connector/exchange/binance/binance_auth.py").read_text()
    assert "        request.params = self.add_auth_to_params(params=request.params, request=request)\n" in auth
    assert "        request_params = dict(sorted(request_params.items()))\n" in auth
    assert "            + urlparse(request.url).netloc\n" in auth
    tests = (connector / "test/hummingbot/connector/exchange/binance/test_binance_auth.py").read_text()
    assert "async def test_rest_authenticate_signs_the_query_of_post_requests_and_sends_their_body_as_it_is" in tests
    post_message = (
        '"POST\\napi.binance.com:8443\\n/api/v3/account\\n'
        'AccessKeyId=testApiKey&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2021-12-20T11%3A33%3A20"'
    )
    assert post_message in tests
    assert passes_suite_and_market_tests(connector)


@pytest.mark.parametrize(
    "recipe, expected",
    [
        (
            HTX_RECIPE.replace("    body: json\n", ""),
            "auth.rest.params_in: params_in: query sends a POST body as it is (JSON): use body: json",
        ),
        (
            HTX_RECIPE.replace("\\n{params}", ""),
            "auth.rest.message: the message must sign the parameters: write {params} in it",
        ),
        (
            HTX_RECIPE.replace("{host}", "{timestamp}"),
            "auth.rest.message: unknown placeholder {timestamp}",
        ),
        (
            HTX_RECIPE.replace('"{method}\\n{host}\\n{path}\\n{params}"', '["{method}", "{params}"]'),
            "auth.rest.message: hmac_params signs one template: write the message as one text",
        ),
    ],
)
def test_a_recipe_that_signs_no_parameters_or_cannot_send_them_is_refused(tmp_path: Path, recipe: str, expected: str):
    assert_refused(tmp_path, "binance", _variant(recipe), expected)


def test_params_in_is_refused_where_no_parameter_is_signed(tmp_path: Path):
    text = shipped("gate_io").replace("    body: json\n", "    body: json\n    params_in: query\n", 1)
    expected = "auth.rest.params_in: hmac_headers sends no signed parameters: params_in is for hmac_params"
    assert_refused(tmp_path, "gate_io", text, expected)
