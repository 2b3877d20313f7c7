"""Listen key options (`auth.private_ws.listen_key`): `headers` (the key requests go unsigned, with the API key
header only: Binance's POST/PUT /api/v3/userDataStream carry X-MBX-APIKEY and no signature), `keepalive_path` (the
keep-alive carries the key in its path, PUT /listenKey/{listen_key}, instead of a parameter) and `url` (the key
requests go to their own host rather than the private REST URL).

No shipped spec uses a listen key. Here: the Binance listen key variant of test_private_ws_schemes, with the three
options, passes its generated user stream and auth tests against Hummingbot (which check the URLs, the path carrying
the key, the headers and the absence of a signature); contradictions are refused with positions. The loopback
exchange has no listen key endpoint: market tests do not cover listen keys.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, validate
from test_private_ws_schemes import listen_key_variant

from scaffolder.testing.runner import run_suite

DEFAULT = "    listen_key: {endpoint: user_stream, key: listenKey, param: listenKey, keepalive_interval: 1800}\n"
OPTIONS = """    listen_key:
      endpoint: user_stream
      key: listenKey
      keepalive_path: "/userDataStream/{listen_key}"
      keepalive_interval: 1800
      url: https://stream-api.binance.com/api/v3
      headers: {X-MBX-APIKEY: "{api_key}"}
"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def with_options(binance: str, options: str = OPTIONS) -> str:
    return _replace(listen_key_variant(binance), DEFAULT, options)


def test_the_key_requests_go_unsigned_to_their_host_with_the_key_in_the_path(tmp_path: Path, binance_spec_text: str):
    connector = generate_variant(tmp_path, "binance", with_options(binance_spec_text))
    package = connector / "hummingbot/connector/exchange/binance"
    constants = (package / "binance_constants.py").read_text()
    assert 'LISTEN_KEY_URL = "https://stream-api.binance.com/api/v3"' in constants
    assert 'LISTEN_KEY_KEEPALIVE_PATH_URL = "/userDataStream/{listen_key}"' in constants
    source = (package / "binance_api_user_stream_data_source.py").read_text()
    assert "url=CONSTANTS.LISTEN_KEY_URL + CONSTANTS.USER_STREAM_PATH_URL," in source
    assert "keepalive_path = CONSTANTS.LISTEN_KEY_KEEPALIVE_PATH_URL.format(listen_key=self._listen_key)" in source
    assert "url=CONSTANTS.LISTEN_KEY_URL + keepalive_path," in source
    assert source.count('headers={"X-MBX-APIKEY": self._auth.api_key},') == 2
    assert "is_auth_required=True" not in source and "params={" not in source


@pytest.mark.parametrize(
    "options, expected",
    [
        (OPTIONS.replace('      keepalive_path: "/userDataStream/{listen_key}"\n', ""),
         "auth.private_ws.listen_key: give exactly one of param and keepalive_path"),
        (OPTIONS.replace("      keepalive_interval", "      param: listenKey\n      keepalive_interval"),
         "auth.private_ws.listen_key: give exactly one of param and keepalive_path"),
        (OPTIONS.replace('"/userDataStream/{listen_key}"', '"/userDataStream"'),
         "auth.private_ws.listen_key.keepalive_path: a path starting with /, holding {listen_key} once"),
        (OPTIONS.replace("https://stream-api.binance.com/api/v3", "stream-api.binance.{domain}"),
         "auth.private_ws.listen_key.url: an http(s) URL without placeholders"),
        (OPTIONS.replace('"{api_key}"', '"{api_token}"'), "auth.private_ws.listen_key.headers.X-MBX-APIKEY:"),
    ],
)
def test_contradictory_listen_key_options_are_refused(tmp_path: Path, binance_spec_text: str, options, expected):
    assert validate(tmp_path, "binance", with_options(binance_spec_text)).exit_code == 0
    result = validate(tmp_path, "binance", with_options(binance_spec_text, options))
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.timeout(300)
def test_listen_key_options_pass_the_user_stream_and_auth_suites(tmp_path: Path, binance_spec_text: str):
    connector = generate_variant(tmp_path, "binance", with_options(binance_spec_text))
    assert run_suite(connector, [*QUIET, "-k", "user_stream or auth"]) == 0
