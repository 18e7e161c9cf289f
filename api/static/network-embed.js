// Network drawings inside other pages. Include once:
//   <script src="/static/network-embed.js" defer></script>
// and it fills
//   <div id="overview-network" data-kind="organizations" data-limit="100"></div>   (home page)
//   <div id="ego-network" data-entity="org/kt" data-depth="1"></div>                 (entity page)
//   <div data-network-src="/network.json?kind=countries"></div>                     (any view)
// from /network.json. It loads vis-network and the drawing code from /static itself.
(function () {
  "use strict";
  var STATIC = "/static/";

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = STATIC + src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function css(href) {
    if (document.querySelector('link[href="' + STATIC + href + '"]')) return;
    var l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = STATIC + href;
    document.head.appendChild(l);
  }

  function source(div) {
    if (div.dataset.networkSrc) return div.dataset.networkSrc;
    var params = new URLSearchParams();
    if (div.id === "ego-network" && div.dataset.entity) {
      params.set("focus", div.dataset.entity);
      params.set("depth", div.dataset.depth || "1");
    }
    ["kind", "limit", "theme", "country", "color", "size"].forEach(function (key) {
      if (div.dataset[key]) params.set(key, div.dataset[key]);
    });
    if (div.id === "overview-network" && !params.has("limit")) params.set("limit", "100");
    return "/network.json?" + params.toString();
  }

  function page(url) {
    var query = url.indexOf("?") >= 0 ? url.slice(url.indexOf("?")) : "";
    return "/network" + query;
  }

  function fill(div, D) {
    var url = source(div);
    var height = div.clientHeight >= 50 ? div.clientHeight : parseInt(div.dataset.height || "420", 10);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        var canvas = document.createElement("div");
        canvas.className = "network-canvas network-embed-canvas";
        canvas.style.height = height + "px";
        div.textContent = "";
        div.appendChild(canvas);
        var network = D.draw(canvas, data, {});
        div.networkView = network;
        var caption = document.createElement("p");
        caption.className = "network-caption muted";
        var g = data.graph || {};
        caption.textContent = (g.shown_nodes || 0) + " of " + (g.total_nodes || 0) + " nodes. ";
        caption.appendChild(D.link(page(url), "Open the full network view"));
        div.appendChild(caption);
        div.dataset.ready = "true";
      })
      .catch(function (err) {
        div.textContent = "The network could not be drawn (" + err.message + ").";
      });
  }

  function start() {
    var divs = document.querySelectorAll("#overview-network, #ego-network, [data-network-src]");
    if (!divs.length) return;
    css("vis-network/vis-network.css");
    css("network.css");
    var ready = window.vis && window.vis.Network ? Promise.resolve() : load("vis-network/vis-network.min.js");
    ready
      .then(function () { return window.DigicoopNetwork ? null : load("network-draw.js"); })
      .then(function () { Array.prototype.forEach.call(divs, function (d) { fill(d, window.DigicoopNetwork); }); })
      .catch(function (err) {
        Array.prototype.forEach.call(divs, function (d) { d.textContent = err.message; });
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
