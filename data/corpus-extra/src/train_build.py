"""Builds data/corpus-extra/train-extra.jsonl (ids tx-NNNN) from the hand-written part files train_a..d.
The JSONL is the committed source of truth. Usage: python3 train_build.py"""
import json, os, sys, importlib
sys.path.insert(0, os.path.dirname(__file__))
import train_common
for p in "abcd":
    importlib.import_module(f"train_{p}")
rows = train_common.ROWS
out = os.path.join(os.path.dirname(__file__), "..", "train-extra.jsonl")
with open(out, "w") as f:
    for i, r in enumerate(rows, 1):
        r["id"] = f"tx-{i:04d}"
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
pos = sum(r["label"] == "endorse" for r in rows)
hard = sum(r["difficulty"] == "hard" for r in rows)
print(f"{out}: {len(rows)} rows, {pos} endorse ({pos/len(rows):.0%}), {hard} hard")
