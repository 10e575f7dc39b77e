"""Write a large synthetic knowledge base (many counties, each a file) for benchmarks.

Names, criteria and hours are drawn from realistic pools with a fixed seed, so every run
measures the same data. The shipped toolkit, national lines and glossary are copied in too,
so look-up questions have their usual competition.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

PLACES = (
    "Harbor Oak Pine Cedar Maple River Lake Summit Valley Ridge Meadow Willow Birch Aspen "
    "Granite Bayside Hillcrest Fairview Riverside Lakeview Brookside Highland Prairie "
    "Canyon Sunrise Horizon Beacon Unity Hope Liberty Frontier Heritage Lincoln Franklin "
    "Jefferson Madison Jackson Clay Marion Union Greene Monroe Wayne Hamilton Douglas "
    "Warren Carroll"
).split()
KINDS = {
    "crisis_center": ("Crisis Receiving Center", "Crisis Stabilization Unit", "Crisis Center"),
    "crisis_line": ("Crisis Line", "Warm Line", "Helpline"),
    "mobile_crisis": ("Mobile Crisis Team", "Mobile Response Team"),
    "co_responder": ("Co-Responder Unit", "Crisis Clinician Program"),
    "sobering_center": ("Sobering Center", "Sobering Station"),
    "detox": ("Withdrawal Management Center", "Detox Unit", "Recovery Center"),
    "emergency_department": ("Hospital Emergency Department", "Medical Center ER"),
    "psychiatric_hospital": ("Behavioral Hospital", "Psychiatric Hospital"),
    "shelter": ("Emergency Shelter", "Family Shelter", "Rescue Mission"),
    "peer_respite": ("Peer Respite", "Peer Support House"),
    "outpatient": ("Behavioral Health Clinic", "Counseling Center", "Community Clinic"),
    "idd_services": ("Developmental Disability Services", "Autism Support Center"),
    "veterans": ("Vet Center", "Veterans Outreach"),
    "youth": ("Youth Crisis Center", "Youth Shelter", "Teen Crisis Services"),
    "other": ("Information Line", "Outreach Program", "Family Support Network"),
}
HOURS = ("24/7", "24/7", "24/7", "Mo-Fr 08:00-17:00", "Mo-Fr 08:00-20:00; Sa 09:00-13:00",
         "Mo-Su 18:00-08:00", "Mo-Su 07:00-23:00", "Mo-Th 10:00-16:00", None)  # fmt: skip
SERVICES = ("stabilization", "assessment", "detox", "peer support", "case management",
            "medication management", "counseling", "shelter beds", "family support",
            "care coordination", "transport", "follow-up calls")  # fmt: skip
STREETS = ("Main St", "Oak Ave", "Harbor Blvd", "Center St", "Hospital Dr", "Park Rd",
           "Elm St", "Lake Rd", "Market St", "River Rd")  # fmt: skip
LANGUAGES = ("English", "Spanish", "Vietnamese", "Somali", "Hmong", "Arabic")


def _admission(rng: random.Random) -> dict | None:
    if rng.random() < 0.15:
        return None
    admission: dict = {}
    pick = rng.random
    if pick() < 0.8:
        admission["min_age"] = rng.choice((0, 10, 12, 14, 18, 18, 18, 21))
    if pick() < 0.3:
        admission["max_age"] = rng.choice((17, 17, 21, 64))
        if admission.get("min_age", 0) > admission["max_age"]:
            admission["min_age"] = 10
    if pick() < 0.85:
        admission["intoxication"] = rng.choice(("accepted", "not_accepted", "below_limit"))
        if admission["intoxication"] == "below_limit":
            admission["max_bac"] = rng.choice((0.08, 0.1, 0.15, 0.2))
    for key in ("medical_clearance", "involuntary", "walk_in", "law_enforcement_dropoff", "idd"):
        if pick() < 0.75:
            admission[key] = pick() < 0.6
    if admission.get("law_enforcement_dropoff"):
        admission["dropoff_minutes"] = rng.choice((5, 10, 15, 20, 30, 45))
    if pick() < 0.7:
        admission["violence"] = rng.choice(("accepted", "not_accepted"))
    if pick() < 0.3:
        admission["excludes"] = rng.sample(("weapons", "acute medical needs", "sex offenders"), 1)
    return admission


def resource(rng: random.Random, number: int, county: str, towns: list[str]) -> dict:
    kind = rng.choice(list(KINDS))
    place = rng.choice([*PLACES, *towns])
    name = f"{place} {rng.choice(KINDS[kind])}"
    town = rng.choice(towns)
    entry: dict = {
        "id": f"r{number}-{kind.replace('_', '-')}",
        "name": f"{name} {number}" if rng.random() < 0.3 else name,
        "kind": kind,
        "aliases": [f"{place} {kind.split('_')[0]}"] if rng.random() < 0.5 else [],
        "summary": f"{rng.choice(KINDS[kind])} serving {town} and {county}.",
        "details": (
            f"Offers {', '.join(rng.sample(SERVICES, 3))}. Call ahead when possible; "
            f"staff coordinate with {county} law enforcement and the local hospital."
        ),
        "phone": f"(555) 555-01{number % 100:02d}",
        "area": [town, county],
        "services": rng.sample(SERVICES, 2),
        "languages": ["English", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))],
        "verified": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        "example": True,
    }
    if kind not in ("crisis_line", "mobile_crisis", "co_responder"):
        entry["address"] = f"{rng.randint(1, 9999)} {rng.choice(STREETS)}, {town}"
    hours = rng.choice(HOURS)
    if hours:
        entry["hours"] = hours
    admission = _admission(rng)
    if admission:
        entry["admission"] = admission
    elif kind == "crisis_center":
        entry["admission"] = {"min_age": 18}
    return {k: v for k, v in entry.items() if v != []}


def generate(folder: Path, resources: int, *, seed: int = 7, per_file: int = 250) -> Path:
    """Write ``resources`` synthetic resources plus the shipped guidance into ``folder``."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("toolkit", "national"):
        shutil.copytree(ROOT / "knowledge" / name, folder / name)
    shutil.copy(ROOT / "knowledge" / "glossary.yaml", folder / "glossary.yaml")
    shutil.copy(ROOT / "knowledge" / "defaults.yaml", folder / "defaults.yaml")
    number = 0
    for file_number in range((resources + per_file - 1) // per_file):
        county = f"{rng.choice(PLACES)} County {file_number}"
        towns = [f"{rng.choice(PLACES)}{rng.choice(('ton', 'ville', ' City', ' Falls'))}"
                 for _ in range(6)]  # fmt: skip
        count = min(per_file, resources - number)
        entries = [resource(rng, number + i, county, towns) for i in range(count)]
        number += count
        text = yaml.safe_dump({"resources": entries}, sort_keys=False, allow_unicode=True)
        (folder / "counties" / f"county-{file_number:03d}.yaml").parent.mkdir(exist_ok=True)
        (folder / "counties" / f"county-{file_number:03d}.yaml").write_text(text, "utf-8")
    return folder


def machine_speed() -> str:
    """A fixed pure-Python loop, timed: figures from different runs or machines compare
    only after dividing by it (this shared machine's speed varies by up to ~2x)."""
    import time

    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return f"machine speed: a 10M-step Python loop took {time.perf_counter() - started:.2f} s"
