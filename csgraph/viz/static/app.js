/* The page's controls: legend, search, filters, the facts panel, the PNG snapshot and the ready state.
   Drawing is left to a view (view-vis.js or view-webgl.js) that registers itself in window.csgraphViews.
   Everything from the data is shown with textContent, never parsed as HTML. Each step of opening the page
   leaves a performance mark ("csgraph:parsed", "csgraph:ready" ...) that bench/viz.py reads. */
(function () {
  "use strict";
  function mark(name) { if (window.performance && performance.mark) { performance.mark("csgraph:" + name); } }
  mark("scripts");
  var data = JSON.parse(document.getElementById("csgraph-data").textContent);
  var n = data.label.length;
  var m = data.edges.length / 2;
  var body = document.body;
  mark("parsed");

  // neighbours as compressed rows: adjacency of node i is adj[start[i] .. start[i + 1])
  var degree = new Int32Array(n);
  var e, i;
  for (e = 0; e < m; e += 1) { degree[data.edges[2 * e]] += 1; degree[data.edges[2 * e + 1]] += 1; }
  var start = new Int32Array(n + 1);
  for (i = 0; i < n; i += 1) { start[i + 1] = start[i] + degree[i]; }
  var fill = start.slice(0, n);
  var adj = new Int32Array(2 * m);
  var adjEdge = new Int32Array(2 * m);
  for (e = 0; e < m; e += 1) {
    var u = data.edges[2 * e], v = data.edges[2 * e + 1];
    adj[fill[u]] = v; adjEdge[fill[u]] = e; fill[u] += 1;
    adj[fill[v]] = u; adjEdge[fill[v]] = e; fill[v] += 1;
  }
  function neighbours(id) { return Array.prototype.slice.call(adj.subarray(start[id], start[id + 1])); }

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = text; }
    if (cls) { x.className = cls; }
    return x;
  }
  function factLines(id) {
    return (data.facts[id] || []).map(function (s) { return data.strings[s]; });
  }
  function tooltipText(id) {
    var g = data.groups[data.group[id]];
    return [data.label[id], g ? g.label : ""].concat(factLines(id)).join("\n");
  }
  function edgeText(e) {
    var u = data.edges[2 * e], v = data.edges[2 * e + 1];
    var lines = [data.label[u] + " \u2014 " + data.rels[data.rel[e]] + " \u2192 " + data.label[v]];
    if (data.edgeFacts && data.edgeFacts[e] >= 0) { lines.push(data.strings[data.edgeFacts[e]]); }
    return lines.join("\n");
  }

  mark("indexed");
  var api = { mark: mark, data: data, degree: degree, neighbours: neighbours, tooltipText: tooltipText,
              edgeText: edgeText, n: n, m: m };
  var container = document.getElementById("csgraph-network");
  var factory = (window.csgraphViews || {})[data.renderer];
  var view;
  try {
    view = factory(container, api);
  } catch (err) {
    container.appendChild(el("p", "This browser cannot draw the network (" + err.message + ").",
                             "csgraph-message"));
    body.setAttribute("data-state", "error");
    return;
  }

  mark("drawn");
  // --- legend -------------------------------------------------------------------------------------
  var counts = new Int32Array(data.groups.length);
  for (i = 0; i < n; i += 1) { counts[data.group[i]] += 1; }
  var legend = document.getElementById("csgraph-legend-items");
  data.groups.forEach(function (g, k) {
    var li = el("li");
    var sw = el("span", null, "swatch " + (data.renderer === "webgl" || g.shape === "dot" ? "dot" :
                                           g.shape === "diamond" ? "diamond" : "square"));
    sw.style.backgroundColor = g.color;
    li.appendChild(sw); li.appendChild(el("span", g.label)); li.appendChild(el("span", String(counts[k]), "count"));
    legend.appendChild(li);
  });
  if (data.highlight) {
    var hl = el("li");
    var line = el("span", null, "swatch line");
    line.style.backgroundColor = data.highlightColor;
    hl.appendChild(line); hl.appendChild(el("span", "highlighted trace"));
    legend.appendChild(hl);
  }

  // --- filters ------------------------------------------------------------------------------------
  function option(select, value, text) {
    var o = el("option", text);
    o.value = value;
    select.appendChild(o);
  }
  var groupSelect = document.getElementById("csgraph-group");
  option(groupSelect, "", data.groupAll);
  data.groups.forEach(function (g, k) { option(groupSelect, String(k), g.label); });
  var filterSelects = data.filters.map(function (f) {
    var label = el("label", f.label);
    var select = el("select");
    select.id = "csgraph-" + f.key;
    select.setAttribute("aria-label", f.label);
    option(select, "", f.options.length ? f.all : "(none)");
    f.options.forEach(function (name, k) { option(select, String(k), name); });
    select.disabled = !f.options.length;
    label.appendChild(select);
    document.getElementById("csgraph-filters").appendChild(label);
    return select;
  });
  var visible = new Uint8Array(n).fill(1);
  var status = document.getElementById("csgraph-status");
  function showStatus(shown) {
    status.textContent = shown === n ? n + " nodes, " + m + " links" : "showing " + shown + " of " + n + " nodes";
  }
  function applyFilters() {
    var group = groupSelect.value === "" ? -1 : Number(groupSelect.value);
    var keep = new Uint8Array(n);
    for (i = 0; i < n; i += 1) { keep[i] = group < 0 || data.group[i] === group ? 1 : 0; }
    filterSelects.forEach(function (select, k) {
      if (select.value === "") { return; }
      var members = data.filters[k].members[Number(select.value)];
      var inside = new Uint8Array(n);
      members.forEach(function (id) { inside[id] = 1; });
      for (i = 0; i < n; i += 1) { keep[i] = keep[i] & inside[i]; }
    });
    var shown = [];
    for (i = 0; i < n; i += 1) { visible[i] = keep[i]; if (keep[i]) { shown.push(i); } }
    view.setVisible(visible);
    view.fit(shown.length === n ? null : shown);
    showStatus(shown.length);
  }
  groupSelect.addEventListener("change", applyFilters);
  filterSelects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  showStatus(n);

  // --- the facts panel ----------------------------------------------------------------------------
  var panel = document.getElementById("csgraph-facts");
  function list(id, items, make) {
    var ul = document.getElementById(id);
    ul.textContent = "";
    items.forEach(function (item) { ul.appendChild(make(item)); });
    var heading = document.getElementById(id + "-title");
    if (heading) { heading.hidden = !items.length; }
  }
  function sourceItem(s) {
    var src = data.sources[s];
    var li = el("li");
    li.appendChild(el("span", src.t, "title"));
    if (src.p) { li.appendChild(document.createTextNode(" \u2014 ")); li.appendChild(el("span", src.p, "publisher")); }
    if (src.u) {
      li.appendChild(document.createElement("br"));
      var a = el("a", src.u, "address");
      if (/^https?:\/\//i.test(src.u)) { a.href = src.u; a.rel = "noopener noreferrer"; a.target = "_blank"; }
      li.appendChild(a);
    }
    return li;
  }
  var LINKS_SHOWN = 60;
  function select(id) {
    if (id < 0) { panel.hidden = true; view.focus(-1, []); return; }
    var near = neighbours(id);
    view.focus(id, near);
    document.getElementById("csgraph-facts-title").textContent = data.label[id];
    var g = data.groups[data.group[id]];
    document.getElementById("csgraph-facts-group").textContent = g ? g.label : "";
    list("csgraph-facts-lines", factLines(id), function (t) { return el("li", t); });
    list("csgraph-facts-sources", data.src[id] || [], sourceItem);
    var links = [];
    for (var k = start[id]; k < start[id + 1] && links.length < LINKS_SHOWN; k += 1) {
      links.push([adj[k], adjEdge[k]]);
    }
    list("csgraph-facts-links", links, function (pair) {
      var ed = pair[1], out = data.edges[2 * ed] === id;
      var li = el("li", (out ? "" : "\u2190 ") + data.rels[data.rel[ed]] + (out ? " \u2192 " : " ") + data.label[pair[0]]);
      li.addEventListener("click", function () { select(pair[0]); view.zoomTo(pair[0]); });
      return li;
    });
    if (start[id + 1] - start[id] > LINKS_SHOWN) {
      document.getElementById("csgraph-facts-links").appendChild(
        el("li", "and " + (start[id + 1] - start[id] - LINKS_SHOWN) + " more"));
    }
    panel.hidden = false;
    api.selected = id;
  }
  document.getElementById("csgraph-facts-close").addEventListener("click", function () { select(-1); });

  // --- search -------------------------------------------------------------------------------------
  var search = document.getElementById("csgraph-search");
  var matches = document.getElementById("csgraph-matches");
  var folded = data.label.map(function (t) { return t.toLowerCase(); });
  function find(text, limit) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], prefix = [], inside = [];
    for (var k = 0; k < n; k += 1) {
      var t = folded[k];
      if (t === q) { exact.push(k); } else if (t.indexOf(q) === 0) { prefix.push(k); } else if (t.indexOf(q) > 0) { inside.push(k); }
      if (exact.length >= limit) { break; }
    }
    function byDegree(a, b) { return degree[b] - degree[a] || (folded[a] < folded[b] ? -1 : 1); }
    return exact.sort(byDegree).concat(prefix.sort(byDegree), inside.sort(byDegree)).slice(0, limit);
  }
  function go(id) {
    matches.hidden = true;
    search.value = data.label[id];
    if (!visible[id]) {  // a filtered-out node is shown again with everything
      groupSelect.value = "";
      filterSelects.forEach(function (s) { s.value = ""; });
      applyFilters();
    }
    select(id);
    view.zoomTo(id);
  }
  search.addEventListener("input", function () {
    var found = find(search.value, 10);
    matches.textContent = "";
    found.forEach(function (id, k) {
      var li = el("li", data.label[id] + " (" + data.groups[data.group[id]].label + ")");
      li.setAttribute("role", "option");
      if (k === 0) { li.className = "active"; }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(id); });
      matches.appendChild(li);
    });
    matches.hidden = !found.length;
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = find(search.value, 1);
      if (found.length) { go(found[0]); }
    } else if (ev.key === "Escape") {
      matches.hidden = true;
    }
  });
  search.addEventListener("blur", function () { matches.hidden = true; });

  // --- snapshot -----------------------------------------------------------------------------------
  document.getElementById("csgraph-snapshot").addEventListener("click", function () {
    view.snapshot(function (canvas) {
      var a = el("a");
      a.href = canvas.toDataURL("image/png");
      a.download = (document.title || "network").replace(/[^A-Za-z0-9_-]+/g, "-") + ".png";
      api.lastSnapshot = a.href;
      body.appendChild(a);
      a.click();
      body.removeChild(a);
    });
  });

  view.onClick(select);
  window.csgraph = api;
  api.view = view;
  api.find = find;
  api.go = go;
  api.select = select;
  api.applyFilters = applyFilters;
  mark("controls");
  view.whenReady(function () {
    mark("ready");
    body.setAttribute("data-state", "ready");
    // the task after the next frame runs once that frame has been handed to the screen
    window.requestAnimationFrame(function () { window.setTimeout(function () { mark("shown"); }, 0); });
  });
})();
