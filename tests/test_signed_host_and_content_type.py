"""`{host}` and `{content_type}` in `auth.rest.message` (hmac_headers): the URL's host[:port] and the Content-Type a
request with a body is sent with ("" without a body). HTX signs "{method}\\n{host}\\n{path}\\n{query}"; Bitstamp
signs its host and, for a request with a body, its content type.

No shipped spec needs them; here Gate.io's recipe with both added runs its generated suite (the auth tests write
the expected messages out: "api.gateio.ws", "application/json" for the POST, "" for the GET) and its market tests
(the loopback exchange signs with the Host header it received) against Hummingbot, and a typo is refused.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, passes_suite_and_market_tests, shipped, validate

GATE_MESSAGE = '    message: "{method}\\n{path}\\n{query}\\n{body_hash}\\n{timestamp}"\n'
WITH_HOST = '    message: "{method}\\n{host}\\n{path}\\n{query}\\n{content_type}\\n{body_hash}\\n{timestamp}"\n'


def _variant(message: str) -> str:
    text = shipped("gate_io")
    assert text.count(GATE_MESSAGE) == 1
    return text.replace(GATE_MESSAGE, message)


@pytest.mark.timeout(900)
def test_gate_io_signing_its_host_and_content_type(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", _variant(WITH_HOST))
    auth = (connector / "hummingbot/connector/exchange/gate_io/gate_io_auth.py").read_text()
    assert "        host = urlparse(request.url).netloc\n" in auth
    assert '        content_type = "application/json" if request.data is not None else ""\n' in auth
    tests = (connector / "test/hummingbot/connector/exchange/gate_io/test_gate_io_auth.py").read_text()
    assert '"POST\\napi.gateio.ws:8443\\n/api/v4/spot/accounts\\n\\napplication/json\\n"' in tests
    assert passes_suite_and_market_tests(connector)


def test_an_unknown_request_placeholder_is_refused(tmp_path: Path):
    result = validate(tmp_path, "gate_io", _variant(WITH_HOST.replace("{content_type}", "{contenttype}")))
    assert result.exit_code == 2, result.output
    assert "auth.rest.message: unknown placeholder {contenttype}" in result.output, result.output
    assert "did you mean {content_type}?" in result.output
