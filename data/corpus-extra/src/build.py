"""Builds data/corpus-extra/<name>.jsonl from the hand-written part files. Usage: python3 build.py challenge a b c"""
import json, sys, importlib, os
sys.path.insert(0, os.path.dirname(__file__))
import common
name, parts = sys.argv[1], sys.argv[2:]
for p in parts:
    importlib.import_module(f"{name}_{p}")
prefix = {"challenge": "ch", "train": "tx"}.get(name.split("_")[0], name)
out = os.path.join(os.path.dirname(__file__), "..", f"{name}.jsonl")
with open(out, "w") as f:
    for i, r in enumerate(common.ROWS, 1):
        r["id"] = f"{prefix}-{i:04d}"
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
pos = sum(r["label"] == "endorse" for r in common.ROWS)
print(f"{out}: {len(common.ROWS)} rows, {pos} endorse ({pos/len(common.ROWS):.0%})")
