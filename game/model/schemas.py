"""JSON Schemas of the game's files, for editors and other tools.

The scenario schema is the pydantic model's schema adjusted for how files are written:
a scenario that `extends` another may give any part of a table (the rest is inherited),
so only a scenario without `extends` must give every required field. It declares draft
07, which editors' TOML support (Taplo / Even Better TOML) and VS Code's JSON support
both read. `scripts/write_schemas.py` writes the committed copies under `schemas/`.
"""

from __future__ import annotations

import json
from typing import Any

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = ("scenario", "orders", "record")


def scenario_schema() -> dict[str, Any]:
    from game.model.scenario import Scenario

    schema = Scenario.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    _narrow_params(defs)
    # Tables that merge key by key under `extends`: reachable from the top through
    # tables only (list entries, such as event cards, are replaced whole).
    for name in sorted(_merged_tables(schema, defs)):
        defs[name].pop("required", None)
    required = schema.pop("required", [])
    schema["required"] = ["name"]
    schema["if"] = {"not": {"required": ["extends"]}}
    schema["then"] = {"required": required}
    return _framed(schema, "Compute Race scenario")


def _narrow_params(defs: dict[str, Any]) -> None:
    """Each parameter's own entry schema (its shape, range and unit) in place of the
    shared ParamEntry, so an editor checks `[params.NAME]` as `validate` does."""
    from game.engine.params import PARAM_NAMES, PARAM_SPECS, param_shape
    from game.model.params_model import param_doc, param_domain

    entry = defs.pop("ParamEntry")
    props = defs["ScenarioParams"]["properties"]
    for name in PARAM_NAMES:
        spec = PARAM_SPECS[name]
        number: dict[str, Any] = {"type": "number"}
        for key, word in (("ge", "minimum"), ("le", "maximum"), ("gt", "exclusiveMinimum"),
                          ("lt", "exclusiveMaximum")):
            if key in (domain := param_domain(name)):
                number[word] = domain[key]
        if spec["kind"] == "table":
            size = param_shape(name)[1]
            row: dict[str, Any] = {"type": "array", "items": number, "minItems": size,
                                   "maxItems": size}
        else:
            row = number
        fields = {key: {**entry["properties"][key], "anyOf": [row, {"type": "null"}]}
                  for key in ("value", "us", "china")}
        fields["unit"] = {**entry["properties"]["unit"], "anyOf": [
            {"const": spec["unit"]}, {"type": "null"}]}
        fields["source"] = entry["properties"]["source"]
        defs[f"Param_{name}"] = {
            "type": "object", "additionalProperties": False, "title": name,
            "description": param_doc(name), "properties": fields}
        props[name] = {"anyOf": [{"$ref": f"#/$defs/Param_{name}"}, {"type": "null"}],
                       "default": None, "description": param_doc(name)}


def _merged_tables(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    todo = [schema]
    while todo:
        node = todo.pop()
        for prop in node.get("properties", {}).values():
            for ref in _refs(prop):
                name = ref.rsplit("/", 1)[-1]
                if name in defs and name not in found:
                    found.add(name)
                    todo.append(defs[name])
    return found


def _refs(prop: dict[str, Any]) -> list[str]:
    """`$ref`s of a property that holds a table (not a list)."""
    if "$ref" in prop:
        return [prop["$ref"]]
    return [option["$ref"] for option in prop.get("anyOf", []) if "$ref" in option]


def orders_schema() -> dict[str, Any]:
    from game.model.orders_file import OrdersFile

    return _framed(OrdersFile.model_json_schema(), "Compute Race orders file")


def record_schema() -> dict[str, Any]:
    from game.model.record import Record

    return _framed(Record.model_json_schema(), "Compute Race record")


def _framed(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title,
            **{k: v for k, v in schema.items() if k != "title"}}


def schema_for(kind: str) -> dict[str, Any]:
    if kind == "scenario":
        return scenario_schema()
    if kind == "orders":
        return orders_schema()
    if kind == "record":
        return record_schema()
    raise ValueError(f"unknown schema {kind!r} (allowed: {', '.join(KINDS)})")


def schema_text(kind: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
