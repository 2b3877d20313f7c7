"""The CLI as a user meets it: new, generate, check."""

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.spec import load_spec


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_new_writes_a_starter_spec_that_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "my_exchange", "--defaults")
    assert result.exit_code == 0, result.output
    spec_path = tmp_path / "specs" / "my_exchange.yaml"
    text = spec_path.read_text()
    assert "TODO" in text
    for section in (
        "exchange:",
        "urls:",
        "credentials:",
        "auth:",
        "rate_limits:",
        "endpoints:",
        "markets:",
        "orders:",
        "balances:",
        "public_ws:",
        "user_stream:",
    ):
        assert f"\n{section}" in text
    assert load_spec(spec_path).exchange.name == "my_exchange"


def test_new_refuses_to_overwrite_and_rejects_bad_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "my_exchange", "--defaults").exit_code == 0
    before = (tmp_path / "specs" / "my_exchange.yaml").read_text()
    result = invoke("new", "my_exchange", "--defaults")
    assert result.exit_code == 2 and "already exists" in result.output
    assert (tmp_path / "specs" / "my_exchange.yaml").read_text() == before
    for bad in ("My-Exchange", "1exchange", "my exchange", "MyExchange"):
        result = invoke("new", bad, "--defaults")
        assert result.exit_code == 2 and "not a valid connector name" in result.output


def test_generate_prints_what_it_wrote_and_a_second_run_changes_nothing(tmp_path, repo_root):
    out = tmp_path / "out"
    first = invoke("generate", str(repo_root / "specs" / "binance.yaml"), "--out", str(out))
    assert first.exit_code == 0, first.output
    assert f"wrote {out / 'binance' / 'hummingbot/connector/exchange/binance/binance_exchange.py'}" in first.output
    second = invoke("generate", str(repo_root / "specs" / "binance.yaml"), "--out", str(out))
    assert second.exit_code == 0 and second.output == f"{out / 'binance'}: up to date\n"


def test_a_change_to_hbgens_code_renders_again_without_making_the_tree_stale(tmp_path, repo_root, monkeypatch):
    """Developing hbgen: after a change to its Python code the next `hbgen generate` renders (it used to answer
    "up to date" until --force); `hbgen check` calls the tree stale only if that render differs."""
    from scaffolder import manifest

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "binance.yaml").write_text((repo_root / "specs" / "binance.yaml").read_text())
    out = tmp_path / "out"
    spec = str(specs / "binance.yaml")
    assert invoke("generate", spec, "--out", str(out)).exit_code == 0
    monkeypatch.setattr(manifest, "generator_digest", lambda: "0" * 64)
    again = invoke("generate", spec, "--out", str(out))
    assert again.exit_code == 0 and again.output == f"{out / 'binance'}: 23 files, 0 changed\n", again.output
    assert invoke("generate", spec, "--out", str(out)).output == f"{out / 'binance'}: up to date\n"
    monkeypatch.setattr(manifest, "generator_digest", lambda: "1" * 64)
    check = invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests")
    assert check.exit_code == 0 and "hbgen's code" not in check.output, check.output


def test_generate_keeps_a_hand_edit_when_inputs_are_unchanged_and_force_rewrites_it(tmp_path, repo_root):
    out = tmp_path / "out"
    spec = str(repo_root / "specs" / "binance.yaml")
    assert invoke("generate", spec, "--out", str(out)).exit_code == 0
    constants = out / "binance" / "hummingbot/connector/exchange/binance/binance_constants.py"
    original = constants.read_text()
    constants.write_text(original.replace("6000", "1"))
    kept = invoke("generate", spec, "--out", str(out))
    assert kept.exit_code == 0 and f"kept {constants}: edited by hand" in kept.output
    assert "limit=1," in constants.read_text()
    forced = invoke("generate", spec, "--out", str(out), "--force")
    assert forced.exit_code == 0 and "23 files, 1 changed" in forced.output
    assert constants.read_text() == original


def test_check_tells_a_stale_tree_from_a_hand_edited_one(tmp_path, repo_root):
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = specs / "binance.yaml"
    spec.write_text((repo_root / "specs" / "binance.yaml").read_text())
    out = tmp_path / "generated"
    assert invoke("generate", str(spec), "--out", str(out)).exit_code == 0
    assert invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests").exit_code == 0
    exchange = out / "binance" / "hummingbot/connector/exchange/binance/binance_exchange.py"
    exchange.write_text(exchange.read_text() + "\n# hand edit\n")
    hand_edited = invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests")
    assert hand_edited.exit_code == 0 and "edited by hand" in hand_edited.output
    assert invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests", "--strict").exit_code == 1
    spec.write_text(spec.read_text().replace("limit: 6000", "limit: 1200"))
    stale = invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests")
    assert stale.exit_code == 1 and "the spec changed since the last generation" in stale.output


def test_schema_command_matches_the_committed_schema(repo_root):
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.output == (repo_root / "docs" / "spec.schema.json").read_text()


@pytest.mark.parametrize("name", ["binance", "okx", "kucoin", "gate_io", "bybit"])
def test_checklist_covers_every_required_row_of_each_shipped_spec(repo_root, name):
    result = invoke("checklist", str(repo_root / "specs" / f"{name}.yaml"))
    assert result.exit_code == 0, result.output
    assert "GET ACCOUNT BALANCE                    required     covered" in result.output
    assert "CANCEL ORDERS                          required     covered" in result.output


def test_checklist_names_the_missing_balance_row(tmp_path, binance_spec_text):
    start = binance_spec_text.index("\nbalances:\n")
    end = binance_spec_text.index("\npublic_ws:\n")
    spec = tmp_path / "no_balances.yaml"
    spec.write_text(binance_spec_text[:start] + binance_spec_text[end:])
    result = invoke("checklist", str(spec))
    assert result.exit_code == 1
    assert "GET ACCOUNT BALANCE                    required     MISSING" in result.output
    assert "missing required rows: GET ACCOUNT BALANCE" in result.output


def test_a_spec_named_unlike_its_file_is_an_error_in_generate_and_check(tmp_path, binance_spec_text):
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = specs / "coinx.yaml"
    spec.write_text(binance_spec_text)
    line = binance_spec_text.splitlines().index("  name: binance") + 1
    out = tmp_path / "generated"
    expected = f"{spec}:{line}:3: exchange.name: 'binance' differs from the file name 'coinx.yaml'"
    generate = invoke("generate", str(spec), "--out", str(out))
    assert generate.exit_code == 2 and expected in generate.output, generate.output
    assert "rename the file to binance.yaml, or set exchange.name to coinx" in generate.output
    assert not out.exists()
    check = invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests")
    assert check.exit_code == 2 and expected in check.output


def test_check_reports_a_generated_folder_whose_spec_is_gone(tmp_path, binance_spec_text):
    specs = tmp_path / "specs"
    specs.mkdir()
    out = tmp_path / "generated"
    for name in ("binance", "coinx"):
        (specs / f"{name}.yaml").write_text(binance_spec_text.replace("  name: binance\n", f"  name: {name}\n"))
        assert invoke("generate", str(specs / f"{name}.yaml"), "--out", str(out)).exit_code == 0
    (out / "notes").mkdir()  # not hbgen's: no manifest
    assert invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests").exit_code == 0
    (specs / "coinx.yaml").unlink()
    result = invoke("check", "--specs", str(specs), "--out", str(out), "--no-run-tests")
    assert result.exit_code == 1
    assert f"{out / 'coinx'}: generated by hbgen, but no spec in {specs} generates it" in result.output
    assert "notes" not in result.output
