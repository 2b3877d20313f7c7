"""Messages that are JSON arrays: routing and filter fields with list indexes (Kraken's public websocket sends
`[channelID, {...}, "book-10", "XBT/USD"]` next to `{"event": "heartbeat"}`), read leniently by the generated code:
an index applies to a list long enough, else the field reads None, so objects and short arrays are not routed
instead of raising. Plain key paths keep their `.get` form (the shipped specs' output does not change)."""

import pytest

from scaffolder.pysource import safe_read

BOOK = [0, {"a": [["5541.30000", "2.50700000", "1534614248.123678"]]}, "book-10", "XBT/USD"]
HEARTBEAT = {"event": "heartbeat"}


def _read(path: str, message):
    return eval(safe_read(path, "message"), {}, {"message": message})  # the generated expression, run


@pytest.mark.parametrize(
    "path, message, expected",
    [
        ("[2]", BOOK, "book-10"),
        ("[-1]", BOOK, "XBT/USD"),
        ("[3]", BOOK, "XBT/USD"),
        ("[4]", BOOK, None),
        ("[2]", HEARTBEAT, None),
        ("[2]", [0, "pong"], None),
        ("[1].a", BOOK, [["5541.30000", "2.50700000", "1534614248.123678"]]),
        ("[1].a", HEARTBEAT, None),
        ("[1].a[0][0]", BOOK, "5541.30000"),
        ("[1].a[0][0]", HEARTBEAT, None),
        ("[1].status", ("ETH_USDT", {"status": "tradable"}), "tradable"),  # a map's (key, value) row
        ("event", HEARTBEAT, "heartbeat"),
    ],
)
def test_index_paths_read_arrays_and_skip_other_messages(path, message, expected):
    assert _read(path, message) == expected


def test_plain_key_paths_keep_their_get_form():
    assert safe_read("arg.channel", "msg") == 'msg.get("arg", {}).get("channel")'.replace('"', "'")


def test_error_arrays_succeed_only_when_empty():
    """`response_errors.success: {field: error, truthy: false}`: Kraken's `"error": []` succeeds, a message fails."""
    from scaffolder.pysource import condition
    from scaffolder.spec.model import Predicate

    success = condition(Predicate(field="error", truthy=False), "response", safe=True)
    assert success == 'not response.get("error")'.replace('"', "'")
    assert eval(success, {}, {"response": {"error": [], "result": {}}})
    assert not eval(success, {}, {"response": {"error": ["EOrder:Unknown order"]}})
