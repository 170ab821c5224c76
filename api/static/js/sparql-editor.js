// Starts the vendored YASGUI on this server's /sparql endpoint, with one tab per named query.
// Nothing is fetched from elsewhere: the LOV class/property autocompleters (which call
// lov.linkeddata.es) are left out and the prefix list is the bundled one.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") {
    return;
  }
  var endpoint = new URL(root.getAttribute("data-endpoint") || "/sparql", window.location.href).href;
  function readJson(id, fallback) {
    var element = document.getElementById(id);
    if (!element) {
      return fallback;
    }
    try {
      return JSON.parse(element.textContent || "null") || fallback;
    } catch (e) {
      return fallback;
    }
  }
  var examples = readJson("sparql-examples", []);
  function responseText(error) {
    // YASR's error summary holds only the status text; the body is on the tab's results.
    var tab = window.brnYasgui && window.brnYasgui.getTab();
    var yasr = tab && tab.getYasr && tab.getYasr();
    var res = yasr && yasr.results && yasr.results.res;
    if (res && typeof res.content === "string") {
      return res.content;
    }
    if (res && typeof res.text === "string") {
      return res.text;
    }
    return (error && error.text) || "";
  }
  function readableError(error) {
    var body;
    try {
      body = JSON.parse(responseText(error));
    } catch (e) {
      return undefined;
    }
    var detail = body && body.detail;
    if (Array.isArray(detail)) {
      detail = detail
        .map(function (d) {
          return d && d.msg ? d.msg : String(d);
        })
        .join("; ");
    }
    if (typeof detail !== "string" || !detail) {
      return undefined;
    }
    var box = document.createElement("div");
    var status = document.createElement("p");
    status.className = "status";
    status.textContent = (error.statusText || "Error") + (error.status ? " (" + error.status + ")" : "");
    var message = document.createElement("p");
    message.className = "errorMessage";
    message.textContent = detail;
    box.appendChild(status);
    box.appendChild(message);
    return box;
  }
  // The project's prefixes, declared in a first "ad hoc" tab so a new query can use brn:,
  // cluster:, skos: ... at once; the named queries keep their own declarations.
  var prefixes = readJson("sparql-prefixes", {});
  var adhoc = readJson("sparql-adhoc", { name: "Ad hoc", comment: "" });
  var prologue = Object.keys(prefixes)
    .sort()
    .map(function (p) {
      return "PREFIX " + p + ": <" + prefixes[p] + ">";
    })
    .join("\n");
  var adhocQuery =
    (adhoc.comment ? "# " + adhoc.comment + "\n" : "") +
    prologue +
    "\n\nSELECT ?cluster ?label WHERE {\n  ?cluster a brn:Cluster ;\n           skos:prefLabel ?label .\n}\nORDER BY ?label\n";
  examples.unshift({ name: adhoc.name, query: adhocQuery });
  // Plain values in the table (numbers as numbers, no datatype IRIs); the table's own
  // "simple view" switch still turns the full terms back on.
  var Table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (Table && Table.prototype && !Table.prototype.brnCompact) {
    var draw = Table.prototype.draw;
    Table.prototype.draw = function (config) {
      return draw.call(this, Object.assign({ compact: true }, config || {}));
    };
    Table.prototype.brnCompact = true;
  }
  if (Yasgui.Yasr && Yasgui.Yasr.defaults) {
    Yasgui.Yasr.defaults.errorRenderers = [readableError];
  }
  var first = examples.length ? examples[0] : null;
  var yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
    },
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    tabName: "Query",
    yasr: {
      // An error from this endpoint is JSON ({"detail": ...}): show its message as text.
      errorRenderers: [readableError],
    },
    yasqe: {
      autocompleters: ["variables", "prefixes"],
      value: first ? first.query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    },
  });
  examples.forEach(function (example, index) {
    yasgui.addTab(index === 0, {
      name: example.name,
      yasqe: { value: example.query },
      requestConfig: { endpoint: endpoint },
    });
  });
  if (!examples.length) {
    yasgui.addTab(true, { requestConfig: { endpoint: endpoint } });
  }
  window.brnYasgui = yasgui;
})();
