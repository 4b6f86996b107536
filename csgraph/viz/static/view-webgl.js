/* Draws a large network with sigma.js (WebGL) on a graphology graph. Positions come from Python and
   nothing moves by itself; labels are drawn by zoom level (sigma keeps the largest node of each cell of a
   grid), so the picture is never a blanket of text. */
(function () {
  "use strict";
  window.csgraphViews = window.csgraphViews || {};
  window.csgraphViews.webgl = function (container, api) {
    var data = api.data;
    var n = api.n, m = api.m;
    var HL = data.highlightColor;
    var DIM_NODE = "#e3e3e3", DIM_EDGE = "#ededed", EDGE = "#c8c8c8";
    var hlNodes = new Uint8Array(n), hlEdges = new Uint8Array(m);
    if (data.highlight) {
      data.highlight.nodes.forEach(function (i) { hlNodes[i] = 1; });
      data.highlight.edges.forEach(function (e) { hlEdges[e] = 1; });
    }
    // One drawn line per pair of nodes (parallel links look the same), so the graph need not be a multigraph,
    // which graphology builds several times more slowly; edge keys are the first link's number.
    var graph = new graphology.Graph({ type: data.directed ? "directed" : "undirected", multi: false,
                                        allowSelfLoops: true });
    var i, e;
    for (i = 0; i < n; i += 1) {
      var g = data.groups[data.group[i]];
      var size = (data.size && data.size[i]) ? data.size[i] / 4 : g.size / 6 + Math.min(8, Math.sqrt(api.degree[i]));
      graph.addNode(i, { x: data.x[i], y: -data.y[i], size: size, label: data.label[i],
                         color: data.color[i] || g.color });
    }
    for (e = 0; e < m; e += 1) {
      var u = data.edges[2 * e], v = data.edges[2 * e + 1];
      var drawn = graph.edge(u, v);
      if (drawn === undefined) {
        graph.addEdgeWithKey(e, u, v, { color: EDGE, size: 1 });
      } else if (hlEdges[e]) {
        hlEdges[Number(drawn)] = 1;  // a highlighted link highlights the line drawn for its pair
      }
    }
    api.mark("graph");
    var visible = null, focus = null, focusId = -1;
    var renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 7, labelDensity: 0.6, labelGridCellSize: 140, labelSize: 13,
      labelFont: "system-ui, sans-serif", zIndex: true, hideEdgesOnMove: m > 50000,
      // plain one-pixel lines for the many links (drawn several times faster, also in software WebGL),
      // thick lines only for a focused node's links and a highlighted trace
      defaultEdgeType: "line",
      edgeProgramClasses: { line: Sigma.rendering.EdgeLineProgram, thick: Sigma.rendering.EdgeRectangleProgram },
      minCameraRatio: 0.005, maxCameraRatio: 4,
      nodeReducer: function (key, attrs) {
        var k = Number(key);
        var out = attrs;  // sigma passes a copy of the node's attributes
        if (visible && !visible[k]) { out.hidden = true; return out; }
        if (focus) {
          if (!focus[k]) { out.color = DIM_NODE; out.label = null; out.zIndex = 0; } else {
            out.forceLabel = k === focusId || api.degree[focusId] <= 40; out.zIndex = 2;
          }
          if (k === focusId) { out.highlighted = true; out.size = attrs.size * 1.5; }
        } else if (data.highlight) {
          if (hlNodes[k]) { out.forceLabel = true; out.zIndex = 2; out.size = attrs.size * 1.4; } else {
            out.color = DIM_NODE; out.zIndex = 0;
          }
        }
        return out;
      },
      edgeReducer: function (key, attrs) {
        var k = Number(key);
        var out = attrs;  // a copy, as for nodes
        if (focus) {
          var ends = graph.extremities(key);
          if (Number(ends[0]) !== focusId && Number(ends[1]) !== focusId) { out.color = DIM_EDGE; } else {
            out.color = "#555555"; out.type = "thick"; out.size = 1.5; out.zIndex = 1;
          }
        } else if (data.highlight) {
          if (hlEdges[k]) { out.color = HL; out.type = "thick"; out.size = 3; out.zIndex = 2; } else { out.color = DIM_EDGE; }
        }
        return out;
      }
    });
    var camera = renderer.getCamera();

    function fit(ids) {
      if (!ids) { camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }); return; }
      if (!ids.length) { return; }
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        var d = renderer.getNodeDisplayData(String(id));
        if (!d) { return; }
        x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x); y0 = Math.min(y0, d.y); y1 = Math.max(y1, d.y);
      });
      camera.setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, angle: 0,
                        ratio: Math.min(1.2, Math.max(0.02, 1.25 * Math.max(x1 - x0, y1 - y0))) });
    }
    var clickCallbacks = [];
    renderer.on("clickNode", function (ev) { clickCallbacks.forEach(function (cb) { cb(Number(ev.node)); }); });
    renderer.on("clickStage", function () { clickCallbacks.forEach(function (cb) { cb(-1); }); });

    return {
      renderer: renderer, graph: graph,
      setVisible: function (mask) {
        var all = true;
        for (var k = 0; k < n; k += 1) { if (!mask[k]) { all = false; break; } }
        visible = all ? null : mask;
        renderer.refresh({ skipIndexation: true });
      },
      fit: fit,
      focus: function (id, near) {
        focusId = id;
        if (id < 0) { focus = null; } else {
          focus = new Uint8Array(n); focus[id] = 1;
          near.forEach(function (k) { focus[k] = 1; });
        }
        renderer.refresh({ skipIndexation: true });
      },
      zoomTo: function (id) {
        var d = renderer.getNodeDisplayData(String(id));
        if (!d) { return; }
        var want = Math.min(1, Math.max(0.01, 6 / Math.sqrt(n)));
        camera.setState({ x: d.x, y: d.y, ratio: Math.min(camera.getState().ratio, want) });
      },
      onClick: function (cb) { clickCallbacks.push(cb); },
      snapshot: function (cb) {
        renderer.once("afterRender", function () {
          var layers = container.querySelectorAll("canvas");
          var out = document.createElement("canvas");
          out.width = layers[0].width; out.height = layers[0].height;
          var ctx = out.getContext("2d");
          ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
          Array.prototype.forEach.call(layers, function (c) { ctx.drawImage(c, 0, 0, out.width, out.height); });
          cb(out);
        });
        renderer.refresh({ skipIndexation: true });
      },
      whenReady: function (cb) { cb(); }  // the constructor has drawn the graph already
    };
  };
})();
