"""The generated schema and references stay in step with the field table."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.cli import main
from build_tools.config import load_config
from build_tools.diagnostics import CODES
from build_tools.model.fields import FIELDS
from build_tools.model.record import Record
from build_tools.model.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent


def test_generated_reference_files_are_up_to_date(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["schema", "--check"]) == 0, "run `catalogue schema` and commit docs/reference/"


def test_every_field_and_code_is_documented():
    fields_md = (ROOT / "docs/reference/fields.md").read_text(encoding="utf-8")
    codes_md = (ROOT / "docs/reference/codes.md").read_text(encoding="utf-8")
    for f in FIELDS:
        assert f"`{f.key}`" in fields_md and f.alias in fields_md
    for code in CODES:
        assert f"`{code}`" in codes_md


def test_record_model_has_exactly_the_fields_of_the_table():
    model = set(Record.__dataclass_fields__) - {"source", "lines", "wrapped", "body", "body_line"}  # where it came from
    assert model == {f.key for f in FIELDS}


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    return yaml.safe_load(text.split("---", 2)[1])


def test_sample_records_validate_against_the_schema():
    config, _ = load_config(ROOT / "mkdocs.yml")
    schema = json.loads(json.dumps(json_schema(config)))
    validator = jsonschema.Draft202012Validator(schema)
    records = sorted((ROOT / "catalogue").rglob("*.md"))
    assert records
    for path in records:
        data = json.loads(json.dumps(_front_matter(path), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path, errors)


def test_schema_rejects_a_record_without_published_and_with_both_key_forms():
    config, _ = load_config(ROOT / "mkdocs.yml")
    validator = jsonschema.Draft202012Validator(json_schema(config))
    good = {"index_no": "015200371/2024-00001", "title": "x", "kind": "notice", "issuer": "x",
            "category": "综合政务/政务公开", "发布日期": "2024-01-05"}
    assert validator.is_valid(good)
    without_published = {k: v for k, v in good.items() if k != "发布日期"}
    assert not validator.is_valid(without_published)
    both_forms = {**good, "索引号": "015200371/2024-00001"}
    assert not validator.is_valid(both_forms)
    interpretation_without_target = {**good, "kind": "interpretation"}
    assert not validator.is_valid(interpretation_without_target)


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "build_tools").rglob("*.py")
                                        if "mkdocs_plugin" not in p.parts))
def test_core_never_imports_mkdocs_or_jinja(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not name.split(".")[0] in ("mkdocs", "material", "jinja2"), f"{path}: {name}"


@pytest.mark.parametrize("config", ["mkdcos.yml", "broken.yml"])
def test_a_mistyped_or_broken_config_writes_nothing(tmp_path, monkeypatch, capsys, config):
    """Found by an attack review: ``schema --config mkdcos.yml`` rewrote the reference from the
    defaults (the national categories in place of the office's) and said it had updated it."""
    (tmp_path / "broken.yml").write_text("plugins:\n  - catalogue:\n      categoriess: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--config", config, "--out", str(tmp_path / "ref")]) == 2
    assert not (tmp_path / "ref").exists()
    assert "没有写入任何文件" in capsys.readouterr().err


def test_every_generated_file_is_known_as_written_by_schema_and_an_office_page_is_not():
    """``schema`` replaces only its own files (an office's docs/options.md was overwritten: a review)."""
    from build_tools.config import options_to_config
    from build_tools.model.schema import generated_files, written_by_schema
    files = generated_files(options_to_config({})[0])
    assert all(written_by_schema(name, text) for name, text in files.items())
    assert not any(written_by_schema(name, "# 本厅信息公开选项说明\n\n办公室自己写的页面。\n") for name in files)
    assert not written_by_schema("record.schema.json", '{"$id": "other.json"}') and not written_by_schema(
        "record.schema.json", "不是 JSON")
