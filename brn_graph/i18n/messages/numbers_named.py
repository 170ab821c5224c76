"""Messages that name board numbers unambiguously: averages over assessed cells only, the two
kinds of framework weight, and dates printed once."""

MESSAGES: dict[str, dict[str, str]] = {
    "brief.decision.undated": {
        "da": "Beslutningen træffes på {decided}.",
        "en": "The decision is taken at the {decided}.",
    },
    "brief.prepared.undated": {
        "da": "Sagen forberedes på {prepared}.",
        "en": "It is prepared at the {prepared}.",
    },
    "matrix.mean.assessed": {
        "da": "{mean} ({assessed} af {total})",
        "en": "{mean} ({assessed} of {total})",
    },
    "matrix.mean.none": {"da": "ikke vurderet", "en": "not assessed"},
    "matrix.mean.help": {
        "da": "Gennemsnit over de vurderede felter; ikke vurderede felter (·) tæller ikke med.",
        "en": "Mean over the assessed cells; cells not assessed (·) do not count.",
    },
    "cli.col.assessed": {"da": "vurderet", "en": "assessed"},
    "cli.col.assessed_mean": {
        "da": "gns. af vurderede",
        "en": "mean of assessed",
    },
    "engagement.note.projects_unlocated": {
        "da": "ukendt: intet projekt vides at være i Nordjylland, og for nogle er placeringen "
        "ikke registreret",
        "en": "unknown: no project is known to be in North Jutland, and some have no recorded "
        "location",
    },
}
