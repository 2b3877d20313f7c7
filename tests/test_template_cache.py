"""Compiled templates are kept between runs (scaffolder.render.TemplateCache), never at the cost of a stale render."""

from pathlib import Path

from scaffolder import render


def render_once(templates: Path, name: str = "a.py.j2") -> str:
    return render.environment(templates).get_template(name).render(c={"value": 1})


def test_a_warm_cache_renders_the_same_and_an_edited_template_compiles_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("HBGEN_CACHE_DIR", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "a.py.j2").write_text("X = {{ c.value }}\n")
    assert render_once(templates) == "X = 1\n"
    cached = list((tmp_path / "cache").rglob("*.cache"))
    assert len(cached) == 1
    assert render_once(templates) == "X = 1\n"
    (templates / "a.py.j2").write_text("Y = {{ c.value + 1 }}\n")
    assert render_once(templates) == "Y = 2\n"


def test_a_cache_that_cannot_be_used_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    monkeypatch.setenv("HBGEN_CACHE_DIR", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "a.py.j2").write_text("X = {{ c.value }}\n")
    assert render.template_cache() is None
    assert render_once(templates) == "X = 1\n"


def test_a_cache_folder_that_refuses_writes_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.setenv("HBGEN_CACHE_DIR", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "a.py.j2").write_text("X = {{ c.value }}\n")
    env = render.environment(templates)
    Path(env.bytecode_cache.directory).rmdir()  # gone after the environment was made: writing to it fails
    assert env.get_template("a.py.j2").render(c={"value": 1}) == "X = 1\n"
