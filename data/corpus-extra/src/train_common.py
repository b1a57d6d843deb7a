"""Helpers for the extra TRAINING batch (train-extra.jsonl). Separate from the challenge helpers (common.py)."""
ROWS = []
CONTESTS = {"AC": "pilgub-aceh-2024", "SU": "pilgub-sumut-2024", "JB": "pilgub-jabar-2024",
            "BD": "pilwalkot-bandung-2024", "SP": "pilbup-sumenep-2024", "BL": "pilgub-bali-2024",
            "SL": "pilgub-sulut-2024", "JP": "pilbup-jayapura-2024"}
PLATFORM = {"post": "facebook", "comment": "instagram", "caption": "instagram"}
WHY = {
    "call": "Explicit call to vote for the candidate.",
    "praise": "Praise tied to the candidacy.",
    "impl": "Implicit but unmistakable support via nickname, trait or number.",
    "jarg": "Campaign jargon, slogan or hashtag used approvingly.",
    "num": "Ballot number or gesture in an election context.",
    "neg": "Negative campaigning or mocking one candidate.",
    "kk": "Campaigning for the empty box (kotak kosong) in a single-candidate race.",
    "twb": "Twibbon/frame or photo with candidate and ballot gesture.",
    "event": "Invites to or shares a campaign event or material.",
    "reply": "Supportive comment on a candidate's post.",
    "neut": "Neutrality appeal or rule socialisation; no side.",
    "kpu": "Election-body notice naming candidates and numbers without stance.",
    "news": "News or survey reporting without stance.",
    "gotv": "Generic get-out-the-vote with no candidate.",
    "report": "Reports a violation without supporting a side.",
    "offi": "Official in a government role or official duty; no campaign angle.",
    "life": "Everyday life; no election content.",
    "jword": "Word that collides with campaign jargon used in its ordinary sense.",
    "numo": "Number or gesture not about the ballot.",
    "kko": "Ordinary or neutral sense of an empty box / the single-candidate race.",
    "name": "Person sharing a candidate's name, or a candidate named without stance.",
    "joke": "Banter about the election that favours no side.",
}

def ref(code):
    return f"{CONTESTS[code[:2]]}#{code[2:]}"

def C(parent_text, parent_author, parent_candidate=None):
    return {"parentText": parent_text, "parentAuthor": parent_author,
            "parentCandidate": ref(parent_candidate) if parent_candidate else None}

def _row(region, kind, cand, tag, text, stance, diff, ctx, platform):
    row = {"id": None, "platform": platform or PLATFORM[kind], "kind": kind, "region": region, "text": text,
           "label": "endorse" if cand else "neutral",
           "candidate": ref(cand) if cand and cand != "?" else None,
           "stance": (stance or "pro") if cand else None, "difficulty": diff, "rationale": WHY[tag]}
    if ctx:
        row["context"] = ctx
    ROWS.append(row)

def E(region, kind, cand, tag, text, stance=None, diff="hard", ctx=None, platform=None):
    """An endorsement; cand like 'SU2' or '?' when the target cannot be resolved."""
    _row(region, kind, cand, tag, text, stance, diff, ctx, platform)

def N(region, kind, tag, text, diff="hard", ctx=None, platform=None):
    _row(region, kind, None, tag, text, None, diff, ctx, platform)
