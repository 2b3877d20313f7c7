"""`rate_limits.tiers`: rate limits that depend on the account's tier, a setting of the user's (Hummingbot's Kraken
connector: kraken_api_tier, STARTER / INTERMEDIATE / PRO; the VIP levels of other exchanges).

specs/kraken.yaml ships with it (its generated suite checks each tier's limits as the spec writes them). Here: a
Binance variant with VIP levels written otherwise (a tier left empty, a pool's window changed, the endpoints' default
and one endpoint's own limit changed, its own config key, enum and function names, two domains) generates a
connector whose suite passes; contradictory specs are refused with their position.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.testing.runner import run_suite

ENDPOINT_DEFAULT = "  endpoint_default: {limit: 5000, interval: 60}\n"
VIP_LEVELS = """  tiers:
    default: VIP0
    config_key: vip_level
    enum: BinanceVipLevel
    function: rate_limits_of_vip_level
    levels:
      VIP0:
      VIP1:
        pools: {ORDERS: {limit: 200}}
      VIP2:
        pools: {REQUEST_WEIGHT: {limit: 12000}, ORDERS_24HR: {limit: 400000, interval: 43200}}
        endpoint_default: {limit: 10000, interval: 30}
        endpoints: {order: {limit: 300}}
"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def binance_variant() -> str:
    return _replace(shipped("binance"), ENDPOINT_DEFAULT, ENDPOINT_DEFAULT + VIP_LEVELS)


@pytest.mark.timeout(600)
def test_a_binance_variant_with_vip_levels_passes_its_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_variant())
    package = connector / "hummingbot/connector/exchange/binance"
    constants = (package / "binance_constants.py").read_text()
    assert "class BinanceVipLevel(Enum):" in constants
    assert '    VIP0 = "VIP0"\n    VIP1 = "VIP1"\n    VIP2 = "VIP2"\n' in constants
    # Only what differs from RATE_LIMITS: the pools named, the endpoints taking the default, the order endpoint.
    vip1 = "    BinanceVipLevel.VIP0: {},\n    BinanceVipLevel.VIP1: {\n        ORDERS: (200, 10.0),\n    },"
    assert vip1 in constants
    assert "ORDERS_24HR: (400000, 43200.0)," in constants and "ORDER_PATH_URL: (300, 60.0)," in constants
    assert "PING_PATH_URL: (10000, 30.0)," in constants
    utils = (package / "binance_utils.py").read_text()
    assert "def rate_limits_of_vip_level(tier: BinanceVipLevel = BinanceVipLevel.VIP0) -> List[RateLimit]:" in utils
    assert "    binance_vip_level: str = Field(\n        default=\"VIP0\"," in utils
    assert "    binance_us_vip_level: str = Field(" in utils
    assert '"prompt": "Enter your Binance API tier (VIP0/VIP1/VIP2)"' in utils
    exchange = (package / "binance_exchange.py").read_text()
    assert '        binance_vip_level: str = "VIP0",\n    ):' in exchange
    assert "return binance_utils.rate_limits_of_vip_level(self._binance_vip_level)" in exchange
    suite = connector / "test/hummingbot/connector/exchange/binance"
    assert "def test_a_saved_api_tier_reaches_the_connector_throttler" in (suite / "test_binance_utils.py").read_text()
    assert "def test_api_tier_argument_sets" in (suite / "test_binance_exchange.py").read_text()
    assert run_suite(connector, QUIET) == 0


def test_kraken_ships_with_hummingbots_names(tmp_path: Path):
    connector = generate_variant(tmp_path, "kraken", shipped("kraken"))
    package = connector / "hummingbot/connector/exchange/kraken"
    assert "class KrakenAPITier(Enum):" in (package / "kraken_constants.py").read_text()
    utils = (package / "kraken_utils.py").read_text()
    assert "def build_rate_limits_by_tier(tier: KrakenAPITier = KrakenAPITier.STARTER) -> List[RateLimit]:" in utils
    assert "    kraken_api_tier: str = Field(" in utils
    assert '        kraken_api_tier: str = "STARTER",\n' in (package / "kraken_exchange.py").read_text()


LEVELS = "    levels:\n"
VIP1 = "        pools: {ORDERS: {limit: 200}}\n"


@pytest.mark.parametrize(
    "edit, expected",
    [
        # The default tier is not listed.
        (lambda text: _replace(text, "    default: VIP0\n", "    default: VIP00\n"),
         "binance.yaml:78:5: rate_limits.tiers.default: unknown tier 'VIP00'; did you mean 'VIP0'?"),
        # The default tier's limits are the base ones: it changes none.
        (lambda text: _replace(text, "      VIP0:\n", "      VIP0:\n" + VIP1),
         "binance.yaml:83:7: rate_limits.tiers.levels.VIP0: the default tier's limits are the base ones"),
        # A pool or an endpoint that does not exist.
        (lambda text: _replace(text, VIP1, "        pools: {ORDER: {limit: 200}}\n"),
         "binance.yaml:85:17: rate_limits.tiers.levels.VIP1.pools.ORDER: unknown rate-limit pool 'ORDER'; did you "
         "mean 'ORDERS'?"),
        (lambda text: _replace(text, "endpoints: {order: {limit: 300}}", "endpoints: {orders: {limit: 300}}"),
         "binance.yaml:89:21: rate_limits.tiers.levels.VIP2.endpoints.orders: unknown endpoint 'orders'; did you "
         "mean 'order'?"),
        # Tier names are enum members; one tier is no tiering.
        (lambda text: _replace(text, "      VIP1:\n", "      vip1:\n"),
         "binance.yaml:84:7: rate_limits.tiers.levels.vip1: tier names are UPPER_CASE (enum members), found 'vip1'"),
        (lambda text: text[: text.index("      VIP1:\n")] + "\nendpoints:" + text.split("\nendpoints:", 1)[1],
         "binance.yaml:82:5: rate_limits.tiers.levels: expected at least two tiers"),
        # Names taken elsewhere.
        (lambda text: _replace(text, "    config_key: vip_level\n", "    config_key: api_secret\n"),
         "rate_limits.tiers.config_key: binance_api_secret is also a credential's config key"),
        (lambda text: _replace(text, "    function: rate_limits_of_vip_level\n",
                               "    function: is_exchange_information_valid\n"),
         "rate_limits.tiers.function: is_exchange_information_valid is also a function of NAME_utils.py"),
        (lambda text: _replace(text, "\nendpoints:\n", "\nconstant_names: {SIDE_BUY: TIER_RATE_LIMITS}\nendpoints:\n"),
         "constant_names.SIDE_BUY: constant TIER_RATE_LIMITS is also the name of the constant of the tiers' limits"),
    ],
)
def test_contradictory_tiers_are_refused_with_their_position(tmp_path: Path, edit, expected: str):
    result = validate(tmp_path, "binance", edit(binance_variant()))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output


def test_the_variant_is_valid(tmp_path: Path):
    result = validate(tmp_path, "binance", binance_variant())
    assert result.exit_code == 0, result.output
