"""Two bugs that spec variants drawn like tests/test_spec_variants.py's found (Coinbase and Kraken with another
exchange's public stream), each checked on its own here.

- A REST order book snapshot whose time is date-time text (Coinbase's `pricebook.time`) made NAME_order_book.py
  call `seconds_from_date_time` without importing it, when no websocket message needed the parser too.
- Kraken's symbol is its pair field (`wsname`, "XBT/USD"); a `symbols.format` with another separator validated,
  and the generated suite wrote symbols two ways. It is now refused with its position.
"""

from pathlib import Path

import yaml
from spec_variants import generate_variant, shipped, validate


def _with_public_stream(name: str, donor_name: str) -> str:
    spec, donor = yaml.safe_load(shipped(name)), yaml.safe_load(shipped(donor_name))
    spec["markets"]["symbols"]["format"] = donor["markets"]["symbols"]["format"]
    spec["public_ws"] = donor["public_ws"]
    spec["urls"]["public_ws"] = donor["urls"]["public_ws"]
    return yaml.safe_dump(spec, sort_keys=False)


def test_a_rest_snapshot_with_date_time_text_imports_the_parser(tmp_path: Path):
    connector = generate_variant(
        tmp_path, "coinbase_advanced_trade", _with_public_stream("coinbase_advanced_trade", "backpack")
    )
    source = connector / "hummingbot/connector/exchange/coinbase_advanced_trade/coinbase_advanced_trade_order_book.py"
    text = source.read_text()
    assert "seconds_from_date_time(" in text
    assert "import seconds_from_date_time\n" in text
    compile(text, str(source), "exec")


def test_a_symbol_format_contradicting_the_pair_field_is_refused(tmp_path: Path):
    text = shipped("kraken")
    assert text.count("    format: {separator: /, case: upper}\n") == 1
    result = validate(
        tmp_path,
        "kraken",
        text.replace("    format: {separator: /, case: upper}\n", "    format: {separator: _, case: upper}\n"),
    )
    assert result.exit_code == 2, result.output
    assert (
        "markets.symbols.format.separator: the symbol is the pair field ([1].wsname), written with '/'" in result.output
    )
    assert "kraken.yaml:" in result.output
