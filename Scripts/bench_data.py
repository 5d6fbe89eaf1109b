#!/usr/bin/env python3
"""Fallback benchmark data when ../shared/bench is absent: N seeded invoices in the peers' data shape
(invoices.jsonl + logo.png). Prefer ../shared/bench/gen_data.py: that is what the peers render."""
import json, os, random, struct, sys, zlib

WORDS = ["Wärmetauscher", "Rohrschelle", "Druckluftschlauch", "Montage vor Ort", "Lötzinn", "Kühlmittel",
         "Ersatzteilpaket", "Größe M", "Ø 12 mm", "inkl. Entsorgung", "Lieferung frei", "Typ XL-300"]
PEOPLE = [("Jürgen Größer", "Schloßallee 7", "80331", "München", "Deutschland"),
          ("Hurtownia Łożysk Ślęzak", "ul. Żeromskiego 22/26", "84-128", "Rzeszów", "Polen"),
          ("Ramón Castañeda", "Calle Mayor, 58", "24521", "Cádiz", "Spanien")]


def de(cents):
    s = f"{abs(cents) // 100:,}".replace(",", ".") + f",{abs(cents) % 100:02d}"
    return ("-" if cents < 0 else "") + s


def logo(path):
    w, h = 300, 100
    row = b"\x00" + b"".join(bytes((x * 255 // w, 80, 160)) for x in range(w))
    raw = row * h
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(20261122)
    with open(os.path.join(out, "invoices.jsonl"), "w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            name, street, pc, city, country = rnd.choice(PEOPLE)
            items, net, vat = [], 0, {7: 0, 19: 0}
            for pos in range(1, rnd.choice([rnd.randint(15, 40)] * 9 + [rnd.randint(60, 90)]) + 1):
                qty, price, rate = rnd.randint(1, 3000), rnd.randint(100, 80000), rnd.choice([7, 19])
                amount = qty * price // 100
                net += amount
                vat[rate] += amount
                items.append(dict(pos=pos, desc=" ".join(rnd.sample(WORDS, 3)), qty=de(qty), unit="Stk",
                                  unit_price=de(price), vat=f"{rate} %", amount=de(amount)))
            vats = [dict(rate=f"{r} %", base=de(b), amount=de(round(b * r / 100))) for r, b in vat.items() if b]
            gross = net + sum(round(b * r / 100) for r, b in vat.items())
            inv = dict(id=i, number=f"RE-2026-{i:06d}", date="22.11.2026", due_date="22.12.2026",
                       customer_no=f"K-{rnd.randint(10000, 99999)}", currency="EUR",
                       sender=dict(name="Nordlicht Bürotechnik GmbH", vat_id="DE 812 345 678",
                                   iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX",
                                   line="Nordlicht Bürotechnik GmbH · Hafenstraße 12 · 20457 Hamburg"),
                       recipient=dict(name=name, street=street, postcode=pc, city=city, country=country),
                       items=items, totals=dict(net=de(net), vat=vats, gross=de(gross)),
                       payment_terms="Zahlbar innerhalb von 30 Tagen ohne Abzug bis zum 22.12.2026.")
            f.write(json.dumps(inv, ensure_ascii=False) + "\n")
    logo(os.path.join(out, "logo.png"))


if __name__ == "__main__":
    main()
