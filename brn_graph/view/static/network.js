/* The network page of brn-graph: draws the view the server cut, and filters it in place.
 *
 * Safety: the data comes from a <script type="application/json"> block read with
 * JSON.parse; every text from it reaches the DOM through textContent or as an option's
 * text, and vis-network draws labels on a canvas. Nothing here turns a string into markup.
 * Offline: this script fetches nothing.
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("network-data");
  var statusElement = document.getElementById("nw-status");
  var container = document.getElementById("nw-network");
  if (!dataElement || !statusElement || !container || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var words = data.words;
  var LEVEL_RANK = { low: 0, medium: 1, high: 2 };
  var DOCUMENT_KINDS = { document: true, goal: true, strength_position: true };
  var LEAF_KINDS = { company: true, company_group: true, office: true };
  /* The "show companies" box hides the companies and their per-municipality groups. */
  var SHOW_KEY = { company_group: "company" };

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function formatCount(number) {
    return number.toLocaleString(data.lang === "da" ? "da-DK" : "en-GB");
  }

  /* A tooltip as DOM text: a heading line, then "caption: text" lines. */
  function tooltip(lines) {
    var box = document.createElement("div");
    box.className = "nw-tip";
    for (var i = 0; i < lines.length; i++) {
      var row = document.createElement("div");
      if (!lines[i][0]) {
        row.className = "nw-tip-head";
        row.textContent = lines[i][1];
      } else {
        var caption = document.createElement("span");
        caption.className = "nw-tip-caption";
        caption.textContent = lines[i][0] + ": ";
        var text = document.createElement("span");
        text.textContent = lines[i][1];
        row.appendChild(caption);
        row.appendChild(text);
      }
      box.appendChild(row);
    }
    return box;
  }

  var nodeById = new Map();
  var nodeItems = data.nodes.map(function (n) {
    nodeById.set(n.id, n);
    var item = {
      id: n.id,
      label: n.label,
      group: n.group,
      x: n.x,
      y: n.y,
      title: tooltip(n.tip)
    };
    /* The context view draws its nodes as boxes over the type's group options. */
    if (n.style) {
      Object.keys(n.style).forEach(function (key) { item[key] = n.style[key]; });
    }
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      width: e.width,
      color: { color: e.color, highlight: "#000000", hover: "#000000", inherit: false },
      dashes: e.dashes,
      arrows: { to: { enabled: e.arrow, scaleFactor: 0.6 } },
      title: tooltip(e.tip)
    };
  });

  /* Documents and the documents that are part of them (regional chapters). */
  var partsOf = new Map();
  data.edges.forEach(function (e) {
    var from = nodeById.get(e.from);
    var to = nodeById.get(e.to);
    if (e.kind === "part_of" && from && to && from.group === "document" && to.group === "document") {
      if (!partsOf.has(e.to)) {
        partsOf.set(e.to, []);
      }
      partsOf.get(e.to).push(e.from);
    }
  });

  var state = {
    document: "",
    cluster: "",
    minLevel: "",
    focus: "",
    show: { company: true, municipality: true, office: true }
  };
  var visibleNodes = new Set(nodeById.keys());
  var visibleEdges = new Set(data.edges.map(function (e) { return e.id; }));

  function documentsWithin(documentId) {
    var result = new Set([documentId]);
    (partsOf.get(documentId) || []).forEach(function (part) { result.add(part); });
    return result;
  }

  function adjacency(nodes, edges) {
    var adjacent = new Map();
    edges.forEach(function (e) {
      if (!nodes.has(e.from) || !nodes.has(e.to)) {
        return;
      }
      if (!adjacent.has(e.from)) { adjacent.set(e.from, new Set()); }
      if (!adjacent.has(e.to)) { adjacent.set(e.to, new Set()); }
      adjacent.get(e.from).add(e.to);
      adjacent.get(e.to).add(e.from);
    });
    return adjacent;
  }

  /* The same neighbourhood as view_cut.neighbourhood on the server. */
  function neighbourhood(focus, nodes, adjacent) {
    var result = new Set([focus]);
    (adjacent.get(focus) || new Set()).forEach(function (other) { result.add(other); });
    Array.from(result).forEach(function (id) {
      var node = nodeById.get(id);
      if (!node) {
        return;
      }
      if (node.group === "goal" || node.group === "strength_position") {
        node.docs.forEach(function (d) { if (nodes.has(d)) { result.add(d); } });
      }
      if (node.group === "goal" || node.group === "strength_position" || node.group === "office") {
        (adjacent.get(id) || new Set()).forEach(function (other) {
          var kind = nodeById.get(other).group;
          if (kind === "document" || kind === "municipality") {
            result.add(other);
          }
        });
      }
    });
    return result;
  }

  function computeVisible() {
    var nodes = new Set();
    var documents = state.document ? documentsWithin(state.document) : null;
    data.nodes.forEach(function (n) {
      if (state.show[SHOW_KEY[n.group] || n.group] === false) {
        return;
      }
      if (documents && DOCUMENT_KINDS[n.group]) {
        var inside = n.docs.some(function (d) { return documents.has(d); });
        if (!inside) {
          return;
        }
      }
      if (state.cluster && n.group === "cluster" && n.id !== state.cluster) {
        return;
      }
      nodes.add(n.id);
    });
    var floor = state.minLevel ? LEVEL_RANK[state.minLevel] : -1;
    var edges = data.edges.filter(function (e) {
      if (!nodes.has(e.from) || !nodes.has(e.to)) {
        return false;
      }
      if (e.kind === "alignment") {
        if (LEVEL_RANK[e.level || "low"] < floor) {
          return false;
        }
        if (documents && e.doc && !documents.has(e.doc)) {
          return false;
        }
      }
      return true;
    });
    if (state.cluster) {
      /* Companies and offices of other clusters go; then municipalities left with nothing. */
      var adjacent = adjacency(nodes, edges);
      nodes.forEach(function (id) {
        var kind = nodeById.get(id).group;
        if (LEAF_KINDS[kind]) {
          var linked = Array.from(adjacent.get(id) || []).some(function (o) {
            return nodeById.get(o).group === "cluster";
          });
          if (!linked) { nodes.delete(id); }
        }
      });
      edges = edges.filter(function (e) { return nodes.has(e.from) && nodes.has(e.to); });
      adjacent = adjacency(nodes, edges);
      nodes.forEach(function (id) {
        if (nodeById.get(id).group === "municipality" && !adjacent.has(id)) {
          nodes.delete(id);
        }
      });
      edges = edges.filter(function (e) { return nodes.has(e.from) && nodes.has(e.to); });
    }
    if (state.focus && nodes.has(state.focus)) {
      var keep = neighbourhood(state.focus, nodes, adjacency(nodes, edges));
      nodes = keep;
      edges = edges.filter(function (e) { return nodes.has(e.from) && nodes.has(e.to); });
    }
    return { nodes: nodes, edges: new Set(edges.map(function (e) { return e.id; })) };
  }

  var nodeSet = new vis.DataSet(nodeItems);
  var edgeSet = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodeSet, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edgeSet, { filter: function (e) { return visibleEdges.has(e.id); } });

  var large = data.nodes.length > 1000;
  var options = {
    autoResize: true,
    groups: data.groups,
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { font: { face: "system-ui, sans-serif" } },
    edges: {
      smooth: false,
      selectionWidth: 1,
      hoverWidth: 0.5,
      arrowStrikethrough: false
    },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: large,
      hideEdgesOnZoom: large,
      navigationButtons: false,
      keyboard: false
    },
    physics: data.physics
      ? {
          enabled: true,
          solver: "barnesHut",
          barnesHut: { gravitationalConstant: -3000, springLength: 110, avoidOverlap: 0.6 },
          stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true }
        }
      : { enabled: false, stabilization: { enabled: false, fit: false } }
  };

  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  /* Fit the drawing into the canvas, but in the context view never below the scale that
   * keeps cluster labels legible (data.minScale): then show the top of the drawing, centred. */
  function fitView(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    if (!data.minScale || network.getScale() >= data.minScale) {
      return;
    }
    var box = null;
    (ids || Array.from(visibleNodes)).forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      box = box
        ? { left: Math.min(box.left, b.left), right: Math.max(box.right, b.right), top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom) }
        : { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    });
    if (!box) { return; }
    var halfHeight = container.clientHeight / 2 / data.minScale;
    network.moveTo({
      scale: data.minScale,
      position: { x: (box.left + box.right) / 2, y: Math.min(box.top + halfHeight - 10, (box.top + box.bottom) / 2) },
      animation: false
    });
  }
  /* Without physics the first fit waits for the first drawing, when the boxes have sizes. */
  var fitted = Boolean(data.physics);
  var settled = !data.physics;
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      settled = true;
      network.fit({ animation: false });
    });
  }

  function updateStatus() {
    statusElement.dataset.nodes = String(visibleNodes.size);
    statusElement.dataset.edges = String(visibleEdges.size);
    statusElement.textContent = data.nodes.length
      ? format(words.status, { nodes: formatCount(visibleNodes.size), edges: formatCount(visibleEdges.size) })
      : words.empty;
  }

  network.on("afterDrawing", function () {
    if (!fitted) {
      fitted = true;
      fitView(null);
      network.redraw();
      return;
    }
    if (settled && statusElement.dataset.ready !== "true") {
      statusElement.dataset.ready = "true";
      statusElement.dataset.readyMs = String(Math.round(performance.now()));
      updateStatus();
    }
    statusElement.dataset.drawn = String(Number(statusElement.dataset.drawn || "0") + 1);
  });

  function apply(fit) {
    var visible = computeVisible();
    visibleNodes = visible.nodes;
    visibleEdges = visible.edges;
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
    runSearch();
    if (fit) {
      var ids = Array.from(visibleNodes);
      fitView(ids.length && ids.length < data.nodes.length ? ids : null);
    }
  }

  /* Search by label: case-insensitive, Danish letters as they are (NFC). */
  var searchInput = document.getElementById("nw-search");
  var searchCount = document.getElementById("nw-search-count");
  var searchResults = document.getElementById("nw-search-results");

  function fold(text) {
    return text.normalize("NFC").toLocaleLowerCase("da");
  }

  function searchMatches() {
    var query = fold(searchInput.value.trim());
    if (!query) {
      return null;
    }
    return data.nodes.filter(function (n) {
      return visibleNodes.has(n.id) && fold(n.label).indexOf(query) !== -1;
    });
  }

  function showNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
  }

  function runSearch() {
    if (!searchInput) {
      return;
    }
    var matches = searchMatches();
    while (searchResults.firstChild) {
      searchResults.removeChild(searchResults.firstChild);
    }
    if (matches === null) {
      searchCount.textContent = "";
      searchInput.dataset.matches = "";
      return;
    }
    searchInput.dataset.matches = String(matches.length);
    searchCount.textContent = matches.length
      ? format(words.matches, { count: formatCount(matches.length) })
      : words.no_matches;
    matches.slice(0, 20).forEach(function (n) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = n.label;
      button.dataset.node = n.id;
      button.addEventListener("click", function () { showNode(n.id); });
      item.appendChild(button);
      searchResults.appendChild(item);
    });
    if (matches.length) {
      network.selectNodes(matches.slice(0, 200).map(function (n) { return n.id; }));
    } else {
      network.unselectAll();
    }
  }

  if (searchInput) {
    searchInput.addEventListener("input", runSearch);
    searchInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var matches = searchMatches();
        if (matches && matches.length) {
          showNode(matches[0].id);
        }
      }
    });
  }

  function bindSelect(id, key) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    element.addEventListener("change", function () {
      state[key] = element.value;
      apply(true);
    });
  }
  bindSelect("nw-document", "document");
  bindSelect("nw-cluster", "cluster");
  bindSelect("nw-level", "minLevel");
  bindSelect("nw-focus", "focus");
  ["company", "municipality", "office"].forEach(function (kind) {
    var box = document.getElementById("nw-show-" + kind);
    if (box) {
      box.addEventListener("change", function () {
        state.show[kind] = box.checked;
        apply(false);
      });
    }
  });

  var form = document.getElementById("nw-controls");
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  var reset = document.getElementById("nw-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      ["nw-document", "nw-cluster", "nw-level", "nw-focus"].forEach(function (id) {
        var element = document.getElementById(id);
        if (element) { element.value = ""; }
      });
      ["company", "municipality", "office"].forEach(function (kind) {
        var box = document.getElementById("nw-show-" + kind);
        if (box) { box.checked = true; }
      });
      if (searchInput) { searchInput.value = ""; }
      state = { document: "", cluster: "", minLevel: "", focus: "", show: { company: true, municipality: true, office: true } };
      apply(true);
    });
  }

  /* The served page can ask the server for the cut the menus describe. */
  var serverButton = document.getElementById("nw-server");
  if (serverButton && data.server) {
    serverButton.addEventListener("click", function () {
      var params = new URLSearchParams();
      params.set("lang", data.lang);
      if (data.mode === "full") { params.set("view", "full"); }
      if (data.context) {
        params.set("context", data.context.id);
        params.set("as_of", data.context.asOf);
      }
      if (data.companies === "expanded" && state.show.company) { params.set("companies", "expanded"); }
      if (state.document) { params.set("document", state.document); }
      if (state.focus) { params.set("focus", state.focus); }
      if (state.minLevel) { params.set("min_level", state.minLevel); }
      ["company", "municipality", "office"].forEach(function (kind) {
        if (!state.show[kind]) {
          params.set(kind === "company" ? "companies" : kind === "municipality" ? "municipalities" : "offices", "false");
        }
      });
      window.location.assign(data.server + "?" + params.toString());
    });
  }

  /* Menus preselected by a server-side cut describe the state the page starts in. */
  if (data.cut.document) { state.document = data.cut.document; }
  if (data.cut.focus) { state.focus = data.cut.focus; }
  if (data.cut.minLevel) { state.minLevel = data.cut.minLevel; }
  updateStatus();

  /* For tests and benchmarks: the page's own view of what it shows. */
  window.brnNetwork = {
    network: network,
    visibleNodeIds: function () { return Array.from(visibleNodes); },
    visibleEdgeIds: function () { return Array.from(visibleEdges); }
  };
})();
