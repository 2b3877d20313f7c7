"""Hummingbot's names: credentials and config keys, constructor signatures, constant names, web_utils helpers, and
`hbgen test NAME --upstream DIR`, which runs a suite written against Hummingbot's own connector."""

import re
from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.upstream import run_upstream_suite

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "generated/{name}/hummingbot/connector/exchange/{name}"


def _generate(tmp_path: Path, name: str, text: str) -> Path:
    spec = tmp_path / "specs" / f"{name}.yaml"
    spec.parent.mkdir(exist_ok=True)
    spec.write_text(text)
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    return tmp_path / PACKAGE.format(name=name)


def _validate(tmp_path: Path, name: str, text: str) -> str:
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(text)
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 2, result.output
    return result.output


def _upstream_suite(tmp_path: Path, name: str, files: dict) -> Path:
    """A folder laid out as Hummingbot's repository: test/hummingbot/connector/exchange/NAME/<files>."""
    upstream = tmp_path / "upstream"
    suite = upstream / "test" / "hummingbot" / "connector" / "exchange" / name
    suite.mkdir(parents=True)
    for folder in (suite, *suite.relative_to(upstream).parents):
        if folder != Path("."):
            (upstream / folder / "__init__.py").touch()
    (upstream / "test" / "helper_module.py").write_text("HELPER = 'shared helper'\n")
    for file_name, source in files.items():
        (suite / file_name).write_text(dedent(source))
    return upstream


def test_credentials_take_config_key_for_the_exchange_and_name_for_the_auth(tmp_path: Path):
    text = (ROOT / "specs" / "binance.yaml").read_text()
    assert "  - name: secret_key\n    config_key: api_secret\n" in text
    package = _generate(tmp_path, "binance", text)
    exchange = (package / "binance_exchange.py").read_text()
    assert "        binance_api_secret: str,\n" in exchange
    assert "            secret_key=self.binance_api_secret,\n" in exchange
    assert "    binance_api_secret: SecretStr = Field(" in (package / "binance_utils.py").read_text()
    auth = (package / "binance_auth.py").read_text()
    assert "def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):" in auth

    # Without config_key, the config key follows the name.
    package = _generate(tmp_path, "binance", text.replace("    config_key: api_secret\n", ""))
    exchange = (package / "binance_exchange.py").read_text()
    assert "        binance_secret_key: str,\n" in exchange and "binance_api_secret" not in exchange


def test_constant_names_rename_the_constant_and_every_use(tmp_path: Path):
    text = (ROOT / "specs" / "okx.yaml").read_text()
    assert "constant_names:\n  HBOT_ORDER_ID_PREFIX: CLIENT_ID_PREFIX\n" in text
    text = text.replace("constant_names:\n", "constant_names:\n  USER_ORDER_EVENT_TYPE: ORDERS_CHANNEL\n")
    package = _generate(tmp_path, "okx", text)
    constants = (package / "okx_constants.py").read_text()
    assert 'CLIENT_ID_PREFIX = "93027a12dac34fBC"\n' in constants and "MAX_ID_LEN = 32\n" in constants
    assert 'ORDERS_CHANNEL = "orders"\n' in constants
    assert "HBOT_ORDER_ID_PREFIX" not in constants and "USER_ORDER_EVENT_TYPE" not in constants
    exchange = (package / "okx_exchange.py").read_text()
    assert "return CONSTANTS.CLIENT_ID_PREFIX\n" in exchange and "CONSTANTS.ORDERS_CHANNEL" in exchange
    generated = tmp_path / "generated" / "okx"
    assert "HBOT_ORDER_ID_PREFIX" not in "".join(path.read_text() for path in generated.rglob("*.py"))


def test_constant_names_errors_name_the_field(tmp_path: Path):
    text = (ROOT / "specs" / "okx.yaml").read_text()
    typo = text.replace("  MAX_ORDER_ID_LEN: MAX_ID_LEN\n", "  MAX_ORDER_ID_LENGTH: MAX_ID_LEN\n")
    output = _validate(tmp_path, "okx", typo)
    assert "constant_names.MAX_ORDER_ID_LENGTH: unknown constant" in output
    assert "did you mean 'MAX_ORDER_ID_LEN'?" in output
    clash = text.replace("  MAX_ORDER_ID_LEN: MAX_ID_LEN\n", "  MAX_ORDER_ID_LEN: OKX_BALANCE_PATH\n")
    assert "endpoints.balance.constant: OKX_BALANCE_PATH is also constant_names.MAX_ORDER_ID_LEN" in _validate(
        tmp_path, "okx", clash
    )
    fixed = text.replace("  MAX_ORDER_ID_LEN: MAX_ID_LEN\n", "  MAX_ORDER_ID_LEN: RATE_LIMITS\n")
    assert "constant_names.MAX_ORDER_ID_LEN: constant RATE_LIMITS is also" in _validate(tmp_path, "okx", fixed)
    lower = text.replace("  MAX_ORDER_ID_LEN: MAX_ID_LEN\n", "  MAX_ORDER_ID_LEN: max_id_len\n")
    assert "constant_names.MAX_ORDER_ID_LEN: expected an UPPER_CASE name" in _validate(tmp_path, "okx", lower)
    default_clash = text.replace("    constant: OKX_BALANCE_PATH\n", "    constant: REST_URL\n")
    assert "endpoints.balance.constant: REST_URL is also a constant hbgen writes" in _validate(
        tmp_path, "okx", default_clash
    )


def test_update_id_unit_keys_the_book_by_whole_seconds_and_the_snapshot_takes_its_own_time(tmp_path: Path):
    text = (ROOT / "specs" / "okx.yaml").read_text()
    assert text.count("update_id_unit: ms\n") == 3 and '    timestamp: {path: "data[0].ts", unit: ms}\n' in text
    book = (_generate(tmp_path, "okx", text) / "okx_order_book.py").read_text()
    assert book.count('"update_id": int(float(msg["data"][0]["ts"]) * 1e-3),') == 3
    rest_snapshot = book[: book.index("def snapshot_message_from_websocket")]
    assert 'timestamp=float(msg["data"][0]["ts"]) * 1e-3,' in rest_snapshot
    # Without them: the documented string id as an int, and the local time of the request.
    plain = re.sub(r"\n +update_id_unit: ms\n", "\n", text).replace('\n    timestamp: {path: "data[0].ts", unit: ms}\n', "\n")
    # (and without the snapshot's expected time, which a book timed on reception cannot declare)
    plain = plain.replace("\n      timestamp: 1629966436.396\n", "\n")
    book = (_generate(tmp_path, "okx", plain) / "okx_order_book.py").read_text()
    rest_snapshot = book[: book.index("def snapshot_message_from_websocket")]
    assert '"update_id": int(msg["data"][0]["ts"]),' in rest_snapshot and "timestamp=timestamp," in rest_snapshot


HUMMINGBOT_STYLE_TESTS = '''
    import unittest
    from decimal import Decimal

    from hummingbot.connector.exchange.okx import okx_constants as CONSTANTS, okx_web_utils as web_utils
    from hummingbot.connector.exchange.okx.okx_api_order_book_data_source import OkxAPIOrderBookDataSource
    from hummingbot.connector.exchange.okx.okx_api_user_stream_data_source import OkxAPIUserStreamDataSource
    from hummingbot.connector.exchange.okx.okx_auth import OkxAuth
    from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange
    from hummingbot.connector.time_synchronizer import TimeSynchronizer
    from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
    from hummingbot.core.data_type.common import OrderType
    from test.helper_module import HELPER


    class HummingbotNamesTests(unittest.TestCase):
        def test_exchange_takes_hummingbot_config_keys(self):
            exchange = OkxExchange(okx_api_key="k", okx_secret_key="s", okx_passphrase="p", trading_pairs=[])
            self.assertEqual("s", exchange.okx_secret_key)
            self.assertEqual("s", exchange.authenticator.secret_key)

        def test_auth_takes_hummingbot_argument_names(self):
            auth = OkxAuth(api_key="k", secret_key="s", passphrase="p", time_provider=TimeSynchronizer())
            self.assertEqual(("k", "s", "p"), (auth.api_key, auth.secret_key, auth.passphrase))

        def test_data_sources_take_hummingbot_arguments(self):
            exchange = OkxExchange(okx_api_key="", okx_secret_key="", okx_passphrase="", trading_pairs=[])
            throttler = AsyncThrottler(CONSTANTS.RATE_LIMITS)
            data_source = OkxAPIOrderBookDataSource(
                trading_pairs=["BTC-USDT"], connector=exchange, throttler=throttler
            )
            self.assertIs(throttler, data_source._api_factory._throttler)
            auth = OkxAuth(api_key="k", secret_key="s", passphrase="p", time_provider=TimeSynchronizer())
            user_stream = OkxAPIUserStreamDataSource(auth=auth, connector=exchange, api_factory=exchange._web_assistants_factory)
            self.assertEqual([], user_stream._trading_pairs)

        def test_order_type_names(self):
            self.assertEqual("post_only", OkxExchange.okx_order_type(OrderType.LIMIT_MAKER))

        def test_web_utils_helpers(self):
            self.assertEqual("https://www.okx.com/api/v5/public/time", web_utils.rest_url(CONSTANTS.OKX_SERVER_TIME_PATH))
            self.assertEqual(web_utils.rest_url("/x"), web_utils.public_rest_url("/x"))
            self.assertEqual(web_utils.rest_url("/x"), web_utils.private_rest_url("/x"))
            self.assertEqual(Decimal(32), CONSTANTS.MAX_ID_LEN)
            self.assertEqual("shared helper", HELPER)
'''


@pytest.mark.timeout(300)
def test_upstream_style_suite_passes_on_the_generated_okx_connector(tmp_path: Path):
    upstream = _upstream_suite(tmp_path, "okx", {"test_names.py": HUMMINGBOT_STYLE_TESTS})
    result = run_upstream_suite("okx", upstream, connector_root=ROOT / "generated" / "okx", quiet=True)
    assert (len(result.passed), result.failed, result.not_collected) == (5, [], [])


@pytest.mark.timeout(300)
def test_upstream_run_reports_passed_failed_and_not_collected(tmp_path: Path):
    upstream = _upstream_suite(
        tmp_path,
        "okx",
        {
            "test_a.py": """
                import inspect
                import unittest
                from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange


                class A(unittest.TestCase):
                    def test_passes(self):
                        # The generated package is the one under test, not the installed one.
                        self.assertIn("/generated/okx/", inspect.getsourcefile(OkxExchange))

                    def test_fails(self):
                        self.assertEqual(1, 2)
            """,
            "test_b.py": "from hummingbot.connector.exchange.okx.okx_exchange import NoSuchClass\n",
            "test_c.py": """
                import unittest


                class C(unittest.TestCase):
                    def test_passes_too(self):
                        pass
            """,
        },
    )
    result = CliRunner().invoke(
        app, ["test", "okx", "--out", str(ROOT / "generated"), "--upstream", str(upstream)]
    )
    assert result.exit_code == 1, result.output
    assert "upstream okx: 2 passed, 1 failed, 1 files not collected" in result.output
    assert "not collected: test/hummingbot/connector/exchange/okx/test_b.py" in result.output


def test_upstream_run_without_a_suite_is_a_clear_error(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["test", "okx", "--out", str(ROOT / "generated"), "--upstream", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "no upstream suite for okx" in result.output
