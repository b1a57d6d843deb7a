ROWS = []
CONTESTS = {"JT": "pilgub-jateng-2024", "SM": "pilwalkot-semarang-2024", "SS": "pilgub-sulsel-2024",
            "GW": "pilbup-gowa-2024", "LT": "pilbup-lomboktimur-2024", "SD": "pilwalkot-samarinda-2024"}
PLATFORM = {"post": "facebook", "comment": "instagram", "caption": "instagram"}

def ref(code):
    return f"{CONTESTS[code[:2]]}#{code[2:]}"

def C(parent_text, parent_author, parent_candidate):
    return {"parentText": parent_text, "parentAuthor": parent_author,
            "parentCandidate": ref(parent_candidate) if parent_candidate else None}

def P(region, kind, cand, text, stance=None, diff="hard", ctx=None, platform=None):
    row = {"id": None, "platform": platform or PLATFORM[kind], "kind": kind, "region": region, "text": text,
           "label": "endorse" if cand else "neutral",
           "candidate": ref(cand) if cand and cand != "?" else None,
           "stance": (stance or "pro") if cand else None, "difficulty": diff,
           "rationale": "hand-written challenge item"}
    if ctx:
        row["context"] = ctx
    ROWS.append(row)
