import pytest

from scaffolder.spec import fieldpath

PAYLOAD = {
    "data": [
        {
            "ordId": "7",
            "filters": [{"filterType": "LOT_SIZE", "minQty": "0.1"}, {"filterType": "NOTIONAL", "minNotional": "5"}],
        }
    ]
}


@pytest.mark.parametrize(
    "path, source",
    [
        ("a", 'msg["a"]'),
        ("a.b[0].c", 'msg["a"]["b"][0]["c"]'),
        (
            "filters[filterType=LOT_SIZE].minQty",
            'next(item for item in msg["filters"] if item["filterType"] == "LOT_SIZE")["minQty"]',
        ),
        ("f[t=A|B].x", 'next(item for item in msg["f"] if item["t"] in ("A", "B"))["x"]'),
        ("", "msg"),
        ("[0].last", 'msg[0]["last"]'),
    ],
)
def test_paths_compile_to_plain_dict_access(path, source):
    assert fieldpath.to_python(path, "msg").replace("'", '"') == source


def test_compiled_path_reads_what_read_reads():
    path = "data[0].filters[filterType=MIN_NOTIONAL|NOTIONAL].minNotional"
    assert eval(fieldpath.to_python(path, "msg"), {}, {"msg": PAYLOAD}) == fieldpath.read(PAYLOAD, path) == "5"


def test_write_replaces_existing_fields_only():
    payload = {"a": {"b": 1}}
    fieldpath.write(payload, "a.b", 2)
    assert payload == {"a": {"b": 2}}
    with pytest.raises(fieldpath.FieldPathError, match="no value at 'a.c'"):
        fieldpath.write(payload, "a.c", 3)


def test_a_leading_index_reads_a_payload_that_is_a_list():
    payload = [{"last": "2.46"}]
    assert eval(fieldpath.to_python("[0].last", "msg"), {}, {"msg": payload}) == fieldpath.read(payload, "[0].last")
    fieldpath.write(payload, "[0].last", "3")
    assert payload == [{"last": "3"}]


@pytest.mark.parametrize("path", ["a..b", "a[", "a[x]", ".a", "a[=1]", "a.[0]", "[0]x"])
def test_malformed_paths_are_rejected(path):
    with pytest.raises(fieldpath.FieldPathError):
        fieldpath.parse(path)
