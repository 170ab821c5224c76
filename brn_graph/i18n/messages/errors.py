"""Error messages of the library and of both doors (CLI and REST), and the names of what an
error can be about."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "errors.warning": {"da": "advarsel", "en": "warning"},
    "errors.aborted": {"da": "afbrudt", "en": "aborted"},
    "errors.data_load": {"da": "{where}: {reason}", "en": "{where}: {reason}"},
    "errors.not_found": {"da": "ukendt {kind} {identifier}", "en": "unknown {kind} {identifier}"},
    "errors.not_found.suggest": {
        "da": "ukendt {kind} {identifier}; mente du: {suggestions}?",
        "en": "unknown {kind} {identifier}; did you mean: {suggestions}?",
    },
    "errors.parameter": {"da": "parameter {name}: {reason}", "en": "parameter {name}: {reason}"},
    "errors.timeout": {
        "da": "forespørgslen blev stoppet efter sin tidsgrænse på {seconds} s",
        "en": "query stopped after its time limit of {seconds} s",
    },
    "errors.kind.cluster": {"da": "klynge", "en": "cluster"},
    "errors.kind.goal": {"da": "mål", "en": "goal"},
    "errors.kind.document": {"da": "dokument", "en": "document"},
    "errors.kind.node": {"da": "knude", "en": "node"},
    "errors.kind.query": {"da": "forespørgsel", "en": "query"},
    "errors.kind.query file": {"da": "forespørgselsfil", "en": "query file"},
    "errors.kind.query folder": {"da": "forespørgselsmappe", "en": "query folder"},
    "errors.kind.queries folder": {"da": "forespørgselsmappe", "en": "queries folder"},
    "errors.kind.municipality": {"da": "kommune", "en": "municipality"},
    "errors.kind.organisation": {"da": "organisation", "en": "organisation"},
    "errors.kind.resource": {"da": "ressource", "en": "resource"},
    "errors.kind.context": {"da": "beslutningskontekst", "en": "decision context"},
    "errors.kind.strength position": {"da": "styrkeposition", "en": "strength position"},
    # Reasons the library gives for a file it cannot read.
    "errors.file.missing": {"da": "ingen sådan fil eller mappe", "en": "no such file or folder"},
    "errors.file.unreadable": {"da": "kan ikke læses: {reason}", "en": "cannot read: {reason}"},
    "errors.file.unwritable": {"da": "kan ikke skrives: {reason}", "en": "cannot write: {reason}"},
    "errors.file.not_utf8": {"da": "ikke gyldig UTF-8-tekst", "en": "not valid UTF-8 text"},
    "errors.file.syntax": {
        "da": "syntaksfejl i {kind}: {reason}",
        "en": "{kind} syntax error: {reason}",
    },
    "errors.file.memory": {
        "da": "filen kræver mere hukommelse, end der er til rådighed, for at blive læst",
        "en": "the file needs more memory than is available to parse",
    },
    "errors.file.changed_since_loaded": {
        "da": "filerne er ændret, siden grafen blev indlæst; genstart tjenesten først",
        "en": "the files changed since the graph was loaded; restart the service first",
    },
    "errors.file.parser": {
        "da": "læseren fejlede: {error}",
        "en": "the parser failed: {error}",
    },
    # Settings of the scores (alignment and engagement weights) and the rule files.
    "errors.weights.alignment_unknown": {
        "da": "ukendt vægt for tilpasning {name}",
        "en": "unknown alignment weight {name}",
    },
    "errors.weights.alignment_unknown_hint": {
        "da": "ukendt vægt for tilpasning {name}; mente du: {hints}?",
        "en": "unknown alignment weight {name}; did you mean: {hints}?",
    },
    "errors.weights.engagement_unknown": {
        "da": "ukendt vægt for engagement {name}",
        "en": "unknown engagement weight {name}",
    },
    "errors.weights.engagement_unknown_hint": {
        "da": "ukendt vægt for engagement {name}; mente du: {hints}?",
        "en": "unknown engagement weight {name}; did you mean: {hints}?",
    },
    "errors.weights.alignment_missing": {
        "da": "vægtene for tilpasning mangler {names}",
        "en": "alignment weights lack {names}",
    },
    "errors.weights.none_fixed": {
        "da": "vægten level.none er fast 0 (vurderet, men ikke tilpasset)",
        "en": "alignment weight level.none is fixed at 0 (assessed, not aligned)",
    },
    "errors.weights.unit_range": {
        "da": "vægten {name} skal ligge mellem 0 og 1, ikke {value}",
        "en": "alignment weight {name} must be between 0 and 1, not {value}",
    },
    "errors.weights.threshold": {
        "da": "strong_alignment_threshold skal ligge mellem 0 og 1",
        "en": "strong_alignment_threshold must be between 0 and 1",
    },
    "errors.weights.no_positive": {
        "da": "mindst ét mål for engagement skal have en positiv vægt",
        "en": "at least one engagement metric needs a positive weight",
    },
    "errors.rules.duplicate": {
        "da": "to regelfiler navngiver samme regel: {rules}",
        "en": "two rule files name the same rule: {rules}",
    },
    "errors.shapes.unusable": {
        "da": "SHACL-formerne kan ikke bruges: {reason}",
        "en": "the SHACL shapes cannot be used: {reason}",
    },
    "errors.file.skipped": {
        "da": "{path}: sprunget over: {suffix}-filer indlæses ikke (brug Turtle, N-Triples"
        " eller RDF/XML)",
        "en": "{path}: skipped: {suffix} files are not loaded (use Turtle, N-Triples or RDF/XML)",
    },
    "errors.file.too_large": {
        "da": "filen fylder {size} byte; grænsen er {limit} (indstillingen max_file_bytes)",
        "en": "the file is {size} bytes; the limit is {limit} (setting max_file_bytes)",
    },
    "errors.file.too_many_triples": {
        "da": "mere end {limit} tripler (indstillingen max_file_triples)",
        "en": "more than {limit} triples (setting max_file_triples)",
    },
    "errors.file.nested": {
        "da": "blanke knuder eller lister indlejret mere end {limit} niveauer"
        " (indstillingen max_nesting)",
        "en": "blank nodes or lists nested more than {limit} deep (setting max_nesting)",
    },
    "errors.file.xml_declaration": {
        "da": "RDF/XML med {declaration}-erklæringer indlæses ikke (entiteter udfoldes aldrig);"
        " fjern DOCTYPE",
        "en": "RDF/XML with {declaration} declarations is not loaded (entities are never"
        " expanded); remove the DOCTYPE",
    },
    "errors.file.shared_graph": {
        "da": "ville dele den navngivne graf <{graph}> med {other}; omdøb en af dem",
        "en": "would share the named graph <{graph}> with {other}; rename one",
    },
    "errors.file.turtle": {
        "da": "syntaksfejl i Turtle: {reason}",
        "en": "Turtle syntax error: {reason}",
    },
    # Reasons a parameter value is refused.
    "errors.reason.empty": {"da": "må ikke være tom", "en": "must not be empty"},
    "errors.reason.ambiguous": {
        "da": "{value} er tvetydig: {candidates}",
        "en": "{value} is ambiguous: {candidates}",
    },
    "errors.reason.no_column": {
        "da": "ingen kolonne {names}; kolonnerne er: {columns}",
        "en": "no column {names}; the columns: {columns}",
    },
    "errors.candidate": {"da": "{slug} ({details})", "en": "{slug} ({details})"},
    "errors.ingest.no_file_members": {
        "da": "{file}: ingen sådan fil. Tip: angiv stien til en CSV- eller XLSX-fil",
        "en": "{file}: no such file. Hint: give the path of a CSV or XLSX file",
    },
    "errors.ingest.no_file_assessments": {
        "da": "{file}: ingen sådan fil. Tip: udfyld `brn-graph template assessments`",
        "en": "{file}: no such file. Hint: fill in `brn-graph template assessments`",
    },
    "errors.ingest.kind": {
        "da": "ukendt slags {kind}. Tip: en af {kinds}",
        "en": "unknown kind {kind}. Hint: one of {kinds}",
    },
    "errors.reason.xlsx_tty": {
        "da": "xlsx er binært: send det til en fil (> ud.xlsx)",
        "en": "xlsx is binary: redirect it to a file (> out.xlsx)",
    },
    "errors.reason.date": {
        "da": "{value} er ikke en dato på formen ÅÅÅÅ-MM-DD (fx 2024-09-20)",
        "en": "{value} is not a date of the form YYYY-MM-DD (e.g. 2024-09-20)",
    },
    "errors.reason.rdf_format": {
        "da": "brug ttl, jsonld, nt, rdf eller html",
        "en": "use ttl, jsonld, nt, rdf or html",
    },
    "errors.reason.search_words": {
        "da": "skriv mindst ét bogstav eller tal at søge efter",
        "en": "give at least one letter or digit to search for",
    },
    "errors.reason.negative": {"da": "må ikke være negativ", "en": "must not be negative"},
    "errors.reason.at_least": {
        "da": "skal være mindst {minimum}",
        "en": "must be at least {minimum}",
    },
    "errors.reason.positive": {"da": "skal være positiv", "en": "must be positive"},
    "errors.reason.param_syntax": {
        "da": "skriv parametre som --param NØGLE=VÆRDI",
        "en": "write parameters as --param KEY=VALUE",
    },
    "errors.reason.between": {
        "da": "skal være mellem {low} og {high}",
        "en": "must be between {low} and {high}",
    },
    "errors.weights.syntax": {
        "da": "ventede NAVN=VÆRDI, fik {part}",
        "en": "expected NAME=VALUE, got {part}",
    },
    "errors.weights.number": {
        "da": "vægten {name} er ikke et tal: {value}",
        "en": "weight {name} is not a number: {value}",
    },
    "errors.weights.negative": {
        "da": "vægten {name} må ikke være negativ",
        "en": "weight {name} must not be negative",
    },
    "errors.reason.given_twice": {"da": "angivet to gange", "en": "given twice"},
    # The REST door's own errors (no library error behind them).
    "errors.http.404": {"da": "Ikke fundet", "en": "Not Found"},
    "errors.http.405": {"da": "Metoden er ikke tilladt", "en": "Method Not Allowed"},
    "errors.http.other": {"da": "HTTP-fejl {status}", "en": "HTTP error {status}"},
    "errors.nested_too_deeply": {
        "da": "input er indlejret for dybt",
        "en": "input nested too deeply",
    },
    "errors.validation.missing": {"da": "skal angives", "en": "is required"},
    "errors.validation.int_parsing": {
        "da": "skal være et helt tal",
        "en": "must be a whole number",
    },
    "errors.validation.float_parsing": {"da": "skal være et tal", "en": "must be a number"},
    "errors.validation.bool_parsing": {
        "da": "skal være true eller false",
        "en": "must be true or false",
    },
    "errors.validation.choice": {
        "da": "skal være en af: {expected}",
        "en": "must be one of: {expected}",
    },
    "errors.validation.greater_than_equal": {
        "da": "skal være mindst {limit}",
        "en": "must be at least {limit}",
    },
    "errors.validation.less_than_equal": {
        "da": "må højst være {limit}",
        "en": "must be at most {limit}",
    },
    "errors.validation.string_too_long": {
        "da": "må højst have {limit} tegn",
        "en": "must have at most {limit} characters",
    },
    "errors.or": {"da": "eller", "en": "or"},
    "errors.validation.other": {"da": "ugyldig værdi", "en": "invalid value"},
    # Queries refused or not understood.
    "errors.query.empty": {"da": "forespørgslen er tom", "en": "the query is empty"},
    "errors.query.too_long": {
        "da": "forespørgslen er {length} tegn lang; grænsen er {limit}",
        "en": "the query is {length} characters long; the limit is {limit}",
    },
    "errors.query.service": {
        "da": "SERVICE {target} er ikke tilladt: fødererede forespørgsler er slået fra, en "
        "forespørgsel må kun læse de indlæste data",
        "en": "SERVICE {target} is not allowed: federated queries are off, a query may only "
        "read the loaded data",
    },
    "errors.query.from": {
        "da": "{keyword} {iri} er ikke tilladt: FROM og FROM NAMED må kun nævne de navngivne "
        "grafer i de indlæste data (én pr. fil, fx "
        "<https://w3id.org/brn-graph/graph/data/clusters>); eksterne adresser og filer "
        "hentes aldrig",
        "en": "{keyword} {iri} is not allowed: FROM and FROM NAMED may only name the named "
        "graphs of the loaded data (one per file, e.g. "
        "<https://w3id.org/brn-graph/graph/data/clusters>); remote or file addresses are "
        "never fetched",
    },
    "errors.query.nested": {
        "da": "forespørgslen er indlejret for dybt til at blive læst",
        "en": "the query is nested too deeply to parse",
    },
    "errors.query.update": {
        "da": "{operation} er ikke tilladt: tjenesten er skrivebeskyttet og kører kun "
        "forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE)",
        "en": "{operation} is not allowed: this service is read-only and runs queries only "
        "(SELECT, ASK, CONSTRUCT, DESCRIBE)",
    },
    "errors.query.does_not_parse": {
        "da": "forespørgslen kan ikke læses: {reason}",
        "en": "the query does not parse: {reason}",
    },
    "errors.query.not_valid": {
        "da": "forespørgslen er ikke gyldig: {reason}",
        "en": "the query is not valid: {reason}",
    },
    "errors.query.escape": {
        "da": "forespørgslen har en ugyldig escape-sekvens: {reason}",
        "en": "the query has an invalid escape: {reason}",
    },
    "errors.weights.range": {
        "da": "vægten {name} skal være et endeligt tal fra 0 til {maximum}, ikke {value}",
        "en": "weight {name} must be a finite number from 0 to {maximum}, not {value}",
    },
    "errors.weights.none_positive": {
        "da": "mindst én vægt skal være positiv",
        "en": "at least one weight must be positive",
    },
    "errors.protocol.one_query": {
        "da": "en forespørgsel skal have netop én query-parameter; denne har flere",
        "en": "a request needs exactly one query parameter; this one has several",
    },
    "errors.query.keyword_text": {
        "da": "{keyword} er ikke tilladt: en forespørgsel må kun læse de indlæste data (nøgleordet "
        "efterfulgt af en adresse står i forespørgslens tekst, måske i en streng eller "
        "kommentar; omformulér teksten)",
        "en": "{keyword} is not allowed: a query may only read the loaded data (the keyword "
        "followed by an address appears in the query text, possibly in a string or comment; "
        "rephrase the text)",
    },
    "errors.query.bad_escape": {
        "da": "forespørgslen har en ugyldig tegnkode {escape} (ved tegn {at})",
        "en": "the query has an invalid codepoint escape {escape} (at character {at})",
    },
    "errors.query.escape_twice": {
        "da": "forespørgslen skriver en tegnkode med tegnkoder ({escape} efter én behandling af "
        "\\u-koder); skriv selve tegnet",
        "en": "the query writes a codepoint escape with escapes ({escape} after processing \\u "
        "escapes once); write the character itself",
    },
    "errors.query.keyword": {
        "da": "{keyword} er ikke tilladt: en forespørgsel må kun læse de indlæste data",
        "en": "{keyword} is not allowed: a query may only read the loaded data",
    },
    "errors.query.variable_name": {
        "da": "ikke et gyldigt variabelnavn",
        "en": "not a valid variable name",
    },
    "errors.query.select_only": {
        "da": "parametre kræver en SELECT-forespørgsel, ikke {form}",
        "en": "parameters need a SELECT query, not {form}",
    },
    "errors.query.not_a_column": {
        "da": "en parameter skal være en resultatkolonne i forespørgslen "
        "(SELECT ... ?{name} ...); kolonnerne er: {columns}",
        "en": "a parameter must be a result column of the query (SELECT ... ?{name} ...); "
        "the columns are: {columns}",
    },
    "errors.query.position": {
        "da": "{message} (linje {line}, kolonne {column})",
        "en": "{message} (line {line}, column {column})",
    },
    "errors.query.no_parameters": {
        "da": "{query} har ingen parametre",
        "en": "{query} has no parameters",
    },
    "errors.query.no_such_parameter": {
        "da": "{query} har ingen sådan parameter (dens parametre: {parameters})",
        "en": "{query} has no such parameter (its parameters: {parameters})",
    },
    "errors.query.term": {
        "da": "ikke en gyldig RDF-term: {reason}",
        "en": "not a valid RDF term: {reason}",
    },
    # The SPARQL protocol's own errors.
    "errors.sparql.update": {
        "da": "SPARQL Update er ikke tilladt: endpointet er skrivebeskyttet (kun forespørgsler)",
        "en": "SPARQL Update is not allowed: this endpoint is read-only (query operation only)",
    },
    "errors.sparql.not_acceptable": {
        "da": "ingen af de accepterede typer ({accept}) findes for en {form}-forespørgsel; "
        "tilgængelige: {offered}",
        "en": "none of the accepted types ({accept}) is available for a {form} query; "
        "available: {offered}",
    },
    "errors.sparql.description_types": {
        "da": "tjenestebeskrivelsen findes som {offered}",
        "en": "the service description is available as {offered}",
    },
    "errors.sparql.content_type": {
        "da": "Content-Type {given} understøttes ikke: send {form} (query=...) eller {query}",
        "en": "unsupported Content-Type {given}: send {form} (query=...) or {query}",
    },
    "errors.sparql.body_utf8": {
        "da": "forespørgslens krop er ikke gyldig UTF-8",
        "en": "the request body is not valid UTF-8",
    },
    "errors.sparql.fields": {
        "da": "formularen har mere end {limit} felter",
        "en": "the form has more than {limit} fields",
    },
    "errors.sparql.one_query": {
        "da": "en formular skal have præcis én query-parameter",
        "en": "a form request needs exactly one query parameter",
    },
    "errors.sparql.no_query": {
        "da": "formularen har ingen query-parameter (query=...)",
        "en": "the form has no query parameter (query=...)",
    },
    "errors.not_loaded": {
        "da": "grafen er ikke indlæst endnu",
        "en": "the graph is not loaded yet",
    },
    "errors.reason.one_of": {"da": "skal være en af {choices}", "en": "must be one of {choices}"},
    # Stores and remote endpoints.
    "errors.store.folder_missing": {
        "da": "lageret oxigraph:DIR kræver en mappe efter kolonet",
        "en": "store oxigraph:DIR needs a folder after the colon",
    },
    "errors.store.url": {
        "da": "lageret sparql:URL kræver en http(s)-adresse på et SPARQL-endpoint, fik {given}",
        "en": "store sparql:URL needs an http(s) address of a SPARQL endpoint, got {given}",
    },
    "errors.store.unknown": {
        "da": "ukendt lager {given}: brug oxigraph, oxigraph:DIR, memory eller sparql:URL",
        "en": "unknown store {given}: use oxigraph, oxigraph:DIR, memory or sparql:URL",
    },
    "errors.store.open": {
        "da": "Oxigraph-lageret i {folder} kan ikke åbnes: {reason}",
        "en": "cannot open the Oxigraph store in {folder}: {reason}",
    },
    "errors.store.is_file": {
        "da": "{folder} er en fil; oxigraph:DIR kræver en mappe",
        "en": "{folder} is a file; oxigraph:DIR needs a folder",
    },
    "errors.store.not_ours": {
        "da": "{folder} er ikke tom og er ikke et brn-graph-lager; vælg en tom eller ny mappe "
        "til oxigraph:DIR",
        "en": "{folder} is not empty and is not a brn-graph store; choose an empty or new "
        "folder for oxigraph:DIR",
    },
    "errors.endpoint.silent": {
        "da": "endpointet {url} svarede ikke: {reason}",
        "en": "the endpoint {url} did not answer: {reason}",
    },
    "errors.endpoint.no_tallies": {
        "da": "endpointet {url} har ikke grafen <{graph}> med medlemsoptællingerne, så "
        "medlemstallene ville udelade medlemskaber: indlæs den sammen med datafilerne "
        "(brn-graph tallies --output FIL skriver den som Turtle)",
        "en": "the endpoint {url} does not hold the graph <{graph}> of membership tallies, so "
        "member counts would leave memberships out: load it with the data files "
        "(brn-graph tallies --output FILE writes it as Turtle)",
    },
    "errors.endpoint.refused": {
        "da": "endpointet afviste forespørgslen (HTTP {status}): {reason}",
        "en": "the endpoint refused the query (HTTP {status}): {reason}",
    },
    "errors.endpoint.failed": {
        "da": "endpointet {url} fejlede (HTTP {status}): {reason}",
        "en": "the endpoint {url} failed (HTTP {status}): {reason}",
    },
    "errors.endpoint.ntriples": {
        "da": "endpointet sendte ugyldige N-Triples: {reason}",
        "en": "the endpoint sent invalid N-Triples: {reason}",
    },
    "errors.endpoint.json": {
        "da": "endpointet sendte et ugyldigt SPARQL JSON-resultat: {reason}",
        "en": "the endpoint sent an invalid SPARQL JSON result: {reason}",
    },
    "errors.query.oxigraph_parse": {
        "da": "Oxigraph kan ikke læse forespørgslen: {reason}",
        "en": "Oxigraph cannot parse the query: {reason}",
    },
    "errors.query.failed": {
        "da": "forespørgslen fejlede: {reason}",
        "en": "the query failed: {reason}",
    },
    "errors.query.nested_evaluate": {
        "da": "forespørgslen er indlejret for dybt til at blive udført",
        "en": "the query is nested too deeply to evaluate",
    },
    "errors.startup.not_conforming": {
        "da": "data overholder ikke SHACL-formerne: {count} brud",
        "en": "the data does not conform to the SHACL shapes: {count} violations",
    },
    "errors.startup.not_conforming.first": {
        "da": "data overholder ikke SHACL-formerne: {count} brud (første: {node}: {text} "
        "[{shape}])",
        "en": "the data does not conform to the SHACL shapes: {count} violations (first: "
        "{node}: {text} [{shape}])",
    },
    "errors.setting": {
        "da": "indstillingen {name} {reason}, ikke {value}",
        "en": "the setting {name} {reason}, not {value}",
    },
    "errors.environment": {"da": "{name}: {reason}", "en": "{name}: {reason}"},
    "errors.reason.iri_end": {
        "da": "skal slutte med '/' eller '#'",
        "en": "must end with '/' or '#'",
    },
}
