#!/usr/bin/env python3
"""Regenerates every data fixture of the document families (deterministic, seeded).

Usage: python3 Fixtures/generate.py            (writes next to this script)
       python3 Fixtures/generate.py --check    (exit 1 when a committed file differs)

Writes, for the families invoice, dunning, contract and commission:
  <family>-<case>.json   the data of one document (one record)
  <family>-<case>.xml    XML twins of some of them (same content shape, see README.md)
  expected.json          what the end-to-end tests look for in each rendered PDF
                         (recipient, document number, key amount in the document's locale,
                         page-count bounds); computed here with the same rules the templates use
  bench-invoice-sample.json  one invoice in the peer benchmark's record shape
  images/logo.png        the demo letterhead logo (drawn here, 600x200 RGB; also ../Templates/blocks/logo.png)

Every amount is computed with Decimal and ROUND_HALF_UP, exactly as documented in README.md,
so that expected.json and the templates agree to the cent.
"""
import json
import os
import random
import struct
import sys
import zlib
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP, getcontext
from xml.sax.saxutils import escape

getcontext().prec = 38
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122
CENT = Decimal("0.01")


def D(v):
    return Decimal(str(v))


def r2(v):
    """Half-up rounding to the cent (the currency's minor unit for EUR/PLN/CHF/GBP)."""
    return Decimal(v).quantize(CENT, rounding=ROUND_HALF_UP)


def num(v):
    """A Decimal as a JSON number token (kept exact: written through json's raw hook below)."""
    return RawNumber(v)


class RawNumber:
    def __init__(self, v):
        d = Decimal(v) if not isinstance(v, Decimal) else v
        self.text = format(d, "f")


# ---------------------------------------------------------------- parties

def iban(country, bban):
    """A syntactically valid IBAN (ISO 13616 mod-97 check digits) from a BBAN, grouped by 4."""
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


SENDERS = {
    "de": dict(
        name="Elbtal Finanzvermittlung GmbH", street="Große Bleichen 12", postcode="20354", city="Hamburg",
        country="DE", phone="+49 40 3019 4480", email="buchhaltung@elbtal-finanz.example",
        web="www.elbtal-finanz.example", vat_id="DE287654321", tax_no="46/734/01882",
        register="Amtsgericht Hamburg HRB 145882", management="Jörg Weißenböck, Anne-Kathrin Süß",
        bank=dict(name="Hamburger Sparkasse", iban=iban("DE", "200505501002538477"), bic="HASPDEHHXXX")),
    "pl": dict(
        name="Nordhafen Finanse Sp. z o.o.", street="ul. Grzybowska 5A", postcode="00-132", city="Warszawa",
        country="PL", phone="+48 22 654 17 30", email="faktury@nordhafen-finanse.example",
        web="www.nordhafen-finanse.example", vat_id="PL5272814395", tax_no="527-281-43-95",
        register="Sąd Rejonowy dla m.st. Warszawy, XII Wydział Gospodarczy KRS, KRS 0000512345, kapitał zakładowy 500 000,00 zł",
        management="Łukasz Wiśniewski (Prezes Zarządu), Bożena Dąbrowska",
        bank=dict(name="mBank S.A.", iban=iban("PL", "109010140000071219812874"), bic="BREXPLPWXXX")),
    "es": dict(
        name="Levante Leasing y Servicios S.L.", street="Calle de Colón, 22", postcode="46004", city="Valencia",
        country="ES", phone="+34 963 521 840", email="facturacion@levante-leasing.example",
        web="www.levante-leasing.example", vat_id="ESB98765432", tax_no="B98765432",
        register="Registro Mercantil de Valencia, Tomo 10.234, Folio 56, Hoja V-178.543",
        management="Begoña Ibáñez Muñoz (Administradora única)",
        bank=dict(name="CaixaBank, S.A.", iban=iban("ES", "21000418450200051332"), bic="CAIXESBBXXX")),
    "ch": dict(
        name="Rheinblick Treuhand AG", street="Bahnhofstrasse 51", postcode="8001", city="Zürich",
        country="CH", phone="+41 44 215 60 00", email="debitoren@rheinblick-treuhand.example",
        web="www.rheinblick-treuhand.example", vat_id="CHE-116.281.710 MWST", tax_no="CHE-116.281.710",
        register="Handelsregister des Kantons Zürich, CHE-116.281.710", management="Dr. Urs Bärtschi, Séverine Fässler",
        bank=dict(name="Zürcher Kantonalbank", iban=iban("CH", "0070011000012345678"), bic="ZKBKCHZZ80A")),
    "gb": dict(
        name="Thames Motor Finance Ltd", street="14 Bishopsgate", postcode="EC2N 4AJ", city="London",
        country="GB", phone="+44 20 7946 0815", email="accounts@thames-motor-finance.example",
        web="www.thames-motor-finance.example", vat_id="GB 284 5513 07", tax_no="",
        register="Registered in England and Wales, company no. 09876543", management="Siobhán O'Dwyer, Chloë Ashworth",
        bank=dict(name="Barclays Bank UK PLC", iban=iban("GB", "BUKB20201555555555"), bic="BUKBGB22")),
}

LESSORS = {
    "de": dict(SENDERS["de"], name="Südwest Mobilien-Leasing GmbH & Co. KG", street="Königstraße 44",
               postcode="70173", city="Stuttgart", email="vertrag@suedwest-leasing.example",
               web="www.suedwest-leasing.example", vat_id="DE311208745", tax_no="99012/34567",
               register="Amtsgericht Stuttgart HRA 738214", management="Dr. Matthias Größle, Sabine Kühn",
               bank=dict(name="Baden-Württembergische Bank", iban=iban("DE", "600501010002837465"), bic="SOLADEST600")),
    "pl": SENDERS["pl"],
    "es": SENDERS["es"],
}

RECIPIENTS = {
    "de": dict(name="Bäckerei Größer e.K.", attention="Frau Bärbel Größer", street="Schloßallee 17",
               postcode="90402", city="Nürnberg", country="DE", customer_no="K-104821",
               email="b.groesser@baeckerei-groesser.example"),
    "de2": dict(name="Fußmann & Söhne Gerätebau GmbH & Co. KG", attention="Herrn Jürgen-Matthäus Fußmann",
                street="Mühlenstraße 3a", postcode="35390", city="Gießen", country="DE", customer_no="K-100317"),
    "pl": dict(name="Hurtownia Łożysk Ślęzak Sp. z o.o.", attention="Pani Małgorzata Żółkowska",
               street="ul. Żeromskiego 22/26", postcode="35-010", city="Rzeszów", country="PL",
               customer_no="KL-20417"),
    "pl2": dict(name="Przedsiębiorstwo Transportowe Mańkowski i Wspólnicy S.A.", attention="Pan Wojciech Ćwikliński",
                street="al. Niepodległości 213", postcode="90-367", city="Łódź", country="PL", customer_no="KL-30955"),
    "es": dict(name="Talleres Mecánicos Castañeda S.L.", attention="D. Íñigo Núñez Peña",
               street="Calle del Cañón, 58", postcode="11001", city="Cádiz", country="ES", customer_no="C-55012"),
    "es2": dict(name="Distribuciones Ibáñez y Peña S.A.", attention="Dña. María Jesús Domínguez",
                street="Avenida de la Constitución, 114", postcode="29002", city="Málaga", country="ES",
                customer_no="C-61877"),
    "ch": dict(name="Confiserie Müller-Bärtschi GmbH", attention="Frau Zoë Gränicher", street="Spitalgasse 4",
               postcode="3011", city="Bern", country="CH", customer_no="D-7781"),
    "fr": dict(name="Boulangerie Lefèvre & Fils SARL", attention="M. François Lefèvre", street="12, rue de la République",
               postcode="69002", city="Lyon", country="FR", customer_no="K-109377"),
    "gb": dict(name="Ashworth & Brontë Logistics Ltd", attention="Mr Seán Ó Briain", street="27 Wharf Road",
               postcode="M1 2DX", city="Manchester", country="GB", customer_no="C-8812"),
}

LANG_OF = {"de": "de", "de2": "de", "pl": "pl", "pl2": "pl", "es": "es", "es2": "es", "ch": "de", "gb": "en", "fr": "fr"}
LOCALE_OF = {"de": "de-DE", "pl": "pl-PL", "es": "es-ES", "ch": "de-CH", "gb": "en-GB"}
CURRENCY_OF = {"de": "EUR", "pl": "PLN", "es": "EUR", "ch": "CHF", "gb": "GBP"}


# ---------------------------------------------------------------- locale formatting (for expected.json only)

def fmt_amount(v, locale):
    """The amount as the templates print it, without currency: grouping + decimal comma/point.

    pl-PL groups with U+00A0 (written here as a plain space; the tests normalise all spaces);
    thousands are grouped from 1 000 on in every locale (PressTemplate does not apply CLDR's
    minimumGroupingDigits 2 of pl/es; the tests accept both spellings of four-digit amounts)."""
    v = r2(v)
    neg = v < 0
    q = abs(v)
    whole, frac = divmod(int(q * 100), 100)
    group, dec = {"de-DE": (".", ","), "pl-PL": (" ", ","), "es-ES": (".", ","),
                  "de-CH": ("’", "."), "en-GB": (",", "."), "fr-FR": (" ", ",")}[locale]
    s = str(whole)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    s = group.join(parts)
    return ("-" if neg else "") + s + dec + f"{frac:02d}"


# ---------------------------------------------------------------- invoices

ITEMS_DE = [
    ("Vermittlungsprovision Immobilienfinanzierung", "Pauschale", 19), ("Beratungsleistung Baufinanzierung", "Std", 19),
    ("Bonitätsprüfung und Schufa-Auskunft", "Stk", 19), ("Wertgutachten Eigentumswohnung", "Stk", 19),
    ("Fachbuch „Grundstücksrecht für Praktiker“", "Stk", 7), ("Schulung Außendienst: Kreditvermittlung", "Tag", 19),
    ("Gebühr Grundbuchauszug", "Stk", 19), ("Fahrtkosten Kundentermin Würzburg", "km", 19),
    ("Softwarelizenz Maklerportal, Jahresabo", "Stk", 19), ("Zeitschrift „Finanzmärkte aktuell“, Abo", "Stk", 7),
    ("Erstellung Finanzierungsexposé inkl. Grundrissaufbereitung", "Stk", 19), ("Übersetzung Vertragsunterlagen", "Seite", 19),
    ("Kopier- und Versandkosten", "Pauschale", 19), ("Notarterminbegleitung", "Std", 19),
]
ITEMS_PL = [
    ("Prowizja za pośrednictwo kredytowe", "usł.", 23), ("Doradztwo finansowe – leasing floty", "godz.", 23),
    ("Analiza zdolności kredytowej", "szt.", 23), ("Wycena nieruchomości w Łodzi", "szt.", 23),
    ("Książka „Prawo bankowe w praktyce”", "szt.", 5), ("Szkolenie handlowców: sprzedaż ubezpieczeń", "usł.", 23),
    ("Opłata za odpis z księgi wieczystej", "szt.", 23), ("Dojazd do klienta – Częstochowa", "km", 23),
    ("Licencja oprogramowania – portal pośrednika", "szt.", 23), ("Usługa cateringowa – spotkanie z klientem", "usł.", 8),
]
ITEMS_ES = [
    ("Comisión por intermediación hipotecaria", "ud.", 21), ("Asesoría financiera – renting de flota", "h", 21),
    ("Informe de solvencia del cliente", "ud.", 21), ("Tasación de vivienda en Córdoba", "ud.", 21),
    ("Libro «Derecho mercantil práctico»", "ud.", 4), ("Formación comercial: seguros de vida", "día", 21),
    ("Nota simple del Registro de la Propiedad", "ud.", 21), ("Desplazamiento a Logroño", "km", 21),
    ("Licencia de software – portal del mediador", "ud.", 21), ("Servicio de catering – reunión con cliente", "serv.", 10),
]
ITEMS_CH = [
    ("Treuhandmandat Jahresabschluss 2025", "Pauschale", Decimal("8.1")), ("Lohnbuchhaltung, Monatsverarbeitung", "Std", Decimal("8.1")),
    ("Steuererklärung natürliche Person", "Stk", Decimal("8.1")), ("Fachzeitschrift „Der Schweizer Treuhänder“", "Stk", Decimal("2.6")),
]
ITEMS_FR = [
    ("Commission d’intermédiation – crédit immobilier", "forfait", 19), ("Conseil en financement, séance", "h", 19),
    ("Étude de solvabilité", "pièce", 19), ("Traduction du contrat de crédit (allemand → français)", "page", 19),
    ("Ouvrage « Le droit bancaire européen »", "pièce", 7),
]
ITEMS_GB = [
    ("Arrangement fee – vehicle finance", "each", 20), ("Valuation report, Ford Transit", "each", 20),
    ("Courier of signed agreements", "each", 20), ("Road fund licence (outside the scope of VAT)", "each", 0),
]
ATTR = {
    "de": ["Vorgang 2026/117", "gemäß Angebot vom 02.10.2026", "Objekt Lübeck, Fürstenwall 9", "Kunde Schäfer",
           "Zeitraum Oktober 2026", "inkl. Anfahrt", "Objekt Görlitz, Straßburgpassage", "Akte Köhler/Jäger"],
    "pl": ["sprawa 2026/117", "zgodnie z ofertą z 02.10.2026", "obiekt Gdańsk, ul. Długa 7", "klient Woźniak",
           "okres: październik 2026", "z dojazdem", "obiekt Toruń, ul. Źródlana 3", "akta Bańkowski"],
    "es": ["expediente 2026/117", "según oferta del 02/10/2026", "inmueble en Ávila, Plaza Mayor 3", "cliente Sáez",
           "periodo: octubre 2026", "desplazamiento incluido", "inmueble en Jaén, Calle Martínez 9", "dossier Gómez"],
}


def make_items(rng, pool, attrs, n, qty_decimals=True):
    items = []
    for p in range(1, n + 1):
        desc, unit, rate = rng.choice(pool)
        if attrs and rng.random() < 0.55:
            desc += ", " + rng.choice(attrs)
        if unit in ("Std", "godz.", "h", "km"):
            qty = D(rng.randint(2, 160)) / 4 if qty_decimals else D(rng.randint(1, 40))
        elif unit in ("Pauschale", "usł.", "serv.", "forfait"):
            qty = D(1)
        else:
            qty = D(rng.randint(1, 12))
        price = D(rng.choice([rng.randint(150, 9900), rng.randint(2500, 48000), rng.randint(9000, 180000)])) / 100
        if unit == "km":
            price = D("0.42")
        items.append(dict(pos=p, sku=f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}", description=desc,
                          quantity=qty, unit=unit, unit_price=price, vat_rate=D(rate)))
    return items


def invoice_totals(items):
    """line amount = r2(qty * unit price); VAT per rate = r2(sum of line amounts at that rate * rate / 100)."""
    per_rate = {}
    net = Decimal(0)
    for it in items:
        amount = r2(D(it["quantity"]) * D(it["unit_price"]))
        net += amount
        per_rate[D(it["vat_rate"])] = per_rate.get(D(it["vat_rate"]), Decimal(0)) + amount
    vat = sum((r2(base * rate / 100) for rate, base in per_rate.items()), Decimal(0))
    return net, vat, net + vat


def invoice(key, number, issued, items, *, kind="invoice", payment_days=14, discount=None, extra=None,
            sender_key=None, service_period=None, order_ref=None, note=None):
    lang_key = sender_key or key.rstrip("2")
    rec = dict(RECIPIENTS[key])
    customer_no = rec.pop("customer_no")
    rec.pop("email", None)
    doc = dict(type=kind, number=number, date=issued.isoformat(), customer_no=customer_no)
    if order_ref:
        doc["order_ref"] = order_ref
    if service_period:
        doc["service_period"] = dict(start=service_period[0].isoformat(), end=service_period[1].isoformat())
    doc["payment_days"] = payment_days
    if discount:
        doc["discount"] = dict(percent=D(discount[0]), days=discount[1])
    if extra:
        doc.update(extra)
    data = dict(language=LANG_OF[key], currency=CURRENCY_OF[lang_key], document=doc,
                sender=SENDERS[lang_key], recipient=rec, items=items)
    if note:
        data["note"] = note
    return data


def strip_items(items, keep=("pos", "description", "quantity", "unit", "unit_price", "vat_rate")):
    return [{k: v for k, v in it.items() if k in keep} for it in items]


# ---------------------------------------------------------------- dunning

def dunning_totals(data):
    """days overdue = letter date - due date; interest (level 3 only) per item =
    r2(open * rate / 100 * days / 365); total = open amounts + fee + interest."""
    letter = date.fromisoformat(data["document"]["date"])
    level = data["document"]["level"]
    rate = D(data.get("terms", {}).get("interest_rate", 0))
    fee = D(data.get("terms", {}).get("fee", 0)) if level >= 2 else Decimal(0)
    open_sum = Decimal(0)
    interest = Decimal(0)
    for it in data["items"]:
        days = (letter - date.fromisoformat(it["due_date"])).days
        o = D(it["open_amount"])
        open_sum += o
        if level >= 3:
            interest += r2(o * rate / 100 * D(days) / 365)
    return open_sum, fee, interest, open_sum + fee + interest


DUN_DOCS = {"de": "RE-2026-", "pl": "FV/2026/", "es": "F-2026-"}


def dunning_items(rng, lang, n, letter, min_days=8, max_days=200):
    items = []
    for i in range(n):
        due = letter - timedelta(days=rng.randint(min_days, max_days))
        issued = due - timedelta(days=rng.choice([14, 14, 30]))
        amount = D(rng.randint(4000, 650000)) / 100
        paid = Decimal(0) if rng.random() < 0.8 else r2(amount * D(rng.randint(10, 70)) / 100)
        prefix = DUN_DOCS[lang]
        number = f"{prefix}{rng.randint(1000, 9999):04d}" if lang != "pl" else f"{prefix}{rng.randint(10, 12)}/{rng.randint(100, 999)}"
        items.append(dict(document=number, date=issued.isoformat(), due_date=due.isoformat(),
                          amount=amount, open_amount=amount - paid))
    items.sort(key=lambda it: (it["due_date"], it["document"]))
    return items


DUN_TERMS = {
    # fee: flat dunning fee charged from level 2; interest_rate: yearly % applied at level 3
    "de": dict(fee=D("5.00"), interest_rate=D("11.27"), deadline_days=10),   # base rate 2.27 % + 9 points (§ 288 BGB)
    "pl": dict(fee=D("40.00"), interest_rate=D("15.25"), deadline_days=7),   # odsetki ustawowe za opóźnienie w transakcjach handlowych
    "es": dict(fee=D("40.00"), interest_rate=D("10.15"), deadline_days=10),  # interés de demora, Ley 3/2004
}


def dunning(key, number, letter, level, items, *, terms=True):
    lang = key.rstrip("2")
    rec = dict(RECIPIENTS[key])
    customer_no = rec.pop("customer_no")
    rec.pop("email", None)
    data = dict(language=LANG_OF[key], currency=CURRENCY_OF[lang],
                document=dict(number=number, date=letter.isoformat(), level=level, customer_no=customer_no),
                sender=SENDERS[lang], recipient=rec)
    if terms:
        data["terms"] = dict(DUN_TERMS[lang])
    data["items"] = items
    return data


# ---------------------------------------------------------------- contract

def add_months(d, k):
    m = d.month - 1 + k
    y = d.year + m // 12
    m = m % 12 + 1
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return date(y, m, min(d.day, days[m - 1]))


def schedule(data):
    """Annuity schedule, as Templates/contract computes it (closed form, so no running state is needed):
    financed P = sum(object prices) - down payment; i = rate / 1200; q = 1 + i; n = term;
    A = r2(P * i / (1 - q^-n))  (r2(P / n) at 0 %);
    exact balance after k payments B_k = P * q^k - A * (q^k - 1) / i; shown balance b_k = r2(B_k), b_n = 0;
    principal_k = b_(k-1) - b_k, interest_k = A - principal_k for k < n;
    last month: principal_n = b_(n-1), interest_n = r2(b_(n-1) * i), instalment_n = principal_n + interest_n
    (the last instalment absorbs the rounding remainder).
    Due dates: start date + (k - 1) months, day clamped to the month's length."""
    c = data["contract"]
    price = sum((D(o["price"]) for o in data["objects"]), Decimal(0))
    financed = price - D(c.get("down_payment", 0))
    n = int(c["term_months"])
    i = D(c["interest_rate"]) / 1200
    q = 1 + i
    a = r2(financed / n) if i == 0 else r2(financed * i / (1 - 1 / q ** n))

    def shown(k):
        if k == 0:
            return financed
        if k >= n:
            return Decimal(0)
        exact = financed - a * k if i == 0 else financed * q ** k - a * (q ** k - 1) / i
        return r2(exact)

    rows = []
    start = date.fromisoformat(c["start_date"])
    for k in range(1, n + 1):
        prev, bal = shown(k - 1), shown(k)
        if k < n:
            principal = prev - bal
            interest = a - principal
        else:
            principal = prev
            interest = r2(prev * i)
        rows.append((add_months(start, k - 1), principal + interest, interest, principal, bal))
    return price, financed, a, rows


CLAUSES = {
    "de": [
        ("Vertragsgegenstand", [
            "Der Leasinggeber überlässt dem Leasingnehmer die in Anlage 1 bezeichneten Leasingobjekte zum Gebrauch für die vereinbarte Grundlaufzeit. Der Leasingnehmer hat die Objekte selbst beim Lieferanten ausgewählt.",
            "Eigentümer der Leasingobjekte bleibt während der gesamten Vertragslaufzeit der Leasinggeber. Eine Weitervermietung oder Überlassung an Dritte bedarf seiner vorherigen schriftlichen Zustimmung."]),
        ("Laufzeit und Leasingraten", [
            "Die Grundlaufzeit beginnt mit dem im Vertrag genannten Beginndatum. Die Leasingraten sind monatlich im Voraus fällig und werden im SEPA-Lastschriftverfahren eingezogen.",
            "Die Höhe der Raten ergibt sich aus dem Zahlungsplan in Anlage 2. Gerät der Leasingnehmer mit einer Rate in Verzug, schuldet er Verzugszinsen in gesetzlicher Höhe."]),
        ("Lieferung und Übernahme", [
            "Der Leasingnehmer bestätigt die ordnungsgemäße Übernahme der Objekte durch eine Übernahmebestätigung. Mängel sind dem Lieferanten und dem Leasinggeber unverzüglich schriftlich anzuzeigen."]),
        ("Gebrauch, Wartung und Instandhaltung", [
            "Der Leasingnehmer hat die Objekte pfleglich zu behandeln, nach den Vorgaben des Herstellers warten zu lassen und auf eigene Kosten in einem betriebsbereiten Zustand zu erhalten.",
            "Änderungen und Einbauten sind nur mit Zustimmung des Leasinggebers zulässig; sie gehen bei Vertragsende entschädigungslos in dessen Eigentum über, soweit sie nicht ohne Beschädigung entfernt werden können."]),
        ("Versicherung und Gefahrtragung", [
            "Der Leasingnehmer trägt die Gefahr des zufälligen Untergangs, des Verlustes und der Beschädigung. Er schließt eine Vollkaskoversicherung ab und tritt die Ansprüche hieraus an den Leasinggeber ab."]),
        ("Gewährleistung", [
            "Der Leasinggeber tritt seine Gewährleistungsansprüche gegen den Lieferanten an den Leasingnehmer ab. Der Leasingnehmer ist verpflichtet, diese Ansprüche im eigenen Namen geltend zu machen."]),
        ("Kündigung", [
            "Eine ordentliche Kündigung während der Grundlaufzeit ist ausgeschlossen. Das Recht zur außerordentlichen Kündigung aus wichtigem Grund bleibt unberührt; ein wichtiger Grund liegt insbesondere vor, wenn der Leasingnehmer mit zwei aufeinanderfolgenden Raten in Verzug gerät."]),
        ("Rückgabe", [
            "Nach Vertragsende sind die Objekte mit allen Schlüsseln, Unterlagen und Zubehör in einem dem Alter entsprechenden Zustand an einen vom Leasinggeber benannten Ort in Deutschland zurückzugeben."]),
        ("Datenschutz", [
            "Der Leasinggeber verarbeitet personenbezogene Daten des Leasingnehmers ausschließlich zur Durchführung dieses Vertrags nach Art. 6 Abs. 1 lit. b DSGVO. Einzelheiten enthält das beigefügte Datenschutzmerkblatt."]),
        ("Schlussbestimmungen", [
            "Änderungen und Ergänzungen dieses Vertrags bedürfen der Schriftform. Sollte eine Bestimmung unwirksam sein, bleibt die Wirksamkeit der übrigen Bestimmungen unberührt. Gerichtsstand ist Stuttgart."]),
    ],
    "pl": [
        ("Przedmiot umowy", [
            "Finansujący oddaje Korzystającemu do używania przedmioty leasingu określone w Załączniku nr 1 na czas oznaczony w umowie. Korzystający samodzielnie wybrał przedmioty leasingu oraz ich zbywcę.",
            "Przez cały okres obowiązywania umowy właścicielem przedmiotów leasingu pozostaje Finansujący. Oddanie przedmiotów w podnajem lub do używania osobom trzecim wymaga jego uprzedniej pisemnej zgody."]),
        ("Okres leasingu i raty", [
            "Okres leasingu rozpoczyna się w dniu wskazanym w umowie. Raty leasingowe płatne są miesięcznie z góry na rachunek bankowy Finansującego.",
            "Wysokość rat określa harmonogram spłat stanowiący Załącznik nr 2. W razie opóźnienia w zapłacie Korzystający zapłaci odsetki ustawowe za opóźnienie w transakcjach handlowych."]),
        ("Wydanie przedmiotu leasingu", [
            "Korzystający potwierdza odbiór przedmiotów leasingu protokołem zdawczo-odbiorczym. O wadach należy niezwłocznie zawiadomić zbywcę oraz Finansującego na piśmie."]),
        ("Używanie i konserwacja", [
            "Korzystający używa przedmiotów leasingu zgodnie z ich przeznaczeniem, zleca przeglądy zgodnie z zaleceniami producenta i utrzymuje je na własny koszt w należytym stanie technicznym."]),
        ("Ubezpieczenie", [
            "Korzystający ponosi ryzyko utraty i uszkodzenia przedmiotów leasingu. Zobowiązuje się do zawarcia umowy ubezpieczenia AC i OC oraz do cesji praw z polisy na rzecz Finansującego."]),
        ("Rękojmia", [
            "Finansujący przenosi na Korzystającego uprawnienia z tytułu rękojmi i gwarancji przysługujące mu wobec zbywcy. Korzystający dochodzi tych roszczeń we własnym imieniu."]),
        ("Wypowiedzenie umowy", [
            "Finansujący może wypowiedzieć umowę ze skutkiem natychmiastowym, jeżeli Korzystający dopuszcza się zwłoki z zapłatą co najmniej jednej raty, po wyznaczeniu mu na piśmie dodatkowego terminu czternastodniowego."]),
        ("Zwrot przedmiotu leasingu", [
            "Po zakończeniu umowy Korzystający zwraca przedmioty leasingu wraz z kluczami, dokumentami i wyposażeniem w stanie niepogorszonym ponad normalne zużycie, w miejscu wskazanym przez Finansującego."]),
        ("Ochrona danych osobowych", [
            "Finansujący przetwarza dane osobowe Korzystającego wyłącznie w celu wykonania umowy na podstawie art. 6 ust. 1 lit. b RODO. Szczegóły zawiera załączona klauzula informacyjna."]),
        ("Postanowienia końcowe", [
            "Zmiany umowy wymagają formy pisemnej pod rygorem nieważności. W sprawach nieuregulowanych stosuje się przepisy Kodeksu cywilnego. Sądem właściwym jest sąd siedziby Finansującego."]),
    ],
    "es": [
        ("Objeto del contrato", [
            "El arrendador cede al arrendatario el uso de los bienes descritos en el Anexo I durante el plazo pactado. El arrendatario ha elegido libremente los bienes y su proveedor.",
            "El arrendador conserva la propiedad de los bienes durante toda la vigencia del contrato. El subarriendo o la cesión a terceros requieren su consentimiento previo por escrito."]),
        ("Duración y cuotas", [
            "El plazo comienza en la fecha de inicio indicada en el contrato. Las cuotas son mensuales, pagaderas por anticipado y se cargarán mediante adeudo directo SEPA.",
            "El importe de las cuotas figura en el cuadro de amortización del Anexo II. En caso de demora se devengará el interés de demora previsto en la Ley 3/2004."]),
        ("Entrega y recepción", [
            "El arrendatario confirma la recepción de los bienes mediante un acta de entrega. Los defectos deberán comunicarse sin demora y por escrito al proveedor y al arrendador."]),
        ("Uso y mantenimiento", [
            "El arrendatario usará los bienes conforme a su destino, realizará las revisiones indicadas por el fabricante y los mantendrá a su cargo en perfecto estado de funcionamiento."]),
        ("Seguro y riesgo", [
            "El arrendatario asume el riesgo de pérdida, robo y daño de los bienes. Contratará un seguro a todo riesgo y cederá al arrendador los derechos de indemnización derivados de la póliza."]),
        ("Garantía", [
            "El arrendador cede al arrendatario las acciones de saneamiento y garantía que le correspondan frente al proveedor; el arrendatario las ejercitará en su propio nombre."]),
        ("Resolución", [
            "El arrendador podrá resolver el contrato si el arrendatario incurre en mora en el pago de dos cuotas consecutivas, sin perjuicio de reclamar las cuotas vencidas y la indemnización que proceda."]),
        ("Devolución", [
            "A la terminación del contrato, el arrendatario devolverá los bienes con sus llaves, documentación y accesorios, en buen estado salvo el desgaste normal, en el lugar que indique el arrendador."]),
        ("Protección de datos", [
            "El arrendador tratará los datos personales del arrendatario únicamente para la ejecución del contrato (art. 6.1.b RGPD). La información detallada figura en el anexo de protección de datos."]),
        ("Disposiciones finales", [
            "Toda modificación del contrato requerirá la forma escrita. La nulidad de una cláusula no afectará a la validez de las restantes. Las partes se someten a los juzgados y tribunales de Valencia."]),
    ],
}

OBJECTS = {
    "de": [("Kühltheke „Frischemeister 3000“, Edelstahl", "Bizerba"), ("Etagenbackofen Typ MIWE condo", "MIWE"),
           ("Lieferwagen VW Crafter 35 Kasten", "Volkswagen"), ("Teigknetmaschine Spiralkneter SP 80", "Diosna"),
           ("Kassensystem mit Waage, 3 Plätze", "Bizerba"), ("Gabelstapler Linde E20, Elektro", "Linde")],
    "pl": [("Ciągnik siodłowy Volvo FH 500", "Volvo"), ("Naczepa chłodnia Schmitz Cargobull", "Schmitz"),
           ("Wózek widłowy Jungheinrich EFG 220", "Jungheinrich"), ("Samochód dostawczy Iveco Daily 35S", "Iveco"),
           ("Regały magazynowe wysokiego składowania", "Mecalux")],
    "es": [("Furgoneta Renault Trafic L2H1", "Renault"), ("Elevador de dos columnas 4 t", "Ravaglioli"),
           ("Máquina de diagnosis multimarca", "Bosch"), ("Compresor de tornillo 15 kW", "Atlas Copco"),
           ("Turismo SEAT León 1.5 eTSI", "SEAT")],
}


def contract(key, number, signed, start, term, rate, down, objects, clauses, *, extra=None):
    lang = key.rstrip("2")
    rec = dict(RECIPIENTS[key])
    customer_no = rec.pop("customer_no")
    rec.pop("email", None)
    c = dict(number=number, date=signed.isoformat(), start_date=start.isoformat(), term_months=term,
             interest_rate=D(rate), down_payment=D(down), customer_no=customer_no)
    if extra:
        c.update(extra)
    return dict(language=LANG_OF[key], currency=CURRENCY_OF[lang], contract=c, lessor=LESSORS[lang],
                lessee=rec, objects=objects,
                clauses=[dict(title=t, paragraphs=list(p)) for t, p in clauses])


def contract_objects(rng, lang, n, serial_prefix):
    out = []
    for i in range(n):
        desc, maker = rng.choice(OBJECTS[lang])
        out.append(dict(description=desc, manufacturer=maker, serial_no=f"{serial_prefix}{rng.randint(100000, 999999)}",
                        year=rng.choice([2025, 2026]), price=D(rng.randint(850000, 9800000)) / 100))
    return out


# ---------------------------------------------------------------- commission

def commission_totals(data):
    """commission per order = r2(base * rate / 100); net = commissions - clawbacks;
    VAT = r2(net * vat_rate / 100) (0 unless the broker is VAT-liable);
    reserve retained = r2(net * reserve rate / 100);
    payout = net + VAT - deductions - advances - reserve retained + reserve released."""
    com = sum((r2(D(c["base"]) * D(c["rate"]) / 100) for c in data["commissions"]), Decimal(0))
    claw = sum((D(c["amount"]) for c in data.get("clawbacks", [])), Decimal(0))
    ded = sum((D(c["amount"]) for c in data.get("deductions", [])), Decimal(0))
    adv = sum((D(c["amount"]) for c in data.get("advances", [])), Decimal(0))
    net = com - claw
    vat = r2(net * D(data["broker"].get("vat_rate", 0)) / 100)
    res = data.get("reserve", {})
    retained = r2(net * D(res.get("rate", 0)) / 100)
    released = D(res.get("released", 0))
    return dict(commissions=com, clawbacks=claw, net=net, vat=vat, deductions=ded, advances=adv,
                retained=retained, released=released, payout=net + vat - ded - adv - retained + released)


BROKERS = {
    "de": dict(name="Finanzkontor Jäger & Schäfer GbR", attention="Herrn Sören Jäger", street="Am Südhang 8",
               postcode="97070", city="Würzburg", country="DE", broker_no="VM-2231", tax_no="257/123/45678",
               vat_id="DE298765432", vat_rate=D(19),
               bank=dict(name="Sparkasse Mainfranken Würzburg", iban=iban("DE", "790500000046573829"), bic="BYLADEM1SWU")),
    "pl": dict(name="Biuro Pośrednictwa Finansowego Ewelina Bańkowska", attention="Pani Ewelina Bańkowska",
               street="ul. Świętokrzyska 30/63", postcode="00-116", city="Warszawa", country="PL", broker_no="P-0815",
               tax_no="951-203-77-12", vat_id="PL9512037712", vat_rate=D(23),
               bank=dict(name="PKO Bank Polski S.A.", iban=iban("PL", "102010260000042270201111"), bic="BPKOPLPW")),
    "es": dict(name="Sebastián Gómez Sáez", attention="", street="Paseo de la Alameda, 35, 4.º B",
               postcode="46023", city="Valencia", country="ES", broker_no="AG-114", tax_no="12345678Z",
               vat_id="ES12345678Z", vat_rate=D(21),
               bank=dict(name="Banco Santander, S.A.", iban=iban("ES", "00490075082110458719"), bic="BSCHESMMXXX")),
    "gb": dict(name="Brontë & Ó Briain Finance Brokers LLP", attention="Ms Aoife Ó Briain", street="3 Quay Street",
               postcode="M3 3HN", city="Manchester", country="GB", broker_no="BR-207", tax_no="",
               vat_id="GB 123 4567 89", vat_rate=D(20),
               bank=dict(name="HSBC UK Bank plc", iban=iban("GB", "HBUK40127612345678"), bic="HBUKGB4B")),
}
COMPANY_OF = {"de": "de", "pl": "pl", "es": "es", "gb": "gb"}
PRODUCTS = {
    "de": ["Baufinanzierung", "Ratenkredit", "Kfz-Leasing", "Gewerbeleasing", "Bausparvertrag", "Restschuldversicherung"],
    "pl": ["Kredyt hipoteczny", "Kredyt gotówkowy", "Leasing samochodu", "Leasing maszyn", "Ubezpieczenie na życie"],
    "es": ["Hipoteca", "Préstamo personal", "Renting de vehículo", "Leasing de maquinaria", "Seguro de vida"],
    "gb": ["Hire purchase", "Finance lease", "Contract hire", "Business loan", "Asset refinance"],
}
CUSTOMERS = {
    "de": ["Weiß, Käthe", "Köhler GmbH", "Strauß, Björn", "Hölzl & Krüger OHG", "Müller, Günter", "Bäckerei Schröder",
           "Jäger, Hannelore", "Möbelhaus Fußmann OHG", "Öztürk, Ömer", "Schäfer, Frauke"],
    "pl": ["Woźniak, Grzegorz", "Łapiński Sp. z o.o.", "Dąbrowska, Żaneta", "Kowalczyk i Syn", "Ślęzak, Mikołaj",
           "Sienkiewicz, Bożena", "Zakład Usługowy Mańkowski", "Ćwikliński, Zdzisław"],
    "es": ["Núñez, José", "Muñoz Peña S.L.", "García, Begoña", "Ibáñez, Andrés", "Talleres Sáez S.L.",
           "Domínguez, Inés", "Martínez, Nuria", "Castañeda, Ramón"],
    "gb": ["Ó Murchú, Pádraig", "Brontë Bakeries Ltd", "Ashworth, Zoë", "Naïve Café Ltd", "Beyoncé Lettings Ltd"],
}


def commission(key, number, issued, period, coms, clawbacks, deductions, advances, reserve):
    data = dict(language="en" if key == "gb" else key, currency=CURRENCY_OF[key],
                statement=dict(number=number, date=issued.isoformat(),
                               period=dict(start=period[0].isoformat(), end=period[1].isoformat())),
                company=SENDERS[COMPANY_OF[key]], broker=BROKERS[key], commissions=coms)
    if clawbacks is not None:
        data["clawbacks"] = clawbacks
    if deductions is not None:
        data["deductions"] = deductions
    if advances is not None:
        data["advances"] = advances
    if reserve is not None:
        data["reserve"] = reserve
    return data


def make_commissions(rng, key, n, period):
    out = []
    prefix = {"de": "AU-", "pl": "ZL/", "es": "PED-", "gb": "ORD-"}[key]
    span = (period[1] - period[0]).days
    for i in range(n):
        base = D(rng.choice([rng.randint(500000, 4000000), rng.randint(1500000, 45000000)])) / 100
        out.append(dict(order_no=f"{prefix}{rng.randint(100000, 999999)}", customer=rng.choice(CUSTOMERS[key]),
                        product=rng.choice(PRODUCTS[key]),
                        paid_on=(period[0] + timedelta(days=rng.randint(0, span))).isoformat(),
                        base=base, rate=D(rng.choice(["0.75", "1.25", "1.5", "2", "2.5", "3.2"]))))
    out.sort(key=lambda c: (c["paid_on"], c["order_no"]))
    return out


# ---------------------------------------------------------------- the fixture set

def build():
    rng = random.Random(SEED)
    fx = {}      # name -> data
    exp = {}     # name -> expectations
    xml_twins = []

    # --- invoices -------------------------------------------------------------------------
    def add_invoice(name, data, locale, min_pages=1, max_pages=None):
        net, vat, gross = invoice_totals(data["items"])
        fx[name] = data
        exp[name] = dict(family="invoice", language=data["language"], locale=locale,
                         recipient=data["recipient"]["name"], number=data["document"]["number"],
                         total=fmt_amount(gross, locale), total_value=format(gross, "f"),
                         min_pages=min_pages, max_pages=max_pages)

    d = date(2026, 11, 16)
    items = strip_items(make_items(rng, ITEMS_DE, ATTR["de"], 18))
    add_invoice("invoice-de", invoice("de", "RE-2026-004711", d, items, payment_days=14, discount=("2", 7),
                                      order_ref="Ihre Bestellung 4500187342 vom 28.10.2026",
                                      service_period=(date(2026, 10, 1), date(2026, 10, 31)),
                                      note="Vielen Dank für Ihren Auftrag. Wir freuen uns auf die weitere Zusammenarbeit."),
                "de-DE", 1, 3)
    xml_twins.append("invoice-de")

    # the cancelled invoice RE-2026-004711 is answered by a credit note and a new invoice
    credit_items = []
    for it in items:
        c = dict(it)
        c["quantity"] = -D(it["quantity"])
        credit_items.append(c)
    add_invoice("invoice-de-credit-note", invoice(
        "de", "GS-2026-000087", date(2026, 11, 20), credit_items, kind="credit_note", payment_days=0,
        extra=dict(corrects=dict(number="RE-2026-004711", date="2026-11-16"),
                   reason="Stornierung wegen falscher Rechnungsanschrift (Filiale statt Hauptsitz)")), "de-DE", 1, 3)
    new_items = [dict(it) for it in items]
    new_items[2]["quantity"] = D(new_items[2]["quantity"]) + 1
    add_invoice("invoice-de-corrected", invoice(
        "de", "RE-2026-004790", date(2026, 11, 20), new_items, payment_days=14, discount=("2", 7),
        service_period=(date(2026, 10, 1), date(2026, 10, 31)),
        extra=dict(replaces=dict(number="RE-2026-004711", date="2026-11-16", credit_note="GS-2026-000087"))),
        "de-DE", 1, 3)

    add_invoice("invoice-pl", invoice("pl", "FV/2026/11/0342", date(2026, 11, 17),
                                      strip_items(make_items(rng, ITEMS_PL, ATTR["pl"], 24)), payment_days=21,
                                      service_period=(date(2026, 10, 1), date(2026, 10, 31)),
                                      order_ref="Zamówienie nr ZAM/2026/0912",
                                      note="Mechanizm podzielonej płatności."), "pl-PL", 1, 4)
    add_invoice("invoice-es", invoice("es", "F-2026-001583", date(2026, 11, 18),
                                      strip_items(make_items(rng, ITEMS_ES, ATTR["es"], 22)), payment_days=30,
                                      order_ref="Pedido n.º 2026/0456"), "es-ES", 1, 4)
    add_invoice("invoice-ch", invoice("ch", "R-2026-0815", date(2026, 11, 19),
                                      strip_items(make_items(rng, ITEMS_CH, None, 6)), payment_days=30),
                "de-DE", 1, 2)
    # a German broker invoicing a French customer in French (intra-community, reverse charge not modelled)
    add_invoice("invoice-fr", invoice("fr", "RE-2026-004802", date(2026, 11, 19),
                                      strip_items(make_items(rng, ITEMS_FR, None, 22)), payment_days=30,
                                      sender_key="de", order_ref="Votre commande n° BC-2026-118"),
                "fr-FR", 1, 3)
    add_invoice("invoice-gb", invoice("gb", "INV-2026-00412", date(2026, 11, 19),
                                      strip_items(make_items(rng, ITEMS_GB, None, 5)), payment_days=30),
                "en-GB", 1, 2)
    add_invoice("invoice-long", invoice("de2", "RE-2026-005000", date(2026, 11, 21),
                                        strip_items(make_items(rng, ITEMS_DE, ATTR["de"], 640)), payment_days=30,
                                        discount=("3", 10), sender_key="de",
                                        service_period=(date(2026, 1, 1), date(2026, 10, 31)),
                                        order_ref="Rahmenvertrag RV-2024-017"), "de-DE", 10, None)
    # minimal: only the required fields (see README.md)
    minimal = dict(language="es", currency="EUR",
                   document=dict(number="F-2026-000001", date="2026-11-02"),
                   sender=dict(name="Levante Leasing y Servicios S.L.", street="Calle de Colón, 22",
                               postcode="46004", city="Valencia"),
                   recipient=dict(name="Íñigo Núñez Peña", street="Calle del Cañón, 58", postcode="11001",
                                  city="Cádiz"),
                   items=[dict(description="Comisión de apertura", quantity=D(1), unit_price=D("12500.00"),
                               vat_rate=D(21))])
    add_invoice("invoice-minimal", minimal, "es-ES", 1, 1)

    # --- dunning --------------------------------------------------------------------------
    def add_dunning(name, data, locale, min_pages=1, max_pages=None):
        open_sum, fee, interest, total = dunning_totals(data)
        fx[name] = data
        exp[name] = dict(family="dunning", language=data["language"], locale=locale,
                         recipient=data["recipient"]["name"], number=data["document"]["number"],
                         total=fmt_amount(total, locale), total_value=format(total, "f"),
                         min_pages=min_pages, max_pages=max_pages)

    for lang, key2, locale, prefix in (("de", "de", "de-DE", "MA-2026-"), ("pl", "pl", "pl-PL", "WZ/2026/"),
                                       ("es", "es", "es-ES", "REC-2026-")):
        letter = date(2026, 11, 20)
        base_items = dunning_items(rng, lang, 3, letter - timedelta(days=28), 5, 40)
        for level in (1, 2, 3):
            lt = letter + timedelta(days=14 * (level - 1))
            add_dunning(f"dunning-{lang}-level{level}",
                        dunning(key2, f"{prefix}{3000 + level * 7}", lt, level,
                                [dict(it) for it in base_items]), locale, 1, 2)
    xml_twins.append("dunning-es-level3")
    add_dunning("dunning-long", dunning("pl2", "WZ/2026/4411", date(2026, 11, 23), 3,
                                        dunning_items(rng, "pl", 720, date(2026, 11, 23), 10, 420)),
                "pl-PL", 10, None)
    add_dunning("dunning-minimal", dict(
        language="de", currency="EUR",
        document=dict(number="MA-2026-0001", date="2026-11-20", level=1),
        sender=dict(name="Elbtal Finanzvermittlung GmbH", street="Große Bleichen 12", postcode="20354",
                    city="Hamburg"),
        recipient=dict(name="Jürgen Weiß", street="Fürstenwall 9", postcode="23552", city="Lübeck"),
        items=[dict(document="RE-2026-004102", due_date="2026-10-30", open_amount=D("238.00"))]),
        "de-DE", 1, 1)

    # --- contracts ------------------------------------------------------------------------
    def add_contract(name, data, locale, min_pages=1, max_pages=None):
        price, financed, a, rows = schedule(data)
        fx[name] = data
        exp[name] = dict(family="contract", language=data["language"], locale=locale,
                         recipient=data["lessee"]["name"], number=data["contract"]["number"],
                         total=fmt_amount(a, locale), total_value=format(a, "f"),
                         last_instalment=fmt_amount(rows[-1][1], locale),
                         financed=fmt_amount(financed, locale),
                         rows=len(rows), min_pages=min_pages, max_pages=max_pages)

    add_contract("contract-de", contract(
        "de", "LV-2026-00315", date(2026, 11, 2), date(2026, 12, 1), 48, "4.9", "8500.00",
        contract_objects(rng, "de", 3, "WBZ-"), CLAUSES["de"],
        extra=dict(payment_method="SEPA-Lastschrift", place="Stuttgart")), "de-DE", 3, 8)
    add_contract("contract-pl", contract(
        "pl", "UL/2026/0772", date(2026, 11, 5), date(2026, 12, 10), 60, "7.35", "45000.00",
        contract_objects(rng, "pl", 2, "YV2-"), CLAUSES["pl"], extra=dict(place="Warszawa")), "pl-PL", 3, 8)
    xml_twins.append("contract-pl")
    add_contract("contract-es", contract(
        "es", "CL-2026-0193", date(2026, 11, 9), date(2027, 1, 31), 36, "5.25", "3000.00",
        contract_objects(rng, "es", 2, "VF1-"), CLAUSES["es"], extra=dict(place="Valencia")), "es-ES", 3, 8)
    # long: a fleet lease over 72 months with 260 objects in the object list (Anlage 1)
    add_contract("contract-long", contract(
        "de2", "LV-2026-00400", date(2026, 11, 10), date(2027, 1, 1), 72, "3.95", "250000.00",
        contract_objects(rng, "de", 260, "WV1-"), CLAUSES["de"],
        extra=dict(payment_method="SEPA-Lastschrift", place="Stuttgart")), "de-DE", 10, None)
    fx_min = dict(language="pl", currency="PLN",
                  contract=dict(number="UL/2026/0001", date="2026-11-02", start_date="2026-12-01",
                                term_months=36, interest_rate=D("6.9")),
                  lessor=dict(name="Nordhafen Finanse Sp. z o.o.", street="ul. Grzybowska 5A", postcode="00-132",
                              city="Warszawa"),
                  lessee=dict(name="Zdzisław Łapiński", street="ul. Łąkowa 7", postcode="87-100", city="Toruń"),
                  objects=[dict(description="Koparka gąsienicowa Caterpillar 320", price=D("385000.00"))])
    add_contract("contract-minimal", fx_min, "pl-PL", 2, 5)

    # --- commission -----------------------------------------------------------------------
    def add_commission(name, data, locale, min_pages=1, max_pages=None):
        t = commission_totals(data)
        fx[name] = data
        exp[name] = dict(family="commission", language=data["language"], locale=locale,
                         recipient=data["broker"]["name"], number=data["statement"]["number"],
                         total=fmt_amount(t["payout"], locale), total_value=format(t["payout"], "f"),
                         min_pages=min_pages, max_pages=max_pages)

    def claws(rng, key, coms, n, reason):
        out = []
        for c in rng.sample(coms, n):
            amt = r2(D(c["base"]) * D(c["rate"]) / 100 * D(rng.choice(["0.5", "1"])))
            out.append(dict(order_no=c["order_no"], customer=c["customer"], reason=reason, amount=amt))
        return out

    period = (date(2026, 10, 1), date(2026, 10, 31))
    for key, locale, number, reason, deds, advs in (
            ("de", "de-DE", "PA-2026-10-0042", "Storno innerhalb der Stornohaftungszeit",
             [("2026-10-31", "Nutzungsgebühr Maklerportal Oktober", "49.00"),
              ("2026-10-31", "Anteil Haftpflichtversicherung", "18.50")],
             [("2026-10-05", "Abschlag Oktober", "1500.00"), ("2026-10-20", "Abschlag Oktober II", "750.00")]),
            ("pl", "pl-PL", "RP/2026/10/0017", "Odstąpienie klienta od umowy",
             [("2026-10-31", "Opłata za dostęp do portalu – październik", "199.00")],
             [("2026-10-10", "Zaliczka na prowizję – październik", "4000.00")]),
            ("es", "es-ES", "LC-2026-10-0031", "Anulación dentro del periodo de garantía",
             [("2026-10-31", "Cuota plataforma de mediadores – octubre", "60.00")],
             [("2026-10-15", "Anticipo de comisiones – octubre", "2000.00")])):
        coms = make_commissions(rng, key, 14, period)
        data = commission(key, number, date(2026, 11, 5), period, coms, claws(rng, key, coms, 2, reason),
                          [dict(date=a, description=b, amount=D(c)) for a, b, c in deds],
                          [dict(date=a, reference=b, amount=D(c)) for a, b, c in advs],
                          dict(rate=D(10), released=D("312.40"), balance=D("2480.00")))
        add_commission(f"commission-{key}", data, locale, 1, 4)
    xml_twins.append("commission-pl")
    coms = make_commissions(rng, "gb", 9, period)
    add_commission("commission-gb", commission(
        "gb", "CS-2026-10-0007", date(2026, 11, 5), period, coms, claws(rng, "gb", coms, 1, "Cancelled within cooling-off period"),
        [dict(date="2026-10-31", description="Portal subscription, October", amount=D("35.00"))],
        [dict(date="2026-10-12", reference="Advance, October", amount=D("800.00"))],
        dict(rate=D("7.5"), released=D(0), balance=D("640.00"))), "en-GB", 1, 3)
    period_q = (date(2026, 7, 1), date(2026, 9, 30))
    coms = make_commissions(rng, "de", 680, period_q)
    add_commission("commission-long", commission(
        "de", "PA-2026-Q3-0001", date(2026, 10, 8), period_q, coms,
        claws(rng, "de", coms, 40, "Storno innerhalb der Stornohaftungszeit"),
        [dict(date=f"2026-{m:02d}-28", description=f"Nutzungsgebühr Maklerportal {n}", amount=D("49.00"))
         for m, n in ((7, "Juli"), (8, "August"), (9, "September"))],
        [dict(date=f"2026-{m:02d}-05", reference=f"Abschlag {n}", amount=D("25000.00"))
         for m, n in ((7, "Juli"), (8, "August"), (9, "September"))],
        dict(rate=D(10), released=D("4120.00"), balance=D("18250.00"))), "de-DE", 10, None)
    minimal_c = dict(language="es", currency="EUR",
                     statement=dict(number="LC-2026-10-0001", date="2026-11-05",
                                    period=dict(start="2026-10-01", end="2026-10-31")),
                     company=dict(name="Levante Leasing y Servicios S.L.", street="Calle de Colón, 22",
                                  postcode="46004", city="Valencia"),
                     broker=dict(name="Begoña Muñoz Ibáñez", street="Calle de Núñez de Balboa, 12",
                                 postcode="28001", city="Madrid"),
                     commissions=[dict(order_no="PED-100001", paid_on="2026-10-14", base=D("18000.00"),
                                       rate=D("2.5"))])
    add_commission("commission-minimal", minimal_c, "es-ES", 1, 1)

    return fx, exp, xml_twins


# ---------------------------------------------------------------- writers

def to_json(v, indent=0):
    """JSON with Decimals written as exact number tokens and non-ASCII kept (UTF-8)."""
    sp = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        inner = ",\n".join(f'{sp}  {json.dumps(k, ensure_ascii=False)}: {to_json(x, indent + 1)}' for k, x in v.items())
        return "{\n" + inner + "\n" + sp + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(isinstance(x, dict) and len(x) <= 7 and all(not isinstance(y, (dict, list)) for y in x.values()) for x in v):
            inner = ",\n".join(sp + "  " + to_json_flat(x) for x in v)
        else:
            inner = ",\n".join(sp + "  " + to_json(x, indent + 1) for x in v)
        return "[\n" + inner + "\n" + sp + "]"
    return scalar_json(v)


def to_json_flat(d):
    return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {scalar_json(x)}" for k, x in d.items()) + "}"


def scalar_json(v):
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(type(v))


SINGULAR = {"items": "item", "clauses": "clause", "paragraphs": "paragraph", "objects": "object",
            "commissions": "commission", "clawbacks": "clawback", "deductions": "deduction", "advances": "advance",
            "vat": "rate"}
# scalar fields written as XML attributes (the data model maps attributes and child elements alike to keys)
ATTRIBUTES = {"document": ("type", "number"), "contract": ("number",), "statement": ("number",),
              "item": ("pos",), "bank": ("bic",)}
NS = "urn:presswork:fixtures:1"


def to_xml(name, data, prefixed=False):
    """XML twin: the root element <family> in a default namespace (dropped by the reader, like the
    root's name), objects as elements, some scalars as attributes (read as plain keys), arrays as
    list containers named like the JSON key holding singular children (`<items><item>…`), which
    PressData maps to the same array as JSON's `"items": […]`."""
    family = name.split("-")[0]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<!-- XML twin of {name}.json (generated by generate.py): same content, same shape -->']
    if prefixed:
        # ERP style: two prefixed namespaces (addresses in their own), an xsi:schemaLocation the reader drops
        out.append(f'<inv:{family} xmlns:inv="{NS}" xmlns:adr="urn:presswork:address:1" '
                   f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                   f'xsi:schemaLocation="{NS} {family}.xsd">')
    else:
        out.append(f'<{family} xmlns="{NS}">')
    prefix_stack = []

    def tag(key):
        if not prefixed:
            return key
        return ("adr:" if prefix_stack and prefix_stack[0] in ("sender", "recipient") else "inv:") + key

    def value_text(v):
        return format(v, "f") if isinstance(v, Decimal) else str(v)

    def emit(key, v, ind):
        sp = "  " * ind
        if isinstance(v, dict):
            attrs = ATTRIBUTES.get(key, ())
            at = "".join(f' {k}="{escape(value_text(v[k]), {chr(34): "&quot;"})}"' for k in attrs if k in v)
            kids = [(k, x) for k, x in v.items() if k not in attrs]
            if ind == 1:
                prefix_stack[:] = [key]
            t = tag(key)
            if not kids:
                out.append(f"{sp}<{t}{at}/>")
                return
            out.append(f"{sp}<{t}{at}>")
            for k, x in kids:
                emit(k, x, ind + 1)
            out.append(f"{sp}</{t}>")
        elif isinstance(v, list):
            # a list container with singular children (<items><item/>…</items>): PressData reads it as
            # an array, with one element as well as with many
            child = SINGULAR[key]
            if ind == 1:
                prefix_stack[:] = [key]
            if not v:
                out.append(f"{sp}<{tag(key)}/>")
                return
            out.append(f"{sp}<{tag(key)}>")
            for x in v:
                emit(child, x, ind + 1)
            out.append(f"{sp}</{tag(key)}>")
        else:
            if ind == 1:
                prefix_stack[:] = [key]
            out.append(f"{sp}<{tag(key)}>{escape(value_text(v))}</{tag(key)}>")

    for k, v in data.items():
        emit(k, v, 1)
    out.append(f"</inv:{family}>" if prefixed else f"</{family}>")
    return "\n".join(out) + "\n"


def bench_sample():
    """One invoice in the record shape of the peer benchmark (pre-formatted German strings)."""
    rng = random.Random(SEED + 7)
    s = dict(name="Nordlicht Bürotechnik GmbH", street="Hafenstraße 12", postcode="20457", city="Hamburg",
             country="Deutschland", vat_id="DE 812 345 678", iban=iban("DE", "370400440532013000"),
             bic="COBADEFFXXX", phone="+49 40 123456-0", email="rechnung@nordlicht-buero.example")
    s["line"] = f"{s['name']} · {s['street']} · {s['postcode']} {s['city']}"

    def money(c):
        e, ct = divmod(abs(c), 100)
        return ("-" if c < 0 else "") + f"{e:,}".replace(",", ".") + f",{ct:02d}"

    pool = ["Kugellager Ø 12 mm, verzinkt", "Wartungsvertrag gemäß Angebot 2024/117", "Getriebeöl, hitzebeständig bis 250 °C",
            "Montage vor Ort inkl. Anfahrt", "Schulung Mitarbeiter, Zeitraum März", "Überspannungsschutz Typ XL-300",
            "Gehäuse aus Edelstahl, lebensmittelecht, mit Prüfzeugnis", "Tonerkartusche Farbe Weiß"]
    items, per = [], {}
    for p in range(1, 24):
        q = rng.randint(1, 20)
        price = rng.randint(150, 60000)
        rate = 7 if p % 4 == 0 else 19
        amt = q * price
        per[rate] = per.get(rate, 0) + amt
        items.append(dict(pos=p, desc=rng.choice(pool), qty=str(q), qty_num=q, unit="Stk", unit_price=money(price),
                          unit_price_cents=price, vat=f"{rate} %", vat_rate=rate, amount=money(amt), amount_cents=amt))
    net = sum(per.values())
    vat_rows = [dict(rate=f"{r} %", rate_num=r, base=money(b), base_cents=b, amount=money((b * r + 50) // 100),
                     amount_cents=(b * r + 50) // 100) for r, b in sorted(per.items())]
    vt = sum(v["amount_cents"] for v in vat_rows)
    gross = net + vt
    return dict(id=1, number="RE-2024-000001", date="15.03.2024", date_iso="2024-03-15", due_date="29.03.2024",
                due_date_iso="2024-03-29", customer_no="K-48213", currency="EUR", sender=s,
                recipient=dict(name="Hurtownia Łożysk Ślęzak", street="ul. Żeromskiego 22/26", postcode="84-128",
                               city="Rzeszów", country="Polen", lang="pl"),
                items=items, totals=dict(net=money(net), net_cents=net, vat=vat_rows, vat_total=money(vt),
                                         vat_total_cents=vt, gross=money(gross), gross_cents=gross),
                payment_terms=("Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 29.03.2024. Bei Zahlung bis zum "
                               f"22.03.2024 gewähren wir 2 % Skonto ({money(gross * 2 // 100)} EUR). Bitte geben Sie "
                               "bei der Überweisung die Rechnungsnummer an. Es gelten unsere Allgemeinen "
                               "Geschäftsbedingungen.")), money(gross)


def logo_png(w=600, h=200):
    """The demo letterhead logo: a slate-blue bar, a teal press-sheet stack and light stripes."""
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            r, g, b = 255, 255, 255
            if 20 <= y <= 180 and 10 <= x <= 190:                 # stack of three sheets
                for k, (cr, cg, cb) in enumerate(((31, 78, 121), (42, 157, 143), (233, 196, 106))):
                    ox, oy = 10 + k * 22, 20 + k * 22
                    if ox <= x <= ox + 130 and oy <= y <= oy + 116:
                        r, g, b = cr, cg, cb
            if 215 <= x <= 590 and 62 <= y <= 92:
                r, g, b = (31, 78, 121) if (x - 215) % 46 < 38 else (255, 255, 255)
            if 215 <= x <= 520 and 112 <= y <= 126:
                r, g, b = (42, 157, 143) if (x - 215) % 30 < 24 else (255, 255, 255)
            row += bytes((r, g, b))
        rows.append(bytes(row))

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def main():
    check = "--check" in sys.argv
    fx, exp, twins = build()
    files = {}
    for name, data in fx.items():
        files[f"{name}.json"] = (to_json(data) + "\n").encode()
    for name in twins:
        files[f"{name}.xml"] = to_xml(name, fx[name], prefixed=(name == "invoice-de")).encode()
    sample, gross = bench_sample()
    files["bench-invoice-sample.json"] = (json.dumps(sample, ensure_ascii=False, indent=1) + "\n").encode()
    exp["bench-invoice-sample"] = dict(family="bench-invoice", language="de", locale="de-DE",
                                       recipient=sample["recipient"]["name"], number=sample["number"],
                                       total=gross, min_pages=1, max_pages=2)
    for name in twins:
        exp[name]["xml_twin"] = f"{name}.xml"
    files["expected.json"] = (json.dumps(dict(sorted(exp.items())), ensure_ascii=False, indent=1) + "\n").encode()
    files["images/logo.png"] = logo_png()
    files["../Templates/blocks/logo.png"] = files["images/logo.png"]   # the letterhead of every family
    bad = []
    for rel, blob in sorted(files.items()):
        path = os.path.join(HERE, rel)
        if check:
            if not os.path.exists(path) or open(path, "rb").read() != blob:
                bad.append(rel)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(blob)
    if check:
        print("differs: " + ", ".join(bad) if bad else "all fixtures up to date")
        sys.exit(1 if bad else 0)
    print(f"wrote {len(files)} files")


if __name__ == "__main__":
    main()
