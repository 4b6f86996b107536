/* Draws a small network with vis-network: shapes per group, tooltips, every label; the positions come from
   Python (a physics run happens only for a page that asks for one). */
(function () {
  "use strict";
  window.csgraphViews = window.csgraphViews || {};
  window.csgraphViews.vis = function (container, api) {
    var data = api.data;
    var HL = data.highlightColor;
    var DIM = "rgba(180,180,180,0.35)";
    var hlNodes = new Uint8Array(api.n), hlEdges = new Uint8Array(api.m);
    if (data.highlight) {
      data.highlight.nodes.forEach(function (i) { hlNodes[i] = 1; });
      data.highlight.edges.forEach(function (e) { hlEdges[e] = 1; });
    }
    var maxDegree = 1;
    for (var i = 0; i < api.n; i += 1) { maxDegree = Math.max(maxDegree, api.degree[i]); }

    function tip(text) {
      var d = document.createElement("div");
      d.textContent = text;
      return d;
    }
    // Labels of well-linked and leading nodes are larger (sizes from Python), so they are drawn (at 10 px or
    // more) when the whole network is in view, and the others appear as one zooms in. The layout made in Python
    // left room for every label at these sizes (csgraph.viz.styling.label_boxes), so none overlap at any zoom.
    function fontSize(i) {
      return data.labelSize ? data.labelSize[i] : Math.round(data.fontSize * (1 + 0.6 * Math.sqrt(api.degree[i] / maxDegree)));
    }

    // a label in lines of at most data.wrap characters, broken at spaces (as csgraph.viz.styling.wrap_label)
    function wrapped(text) {
      if (!data.wrap) { return text; }
      var lines = [];
      text.split(" ").forEach(function (word) {
        var last = lines.length - 1;
        if (last >= 0 && lines[last].length + 1 + word.length <= data.wrap) { lines[last] += " " + word; } else {
          lines.push(word);
        }
      });
      return lines.join("\n");
    }
    function nodeItem(i, focus) {
      var g = data.groups[data.group[i]];
      var colour = data.color[i] || g.color;
      var item = {
        id: i, label: wrapped(data.label[i]), x: data.x[i], y: data.y[i],
        shape: data.shape[i] || g.shape, size: (data.size && data.size[i]) || g.size,
        color: { background: colour, border: "#333333",
                 highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } },
        font: { size: fontSize(i), color: "#1d1d1f" }, borderWidth: 1
      };
      var dim = (data.highlight && !hlNodes[i]) || (focus && !focus[i]);
      if (data.highlight && hlNodes[i]) {
        item.borderWidth = 4;
        item.color.border = HL;
        item.size = item.size * 1.3;
        item.font = { color: "#000000", size: fontSize(i) + 2 };
      } else if (dim) {
        item.color = { background: DIM, border: DIM };
        item.font = { color: "#9a9a9a", size: fontSize(i) };
      }
      return item;
    }
    function edgeItem(e, focus) {
      var item = { id: e, from: data.edges[2 * e], to: data.edges[2 * e + 1], color: { color: "#9a9a9a" }, width: 1 };
      if (data.highlight) {
        item.color = hlEdges[e] ? { color: HL, highlight: HL } : { color: DIM, highlight: "#666666" };
        item.width = hlEdges[e] ? 4 : 1;
      }
      if (focus && !(focus[item.from] && focus[item.to])) { item.color = { color: DIM }; }
      return item;
    }
    var nodeList = [], edgeList = [];
    for (i = 0; i < api.n; i += 1) { var it = nodeItem(i, null); it.title = tip(api.tooltipText(i)); nodeList.push(it); }
    for (var e = 0; e < api.m; e += 1) { var ei = edgeItem(e, null); ei.title = tip(api.edgeText(e)); edgeList.push(ei); }
    var nodes = new vis.DataSet(nodeList);
    var edges = new vis.DataSet(edgeList);
    api.mark("graph");
    var large = api.n > 500;
    var options = {
      autoResize: true,
      nodes: { font: { face: "system-ui, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" },
               scaling: { label: { drawThreshold: 11 } } },  // a label is drawn once it is 10 px or larger
      edges: { arrows: { to: { enabled: data.directed, scaleFactor: 0.5 } },
               smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.3 } },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, navigationButtons: false, keyboard: false },
      layout: { improvedLayout: false },
      physics: data.iterations > 0 ? {
        enabled: true, solver: "barnesHut",
        barnesHut: { gravitationalConstant: -4000, centralGravity: 0.05, springLength: 120, springConstant: 0.04,
                     damping: 0.3, avoidOverlap: 0.6 },
        stabilization: { enabled: true, iterations: data.iterations, updateInterval: 1000, fit: true }
      } : { enabled: false }
    };
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    var moved = false;
    network.on("zoom", function () { moved = true; });
    network.on("dragEnd", function () { moved = true; });
    var fitted = null;
    function fit(ids) {
      // frame the nodes with their labels (fit alone can cut labels at the edge)
      fitted = ids;
      network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
      var list = ids || nodes.getIds({ filter: function (n) { return !n.hidden; } });
      var left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
      list.forEach(function (id) {
        var b = network.getBoundingBox(id);
        if (!b) { return; }
        left = Math.min(left, b.left); right = Math.max(right, b.right);
        top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
      });
      var width = container.clientWidth, height = container.clientHeight;
      if (!isFinite(left) || right <= left || bottom <= top || !width || !height) { return; }
      var scale = Math.min(network.getScale(), 0.97 * Math.min(width / (right - left), height / (bottom - top)));
      network.moveTo({ position: { x: (left + right) / 2, y: (top + bottom) / 2 }, scale: scale, animation: false });
    }
    window.addEventListener("resize", function () {
      if (!moved) { window.setTimeout(function () { fit(fitted); }, 50); }
    });
    var readyCallbacks = [], isReady = false;
    function ready() {
      network.setOptions({ physics: { enabled: false } });
      fit(null);
      isReady = true;
      readyCallbacks.forEach(function (cb) { cb(); });
    }
    if (data.iterations > 0) { network.once("stabilizationIterationsDone", ready); } else { network.once("afterDrawing", ready); }

    return {
      network: network, nodes: nodes, edges: edges,
      setVisible: function (visible) {
        var updates = [];
        for (var k = 0; k < api.n; k += 1) { updates.push({ id: k, hidden: !visible[k] }); }
        nodes.update(updates);
      },
      fit: fit,
      focus: function (id, near) {
        var mask = null;
        if (id >= 0) { mask = new Uint8Array(api.n); mask[id] = 1; near.forEach(function (k) { mask[k] = 1; }); }
        var nu = [], eu = [];
        for (var k = 0; k < api.n; k += 1) { nu.push(nodeItem(k, mask)); }
        for (var j = 0; j < api.m; j += 1) { eu.push(edgeItem(j, mask)); }
        nodes.update(nu);
        edges.update(eu);
        if (id >= 0) { network.selectNodes([id]); } else { network.unselectAll(); }
      },
      zoomTo: function (id) {  // close enough that labels read at about 15 px
        moved = true;
        network.focus(id, { scale: Math.max(network.getScale(), 15 / data.fontSize), animation: false });
      },
      onClick: function (cb) {
        network.on("click", function (p) { cb(p.nodes.length ? p.nodes[0] : -1); });
      },
      snapshot: function (cb) {
        var src = container.querySelector("canvas");
        var out = document.createElement("canvas");
        out.width = src.width; out.height = src.height;
        var ctx = out.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
        ctx.drawImage(src, 0, 0);
        cb(out);
      },
      whenReady: function (cb) { if (isReady) { cb(); } else { readyCallbacks.push(cb); } }
    };
  };
})();
