"""Words of the command line: table headers (``cli.col.<column>``), summary lines, notes.

Table headers are lower case, as the column names they stand for; CSV, TSV and JSON keep the
column names themselves (see :mod:`brn_graph.cli.output`).
"""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # Table headers.
    "cli.col.cluster": {"da": "klynge", "en": "cluster"},
    "cli.col.document": {"da": "dokument", "en": "document"},
    "cli.col.goal": {"da": "mål", "en": "goal"},
    "cli.col.label": {"da": "navn", "en": "label"},
    "cli.col.score": {"da": "point", "en": "score"},
    "cli.col.level": {"da": "niveau", "en": "level"},
    "cli.col.confidence": {"da": "sikkerhed", "en": "confidence"},
    "cli.col.origin": {"da": "oprindelse", "en": "origin"},
    "cli.col.rule": {"da": "regel", "en": "rule"},
    "cli.col.served": {"da": "dækket", "en": "served"},
    "cli.col.goals": {"da": "mål i alt", "en": "goals"},
    "cli.col.coverage": {"da": "dækning", "en": "coverage"},
    "cli.col.mean_score": {"da": "gns. point", "en": "mean score"},
    "cli.col.column": {"da": "kolonne", "en": "column"},
    "cli.col.finding": {"da": "fund", "en": "finding"},
    "cli.col.item": {"da": "emne", "en": "item"},
    "cli.col.clusters": {"da": "klynger", "en": "clusters"},
    "cli.col.rank": {"da": "rang", "en": "rank"},
    "cli.col.id": {"da": "id", "en": "id"},
    "cli.col.type": {"da": "type", "en": "type"},
    "cli.col.code": {"da": "kode", "en": "code"},
    "cli.col.rank_on": {"da": "rang {date}", "en": "rank {date}"},
    "cli.col.score_on": {"da": "point {date}", "en": "score {date}"},
    "cli.col.change": {"da": "ændring", "en": "change"},
    "cli.col.interval": {"da": "interval", "en": "interval"},
    "cli.col.p_top": {"da": "P(top {k})", "en": "P(top {k})"},
    "cli.col.verdict": {"da": "vurdering", "en": "verdict"},
    "cli.col.note": {"da": "bemærkning", "en": "note"},
    "cli.col.completeness": {"da": "fuldstændighed", "en": "completeness"},
    "cli.col.section": {"da": "afsnit", "en": "section"},
    "cli.col.value": {"da": "værdi", "en": "value"},
    "cli.col.detail": {"da": "detalje", "en": "detail"},
    "cli.col.graph": {"da": "graf", "en": "graph"},
    "cli.col.file": {"da": "fil", "en": "file"},
    "cli.col.triples": {"da": "tripler", "en": "triples"},
    "cli.col.class": {"da": "klasse", "en": "class"},
    "cli.col.instances": {"da": "forekomster", "en": "instances"},
    "cli.col.query": {"da": "forespørgsel", "en": "query"},
    "cli.col.parameters": {"da": "parametre", "en": "parameters"},
    "cli.col.summary": {"da": "beskrivelse", "en": "summary"},
    # Engagement metrics as short table headers.
    "cli.col.offices": {"da": "kontorer", "en": "offices"},
    "cli.col.members": {"da": "medlemmer", "en": "members"},
    "cli.col.smes": {"da": "SMV'er", "en": "SMEs"},
    "cli.col.members_nj": {"da": "medl. NJ", "en": "members NJ"},
    "cli.col.smes_nj": {"da": "SMV'er NJ", "en": "SMEs NJ"},
    "cli.col.partnerships": {"da": "partnerskaber", "en": "partnerships"},
    "cli.col.merged_networks": {"da": "fusionerede netværk", "en": "merged networks"},
    "cli.col.projects": {"da": "projekter", "en": "projects"},
    "cli.col.project_value": {"da": "projektværdi", "en": "project value"},
    # validate
    "cli.validate.severity.Violation": {"da": "Brud", "en": "Violation"},
    "cli.validate.severity.Warning": {"da": "Advarsel", "en": "Warning"},
    "cli.validate.severity.Info": {"da": "Info", "en": "Info"},
    "cli.validate.conforms": {
        "da": "{files} datafiler: overholder formerne ({violations} brud, {others} andre fund)",
        "en": "{files} data files: conforms ({violations} violations, {others} other results)",
    },
    "cli.validate.does_not_conform": {
        "da": "{files} datafiler: overholder IKKE formerne ({violations} brud, {others} andre "
        "fund)",
        "en": "{files} data files: does NOT conform ({violations} violations, {others} other "
        "results)",
    },
    # stats
    "cli.tallies.written": {
        "da": "skrev medlemsoptællingerne til {path}; indlæs filen i grafen <{graph}>",
        "en": "wrote the membership tallies to {path}; load the file into the graph <{graph}>",
    },
    "cli.stats.total": {"da": "tripler i alt: {total}", "en": "total triples: {total}"},
    "cli.stats.provenance": {
        "da": "ressourcer med proveniens: {covered}/{resources} ({share}; {own} med deres egen)",
        "en": "resources with provenance: {covered}/{resources} ({share}; {own} with their own)",
    },
    # queries, query, sparql
    "cli.queries.count": {
        "da": "{count} forespørgsler i {folder}",
        "en": "{count} queries in {folder}",
    },
    "cli.query.truncated": {
        "da": "resultatet blev skåret ned til de første {cap} rækker (rækkeloftet); "
        "indsnævr forespørgslen eller hæv --max-rows",
        "en": "the result was truncated to its first {cap} rows (the row cap); narrow the "
        "query or raise --max-rows",
    },
    "cli.query.truncated_at_limit": {
        "da": "resultatet blev skåret ned til de første {cap} rækker (forespørgslens egen "
        "grænse, som --max-rows kun kan sænke); indsnævr forespørgslen",
        "en": "the result was truncated to its first {cap} rows (the query's own limit, "
        "which --max-rows can only lower); narrow the query",
    },
    "cli.query.rows": {
        "da": "{count} rækker på {ms} ms ({store})",
        "en": "{count} rows in {ms} ms ({store})",
    },
    "cli.query.row": {"da": "1 række på {ms} ms ({store})", "en": "1 row in {ms} ms ({store})"},
    "cli.query.rows_truncated": {
        "da": "{count} rækker (afkortet) på {ms} ms ({store})",
        "en": "{count} rows (truncated) in {ms} ms ({store})",
    },
    "cli.query.graph_format": {
        "da": "--format {format} er til CONSTRUCT/DESCRIBE-resultater; brug table, csv, tsv, "
        "json eller xml",
        "en": "--format {format} is for CONSTRUCT/DESCRIBE results; use table, csv, tsv, json "
        "or xml",
    },
    "cli.query.file_unreadable": {
        "da": "forespørgselsfilen {file} kan ikke læses: {reason}",
        "en": "cannot read the query file {file}: {reason}",
    },
    # alignment
    "cli.alignment.coverage_title": {
        "da": "{cluster}: dækning pr. dokument",
        "en": "{cluster}: coverage per document",
    },
    "cli.alignment.goals_title": {"da": "{document}: mål", "en": "{document}: goals"},
    # explain
    "cli.explain.cluster": {"da": "klynge:   {label} ({id})", "en": "cluster:  {label} ({id})"},
    "cli.explain.goal": {
        "da": "mål:      {label} ({id}, {document})",
        "en": "goal:     {label} ({id}, {document})",
    },
    "cli.explain.score": {"da": "score:    {score}", "en": "score:    {score}"},
    "cli.explain.formula": {"da": "formel:   {formula}", "en": "formula:  {formula}"},
    "cli.explain.no_evidence": {"da": "belæg:    intet", "en": "evidence: none"},
    "cli.explain.chosen": {"da": "valgt", "en": "chosen"},
    "cli.explain.counted": {"da": "talt med", "en": "counted"},
    "cli.explain.not_counted": {
        "da": "ikke talt med (der findes en vurdering)",
        "en": "not counted (an assessment exists)",
    },
    "cli.explain.rule": {"da": "regel {rule}", "en": "rule {rule}"},
    "cli.explain.record": {
        "da": "niveau {level}, sikkerhed {confidence}, s = {score}",
        "en": "level {level}, confidence {confidence}, s = {score}",
    },
    "cli.explain.passage": {"da": "passage: {passage}", "en": "passage: {passage}"},
    "cli.explain.source": {"da": "kilde: {source}", "en": "source: {source}"},
    "cli.explain.assessed": {
        "da": "vurderet af {assessor} den {date}",
        "en": "assessed by {assessor} on {date}",
    },
    # gaps
    "cli.gaps.gap.no-cluster": {"da": "hul: ingen klynge", "en": "gap: no cluster"},
    "cli.gaps.gap.only-inferred-or-weak": {
        "da": "hul: kun udledt eller svagt",
        "en": "gap: only inferred or weak",
    },
    "cli.gaps.gap.outside-remit": {
        "da": "hul: uden for klyngernes opgave",
        "en": "gap: outside the clusters' remit",
    },
    "cli.gaps.overlap": {"da": "overlap", "en": "overlap"},
    "cli.gaps.unanchored": {"da": "klynge uden forankring", "en": "unanchored cluster"},
    "cli.gaps.summary": {
        "da": "{gaps} huller, {overlaps} overlap (score >= {threshold} for to eller flere "
        "klynger), {unanchored} klynger uden forankring",
        "en": "{gaps} gaps, {overlaps} overlaps (score >= {threshold} for two or more "
        "clusters), {unanchored} clusters without an anchor",
    },
    # rank
    "cli.rank.weights": {
        "da": "vægte i samlet score: {weights}",
        "en": "weights in the total score: {weights}",
    },
    "cli.rank.sensitivity": {
        "da": "følsomhed: {samples} Dirichlet-udtræk, koncentration {concentration}, frø "
        "{seed}; interval = 5.-95. percentil",
        "en": "sensitivity: {samples} Dirichlet samples, concentration {concentration}, seed "
        "{seed}; interval = 5th-95th percentile",
    },
    # engagement
    "cli.engagement.missing": {"da": "mangler", "en": "missing"},
    "cli.engagement.footnote": {
        "da": "score = vægtet gennemsnit af log-skalerede mål; manglende mål tæller ikke med; "
        "fuldstændighed = andel af målenes vægt med data. Kilder: --format json.",
        "en": "score = weighted mean of log-scaled metrics; missing metrics add nothing; "
        "completeness = share of metric weight with data. Sources: --format json.",
    },
    # network-stats
    "cli.network.section.nodes": {"da": "knuder", "en": "nodes"},
    "cli.network.section.edges": {"da": "kanter", "en": "edges"},
    "cli.network.section.most_served": {"da": "mest dækket", "en": "most served"},
    "cli.network.section.least_served": {"da": "mindst dækket", "en": "least served"},
    "cli.network.section.bridges": {"da": "brobyggere", "en": "bridges"},
    "cli.network.section.similarity": {"da": "lighed", "en": "similarity"},
    "cli.network.section.community": {"da": "fællesskab", "en": "community"},
    "cli.network.node.cluster": {"da": "klynger", "en": "clusters"},
    "cli.network.node.document": {"da": "rammedokumenter", "en": "framework documents"},
    "cli.network.node.goal": {"da": "mål", "en": "goals"},
    "cli.network.node.strength-position": {"da": "styrkepositioner", "en": "strength positions"},
    "cli.network.node.municipality": {"da": "kommuner", "en": "municipalities"},
    "cli.network.node.office": {"da": "kontorer", "en": "offices"},
    "cli.network.node.company": {"da": "virksomheder", "en": "companies"},
    "cli.network.edge.alignment": {"da": "sammenhænge", "en": "alignments"},
    "cli.network.edge.defined-in": {"da": "mål i dokument", "en": "goal in document"},
    "cli.network.edge.part-of": {"da": "del af", "en": "part of"},
    "cli.network.edge.has-office": {"da": "har kontor", "en": "has office"},
    "cli.network.edge.located-in": {"da": "ligger i", "en": "located in"},
    "cli.network.edge.member-of": {"da": "medlem af", "en": "member of"},
    "cli.network.total_weight": {
        "da": "samlet vægt {weight}; {document}",
        "en": "total weight {weight}; {document}",
    },
    "cli.network.betweenness": {
        "da": "mellemlæggende centralitet {value}; {documents}",
        "en": "betweenness {value}; {documents}",
    },
    # network (the HTML file)
    "cli.network.written": {
        "da": "{file}: {nodes} knuder, {edges} kanter",
        "en": "{file}: {nodes} nodes, {edges} edges",
    },
}
