"""Messages of the doors: command-line usage errors, resolver answers, search, linked data."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # command line: the frame of every error
    "doors.cli.error": {"da": "brn-graph: fejl: {message}", "en": "brn-graph: error: {message}"},
    "doors.cli.hint": {"da": "brn-graph: tip: {message}", "en": "brn-graph: hint: {message}"},
    "doors.cli.hint_help": {
        "da": "se `brn-graph help {command}`",
        "en": "see `brn-graph help {command}`",
    },
    "doors.cli.hint_commands": {
        "da": "se `brn-graph help` for listen over kommandoer",
        "en": "see `brn-graph help` for the list of commands",
    },
    "doors.cli.did_you_mean": {"da": "mente du: {names}?", "en": "did you mean: {names}?"},
    "doors.cli.no_command": {
        "da": "ingen kommando angivet",
        "en": "no command given",
    },
    "doors.cli.unknown_command": {
        "da": "ukendt kommando {name!r}",
        "en": "unknown command {name!r}",
    },
    "doors.cli.unknown_option": {
        "da": "ukendt tilvalg {name}",
        "en": "unknown option {name}",
    },
    "doors.cli.option_needs_value": {
        "da": "tilvalget {name} kræver en værdi",
        "en": "the option {name} needs a value",
    },
    "doors.cli.missing_argument": {
        "da": "argumentet {name} mangler",
        "en": "the argument {name} is missing",
    },
    "doors.cli.missing_option": {
        "da": "tilvalget {name} mangler",
        "en": "the option {name} is missing",
    },
    "doors.cli.bad_choice": {
        "da": "ugyldig værdi for {name}: {value!r}; mulige værdier: {choices}",
        "en": "invalid value for {name}: {value!r}; possible values: {choices}",
    },
    "doors.cli.bad_choice_novalue": {
        "da": "ugyldig værdi for {name}; mulige værdier: {choices}",
        "en": "invalid value for {name}; possible values: {choices}",
    },
    "doors.cli.bad_integer": {
        "da": "ugyldig værdi for {name}: forventer et heltal{bounds}",
        "en": "invalid value for {name}: expects a whole number{bounds}",
    },
    "doors.cli.bad_number": {
        "da": "ugyldig værdi for {name}: forventer et tal{bounds}",
        "en": "invalid value for {name}: expects a number{bounds}",
    },
    "doors.cli.bad_value": {
        "da": "ugyldig værdi for {name}",
        "en": "invalid value for {name}",
    },
    "doors.cli.bound_min": {"da": " på mindst {value}", "en": " of at least {value}"},
    "doors.cli.bound_max": {"da": " på højst {value}", "en": " of at most {value}"},
    "doors.cli.bound_range": {
        "da": " mellem {low} og {high}",
        "en": " between {low} and {high}",
    },
    "doors.cli.extra_argument": {
        "da": "uventet ekstra argument: {value}",
        "en": "unexpected extra argument: {value}",
    },
    "doors.cli.usage": {
        "da": "forkert brug af kommandoen ({detail})",
        "en": "wrong use of the command ({detail})",
    },
    "doors.cli.aborted": {"da": "afbrudt", "en": "aborted"},
    "doors.cli.internal": {
        "da": "uventet intern fejl ({kind}: {detail}); sæt BRN_GRAPH_DEBUG=1 for detaljer",
        "en": "unexpected internal error ({kind}: {detail}); set BRN_GRAPH_DEBUG=1 for details",
    },
    "doors.cli.empty_data": {
        "da": "{path}: ingen Turtle-filer (*.ttl) i mappen",
        "en": "{path}: no Turtle files (*.ttl) in the folder",
    },
    "doors.cli.bad_store_url": {
        "da": "lageret {store!r} skal have en http(s)-adresse på et SPARQL-endepunkt, "
        "fx sparql:http://127.0.0.1:7878/query",
        "en": "the store {store!r} needs the http(s) address of a SPARQL endpoint, "
        "e.g. sparql:http://127.0.0.1:7878/query",
    },
    "doors.cli.unknown_store": {
        "da": "ukendt lager {store!r}: brug oxigraph, oxigraph:MAPPE, memory eller sparql:URL",
        "en": "unknown store {store!r}: use oxigraph, oxigraph:DIR, memory or sparql:URL",
    },
    "doors.cli.version": {"da": "brn-graph {version}", "en": "brn-graph {version}"},
    "doors.cli.store_not_used": {
        "da": "bemærk: {command} læser altid datafilerne; --store {store} bruges ikke her",
        "en": "note: {command} always reads the data files; --store {store} is not used here",
    },
    # search
    "doors.search.label": {"da": "navn", "en": "name"},
    "doors.search.type": {"da": "type", "en": "type"},
    "doors.search.id": {"da": "id", "en": "id"},
    "doors.search.snippet": {"da": "uddrag", "en": "snippet"},
    "doors.search.count": {
        "da": "{count} fund for {query!r}",
        "en": "{count} hits for {query!r}",
    },
    # pages and REST doors
    "doors.members_unknown": {
        "da": "ukendt: medlemslister pr. kommune er endnu ikke indlæst",
        "en": "unknown: member lists per municipality are not ingested yet",
    },
    "doors.unknown": {"da": "ukendt", "en": "unknown"},
    "doors.page.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "doors.page.organisations": {"da": "Organisationer", "en": "Organisations"},
    "doors.page.documents": {"da": "Rammedokumenter", "en": "Framework documents"},
    "doors.page.search": {"da": "Søg", "en": "Search"},
    "doors.page.search_label": {
        "da": "Søg i navne og beskrivelser",
        "en": "Search names and descriptions",
    },
    "doors.page.ontology": {"da": "Ontologi", "en": "Ontology"},
    "doors.page.name": {"da": "Navn", "en": "Name"},
    "doors.page.code": {"da": "Kommunekode", "en": "Municipality code"},
    "doors.page.region": {"da": "Region", "en": "Region"},
    "doors.page.members": {"da": "Medlemsvirksomheder", "en": "Member companies"},
    "doors.page.clusters_present": {
        "da": "Klynger med kontor i kommunen",
        "en": "Clusters with an office in the municipality",
    },
    "doors.page.located": {"da": "Andre organisationer her", "en": "Other organisations here"},
    "doors.page.unit_of": {"da": "Del af", "en": "Part of"},
    "doors.page.units": {"da": "Enheder", "en": "Units"},
    "doors.page.sites": {"da": "Kontorer", "en": "Offices"},
    "doors.page.members_list": {"da": "Medlemmer og roller", "en": "Members and roles"},
    "doors.page.member_of": {"da": "Medlem af", "en": "Member of"},
    "doors.page.known_gaps": {"da": "Kendte huller i kilderne", "en": "Known gaps in the sources"},
    "doors.page.statements": {"da": "Oplysninger", "en": "Statements"},
    "doors.page.incoming": {"da": "Nævnt af", "en": "Referred to by"},
    "doors.page.sources": {"da": "Kilder", "en": "Sources"},
    "doors.page.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    "doors.page.none_known": {"da": "Ingen kendte.", "en": "None known."},
    "doors.page.formats": {"da": "Som data", "en": "As data"},
    "doors.page.dissolved": {"da": "Ophørt {date}.", "en": "Dissolved {date}."},
    "doors.sparql.adhoc_tab": {"da": "Ny forespørgsel", "en": "New query"},
    "doors.sparql.adhoc_comment": {
        "da": "Projektets præfikser er erklæret nedenfor; skriv din forespørgsel under dem.",
        "en": "The project's prefixes are declared below; write your query under them.",
    },
    "doors.page.as_linked_data": {
        "da": "Alle oplysninger og kilder (linked data)",
        "en": "Every statement and source (linked data)",
    },
}
