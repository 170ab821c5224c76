"""The SSRF corpus: queries that try to make the service open a connection.

Every payload names the loopback canary (``{host}`` = ``127.0.0.1:PORT``) or a file; none
may cause a single connection, whichever door it enters by. Escape tricks are written
with a real backslash (``\\u000a`` in the query text, as an attacker would type it).
"""

from __future__ import annotations

SCHEMES = ("http", "https", "ftp", "gopher")

_BASE: tuple[str, ...] = (
    # plain SERVICE, in every position the grammar allows
    "SELECT * WHERE {{ SERVICE <http://{host}/a> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://{host}/b> {{ ?s ?p ?o }} }}",
    "ASK {{ OPTIONAL {{ SERVICE <http://{host}/c> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ {{ {{ SERVICE <http://{host}/d> {{ ?s ?p ?o }} }} }} }} }}",
    "SELECT * WHERE {{ ?x ?y ?z MINUS {{ SERVICE <http://{host}/e> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <http://{host}/f> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ {{ ?x ?y ?z }} UNION {{ SERVICE <http://{host}/g> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <http://{host}/h> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <http://{host}/i> {{ ?s ?p ?o }} }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://{host}/j> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE <http://{host}/k> {{ ?s ?p ?o }} }}",
    "select * where {{ service <http://{host}/l> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE <http://{host}/m> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE#comment\n<http://{host}/n> {{ ?s ?p ?o }} }}",
    # escape tricks: the check and the engine must read the same text
    'SELECT * WHERE {{ # \\u000a """\n SERVICE <http://{host}/o> {{ ?s ?p ?o }} }} #"""\n',
    "SELECT * WHERE {{ # \\u000a '''\n SERVICE <http://{host}/p> {{ ?s ?p ?o }} }} #'''\n",
    'SELECT * WHERE {{ # \\U0000000a """\n SERVICE <http://{host}/q> {{ ?s ?p ?o }} }} #"""\n',
    'ASK {{ OPTIONAL {{ # \\u000a """\n SERVICE <http://{host}/r> {{ ?s ?p ?o }} }} }} #"""\n',
    "SELECT * WHERE {{ SERVIC\\u0045 <http://{host}/s> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://{host}/t> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <http\\u003A//{host}/u> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ ?s ?p "\\u0022 }} SERVICE <http://{host}/v> {{ ?s ?p ?o }} #" }}',
    "SELECT * WHERE {{ SERVICE <http://{host}/w\\u005Cu0041> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ ?s ?p """\\u0022\\u0022\\u0022 SERVICE <http://{host}/x> {{ }} #""" }}',
    # SERVICE by variable, prefixed name, BASE and relative IRIs, IRI functions
    "SELECT * WHERE {{ VALUES ?svc {{ <http://{host}/v1> }} SERVICE ?svc {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<http://{host}/v2> AS ?svc) SERVICE ?svc {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(IRI(CONCAT('http://', '{host}', '/v3')) AS ?u) "
    "SERVICE ?u {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o }} VALUES ?svc {{ <http://{host}/v4> }}",
    "PREFIX c: <http://{host}/> SELECT * WHERE {{ SERVICE c:p1 {{ ?s ?p ?o }} }}",
    "PREFIX : <http://{host}/> SELECT * WHERE {{ SERVICE :p2 {{ ?s ?p ?o }} }}",
    "BASE <http://{host}/> SELECT * WHERE {{ SERVICE <b1> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <//{host}/b2> {{ ?s ?p ?o }} }}",
    "BASE <http://{host}/> SELECT * FROM <b3> WHERE {{ ?s ?p ?o }}",
    "SELECT (IRI('http://{host}/i1') AS ?x) WHERE {{}}",
    "SELECT * WHERE {{ BIND(URI('http://{host}/i2') AS ?g) GRAPH ?g {{ ?s ?p ?o }} }}",
    "DESCRIBE <http://{host}/i3>",
    # other spellings of loopback
    "SELECT * WHERE {{ SERVICE <http://localhost:{port}/h1> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <http://127.1:{port}/h2> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <http://2130706433:{port}/h3> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <http://[::1]:{port}/h4> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <http://0x7f.0.0.1:{port}/h5> {{ ?s ?p ?o }} }}",
    # updates smuggled as queries
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://{host}/u1> {{ ?s ?p ?o }} }}",
    "CLEAR DEFAULT ; LOAD <http://{host}/u2>",
    "LOAD SILENT <http://{host}/u3> INTO GRAPH <urn:g>",
)


def _scheme_payloads() -> tuple[str, ...]:
    out: list[str] = []
    for scheme in SCHEMES:
        out += [
            f"SELECT * FROM <{scheme}://{{host}}/from> WHERE {{{{ ?s ?p ?o }}}}",
            f"SELECT * FROM NAMED <{scheme}://{{host}}/named> "
            "WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"LOAD <{scheme}://{{host}}/load>",
            f"SELECT * WHERE {{{{ SERVICE <{scheme}://{{host}}/svc> {{{{ ?s ?p ?o }}}} }}}}",
        ]
    out += [
        "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <file:///etc/hostname> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "LOAD <file:///etc/passwd>",
        "SELECT * WHERE {{ SERVICE <file:///etc/passwd> {{ ?s ?p ?o }} }}",
    ]
    return tuple(out)


TEMPLATES: tuple[str, ...] = _BASE + _scheme_payloads()


def payloads(port: int) -> list[str]:
    """Every payload aimed at the canary on ``port``."""
    return [t.format(host=f"127.0.0.1:{port}", port=port) for t in TEMPLATES]


#: The escape payload of the issue (a comment hides the SERVICE from a parser that
#: processes escapes everywhere; one that processes them only in strings runs it).
ESCAPE_PAYLOAD = TEMPLATES[14]
