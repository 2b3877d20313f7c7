"""Golden output: generated/ is exactly what the current specs and templates produce, file by file."""

import ast
import io
from pathlib import Path

import black
import pyflakes.api
import pyflakes.reporter
import pytest

from scaffolder.formatting import LINE_LENGTH
from scaffolder.generate import generate_files
from scaffolder.writer import read_tree

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
EXPECTED_FILES = {
    "hummingbot/connector/exchange/{n}/__init__.py",
    "hummingbot/connector/exchange/{n}/{n}_api_order_book_data_source.py",
    "hummingbot/connector/exchange/{n}/{n}_api_user_stream_data_source.py",
    "hummingbot/connector/exchange/{n}/{n}_auth.py",
    "hummingbot/connector/exchange/{n}/{n}_constants.py",
    "hummingbot/connector/exchange/{n}/{n}_exchange.py",
    "hummingbot/connector/exchange/{n}/{n}_order_book.py",
    "hummingbot/connector/exchange/{n}/{n}_utils.py",
    "hummingbot/connector/exchange/{n}/{n}_web_utils.py",
    "hummingbot/connector/exchange/{n}/dummy.pxd",
    "hummingbot/connector/exchange/{n}/dummy.pyx",
    "test/hummingbot/connector/exchange/{n}/__init__.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_api_order_book_data_source.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_api_user_stream_data_source.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_auth.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_documented_examples.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_exchange.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_order_book.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_utils.py",
    "test/hummingbot/connector/exchange/{n}/test_{n}_web_utils.py",
    "test/integration/test_{n}_market.py",
    "test/integration/test_{n}_order_book_tracker.py",
    "test/integration/test_{n}_user_stream_tracker.py",
}


@pytest.fixture(scope="module", params=SPECS, ids=[spec.stem for spec in SPECS])
def rendered(request):
    return request.param.stem, generate_files(request.param)


def test_generated_tree_matches_a_fresh_render_file_by_file(rendered):
    name, files = rendered
    on_disk = read_tree(ROOT / "generated" / name)
    assert sorted(on_disk) == sorted(files)
    for path, content in files.items():
        assert on_disk[path] == content, f"generated/{name}/{path} is stale: run hbgen generate specs/{name}.yaml"


DOCUMENTED_EXAMPLES = "test/hummingbot/connector/exchange/{n}/test_{n}_documented_examples.py"


def test_the_twenty_three_files_of_a_connector(rendered):
    """Twenty-two without `expect:` blocks: the documented-examples test is written only for a spec declaring some."""
    name, files = rendered
    expected = {path.format(n=name) for path in EXPECTED_FILES}
    if "expect:" not in (ROOT / "specs" / f"{name}.yaml").read_text():
        expected.discard(DOCUMENTED_EXAMPLES.format(n=name))
    assert set(files) == expected


def test_generation_is_deterministic(rendered):
    name, files = rendered
    assert generate_files(ROOT / "specs" / f"{name}.yaml") == files


def test_python_parses_is_black_stable_and_never_imports_hbgen(rendered):
    _, files = rendered
    for path, content in files.items():
        if not path.endswith(".py"):
            continue
        tree = ast.parse(content, filename=path)
        assert black.format_str(content, mode=black.Mode(line_length=LINE_LENGTH)) == content, path
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(module.split(".")[0] == "scaffolder" for module in imported), path


def test_no_dead_code_unused_imports_or_variables(rendered):
    """pyflakes finds nothing in the generated files: no unused import, no unused local, no undefined name."""
    _, files = rendered
    findings = []
    for path, content in sorted(files.items()):
        if path.endswith(".py"):
            output = io.StringIO()
            pyflakes.api.check(content, path, pyflakes.reporter.Reporter(output, output))
            findings += output.getvalue().splitlines()
    assert findings == []
