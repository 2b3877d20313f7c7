"""Request ids inside longer strings in websocket message templates (`"id{request_id}"`): HTX numbers its requests
`{"sub": "market.btcusdt.mbp.refresh.20", "id": "id1"}`. A placeholder inside a longer text is concatenated as text
(`"id" + str(web_utils.next_message_id())`); a template that is exactly one placeholder keeps its value's type.

Already supported by the message templates (scaffolder.pysource.template_string); this test pins it: a KuCoin variant
whose public subscriptions, ping and private subscriptions number their requests "id1", "id2"... passes its
generated order book and user stream tests against Hummingbot.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped

from scaffolder.testing.runner import run_suite


def kucoin_embedded_ids() -> str:
    text = shipped("kucoin")
    assert text.count('id: "{request_id}"') == 6
    return text.replace('id: "{request_id}"', 'id: "id{request_id}"')


@pytest.mark.timeout(300)
def test_request_ids_inside_longer_strings_pass_the_stream_suites(tmp_path: Path):
    connector = generate_variant(tmp_path, "kucoin", kucoin_embedded_ids())
    package = connector / "hummingbot/connector/exchange/kucoin"
    source = (package / "kucoin_api_order_book_data_source.py").read_text()
    assert '"id": "id" + str(web_utils.next_message_id())' in source
    assert '"id": "id" + str(web_utils.next_message_id())' in (package / "kucoin_api_user_stream_data_source.py").read_text()
    assert run_suite(connector, [*QUIET, "-k", "order_book or user_stream"]) == 0
