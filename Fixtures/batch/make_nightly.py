#!/usr/bin/env python3
"""Builds nightly.jsonl, the demo batch of Scripts/demo, from the family fixtures one folder up:
one record per document, with `document_type` naming its template, a few recipients who agreed to
e-mail delivery, and one broken record (no document number) to show how rejects are reported.
Deterministic: run it again after the fixtures change (`python3 Fixtures/batch/make_nightly.py`)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.dirname(HERE)
DOCS = [
    ("invoice", "invoice-de"), ("invoice", "invoice-pl"), ("invoice", "invoice-es"), ("invoice", "invoice-fr"),
    ("invoice", "invoice-gb"), ("invoice", "invoice-ch"), ("invoice", "invoice-de-credit-note"),
    ("invoice", "invoice-de-corrected"), ("invoice", "invoice-long"),
    ("dunning", "dunning-de-level1"), ("dunning", "dunning-de-level2"), ("dunning", "dunning-de-level3"),
    ("dunning", "dunning-pl-level1"), ("dunning", "dunning-pl-level2"), ("dunning", "dunning-pl-level3"),
    ("dunning", "dunning-es-level1"), ("dunning", "dunning-es-level2"), ("dunning", "dunning-es-level3"),
    ("contract", "contract-de"), ("contract", "contract-pl"), ("contract", "contract-es"),
    ("commission", "commission-de"), ("commission", "commission-pl"), ("commission", "commission-es"),
    ("commission", "commission-gb"),
]
# Recipients who gave an e-mail address and agreed to electronic delivery (one did not agree).
EMAIL = {"invoice-de": ("einkauf@baeckerei-groesser.example", True),
         "invoice-pl": ("faktury@lozyska-slezak.example", True),
         "dunning-es-level1": ("ramon.castaneda@example.es", True),
         "invoice-es": ("contabilidad@example.es", False)}


def main():
    lines = []
    for family, name in DOCS:
        record = json.load(open(os.path.join(FIX, name + ".json"), encoding="utf-8"))
        record = {"document_type": family, **record}
        if name in EMAIL and "recipient" in record:
            record["recipient"]["email"], record["recipient"]["email_consent"] = EMAIL[name]
        lines.append(record)
    broken = json.load(open(os.path.join(FIX, "invoice-minimal.json"), encoding="utf-8"))
    del broken["document"]["number"]
    lines.insert(12, {"document_type": "invoice", **broken})
    with open(os.path.join(HERE, "nightly.jsonl"), "w", encoding="utf-8") as f:
        for r in lines:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
