"""Synthetic member lists for tests and benchmarks: every company here is invented.

Rows follow the layout of a CVR-register export (``CVR-nummer;Navn;Adresse;Postnr.;By;
Kommune;Branchekode;Virksomhedsform;Antal ansatte``): valid CVR numbers (modulus-11 check
digit with the weights 2,7,6,5,4,3,2,1), size intervals as the register gives them, mostly
North Jutland municipalities (by name or by code) and some elsewhere (by code), about one
sole proprietorship in ten. Names say "Syntetisk" so no row can be taken for a real company.
Nothing generated here belongs in ``data/``.

Run: ``python -m benchmarks.ingest_generate --rows 2000 -o members.csv``.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from pathlib import Path

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
HEADER = (
    "CVR-nummer",
    "Navn",
    "Adresse",
    "Postnr.",
    "By",
    "Kommune",
    "Branchekode",
    "Virksomhedsform",
    "Antal ansatte",
)
#: North Jutland: (code, name) as in data/geography.ttl.
NORTH_JUTLAND = (
    ("0851", "Aalborg"),
    ("0810", "Brønderslev"),
    ("0813", "Frederikshavn"),
    ("0860", "Hjørring"),
    ("0849", "Jammerbugt"),
    ("0825", "Læsø"),
    ("0846", "Mariagerfjord"),
    ("0773", "Morsø"),
    ("0840", "Rebild"),
    ("0787", "Thisted"),
    ("0820", "Vesthimmerland"),
)
ELSEWHERE = ("0101", "0751", "0461", "0561", "0630", "0657", "0330")
#: Register intervals and how often they occur in a cluster's member list (invented weights).
SIZES = (
    ("0", 4),
    ("1-4", 18),
    ("5-9", 14),
    ("10-19", 16),
    ("20-49", 18),
    ("50-99", 10),
    ("100-199", 8),
    ("200-499", 6),
    ("500-999", 3),
    ("1000+", 3),
)
FORMS = (("Anpartsselskab", 55), ("Aktieselskab", 30), ("Enkeltmandsvirksomhed", 10), ("I/S", 5))
INDUSTRIES = ("620100", "711290", "282900", "351100", "107100", "331200", "463900", "721900")


def cvr_check_ok(number: str) -> bool:
    return (
        len(number) == 8
        and sum(int(d) * w for d, w in zip(number, CVR_WEIGHTS, strict=True)) % 11 == 0
    )


def random_cvr(rng: random.Random) -> str:
    """A CVR number with a valid modulus-11 check digit (not necessarily registered)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        rest = sum(d * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        check = (11 - rest) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def member_rows(count: int, *, seed: int = 20240920) -> Iterator[tuple[str, ...]]:
    """``count`` invented member rows in the CVR-export layout, unique CVR numbers."""
    rng = random.Random(seed)
    seen: set[str] = set()
    sizes, size_weights = zip(*SIZES, strict=True)
    forms, form_weights = zip(*FORMS, strict=True)
    for index in range(1, count + 1):
        cvr = random_cvr(rng)
        while cvr in seen:
            cvr = random_cvr(rng)
        seen.add(cvr)
        form = rng.choices(forms, form_weights)[0]
        if rng.random() < 0.85:
            code, name = rng.choice(NORTH_JUTLAND)
            municipality = name if rng.random() < 0.7 else code
        else:
            municipality = rng.choice(ELSEWHERE)
        if form == "Enkeltmandsvirksomhed":
            company = f"Syntetisk Person {index:06d}"
        else:
            company = (
                f"Syntetisk Virksomhed {index:06d} {'ApS' if form == 'Anpartsselskab' else 'A/S'}"
            )
        yield (
            cvr,
            company,
            f"Syntetisk Vej {rng.randint(1, 200)}",
            str(rng.randint(7000, 9990)),
            "Syntetisk By",
            municipality,
            rng.choice(INDUSTRIES),
            form,
            rng.choices(sizes, size_weights)[0],
        )


def write_csv(
    path: Path,
    rows: Iterator[tuple[str, ...]] | list[tuple[str, ...]],
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
    preamble: tuple[str, ...] = (),
) -> Path:
    """Rows under the CVR-export header, as Danish Excel saves CSV (semicolon, BOM)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        for line in preamble:
            handle.write(line + "\r\n")
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20240920)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    write_csv(args.out, member_rows(args.rows, seed=args.seed))
    print(args.out)


if __name__ == "__main__":
    main()
