// Draws each chart from the data table beside it: the table is the chart's data, for everyone.
// The chart fills its box (.chart-box, whose aspect the stylesheet fixes), so the canvas keeps the box's
// aspect and a pie stays round; legends are 13 px, a long name shortened there (in full in the table and
// the tooltip).
// Chart.js (≈ 200 KB, ≈ 0.1 s to run on a slow phone) is loaded only when a chart nears the screen, and
// each chart drawn then: a page whose charts are below its first screen shows that screen without it
// (issue 15, docs/benchmarks.md "Lighthouse"). The library's address (fingerprinted) is this script's
// data-library attribute.
(function () {
  "use strict";
  var script = document.currentScript;
  var source = script && script.getAttribute("data-library");
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  var palette = ["#8b1a1a", "#0b4f8a", "#b8860b", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#546e7a", "#c2185b"];
  var legendChars = 14, tickChars = 10;
  function num(cell) { var v = cell && cell.getAttribute("data-value"); return v === null || v === "" ? null : parseFloat(v); }
  function shorten(text, n) { text = String(text); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  // The library, loaded once, on the first chart's demand; its defaults set once.
  var library = null;
  function load() {
    if (library === null) {
      library = new Promise(function (resolve, reject) {
        if (typeof Chart !== "undefined") { resolve(); return; }
        if (!source) { reject(new Error("no library")); return; }
        var tag = document.createElement("script");
        tag.src = source;
        tag.onload = function () { if (typeof Chart === "undefined") reject(new Error("no Chart")); else resolve(); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      }).then(function () {
        Chart.defaults.font.family = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
        Chart.defaults.font.size = 13;
        Chart.defaults.color = "#1a1a1a";
      });
    }
    return library;
  }

  function draw(figure) {
    var canvas = figure.querySelector(".chart-box canvas[data-chart]");
    var table = figure.querySelector("table.chart-data");
    if (!canvas || !table) return;
    var type = canvas.getAttribute("data-chart");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var datasets;
    if (type === "bar") {
      var series = (canvas.getAttribute("data-series") || "").split(",");
      var valueCells = rows.map(function (r) { return Array.prototype.slice.call(r.querySelectorAll("td[data-value]")); });
      datasets = series.map(function (name, i) {
        return { label: name, backgroundColor: palette[i % palette.length],
                 data: valueCells.map(function (cells) { return num(cells[i]); }) };
      });
    } else {
      datasets = [{ data: rows.map(function (r) { return num(r.querySelector("td[data-value]")); }),
                    backgroundColor: labels.map(function (_, i) { return palette[i % palette.length]; }) }];
    }
    // The legend's own labels (a pie's: one per slice), shortened.
    var generate = [type, type === "bar" ? null : "doughnut"].map(function (t) {
      var o = t && Chart.overrides[t] && Chart.overrides[t].plugins && Chart.overrides[t].plugins.legend;
      return o && o.labels && o.labels.generateLabels;
    }).filter(Boolean)[0] || Chart.defaults.plugins.legend.labels.generateLabels;
    var options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: {
        legend: { position: type === "bar" ? "top" : "bottom",
                  labels: { font: { size: 13 }, boxWidth: 14,
                            generateLabels: function (chart) {
                              return generate(chart).map(function (item) { item.text = shorten(item.text, legendChars); return item; });
                            } } },
      },
    };
    if (type === "bar") {
      options.scales = { x: { ticks: { font: { size: 12 }, autoSkip: false, maxRotation: 90,
                                        callback: function (value) { return shorten(this.getLabelForValue(value), tickChars); } } },
                         y: { ticks: { font: { size: 12 } } } };
    }
    figure.classList.add("has-chart");
    new Chart(canvas, { type: type, data: { labels: labels, datasets: datasets }, options: options });
  }

  // A chart is drawn once, when its figure comes within 200 px of the screen; without the library (not
  // installed, or not loaded) its box goes and the table stands on its own.
  function show(figure) {
    load().then(function () { draw(figure); }, function () { figure.classList.add("no-chart"); });
  }

  ready(function () {
    var figures = Array.prototype.slice.call(document.querySelectorAll("figure.chart"));
    if (figures.length === 0) return;
    if (typeof IntersectionObserver === "undefined") { figures.forEach(show); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        observer.unobserve(e.target);
        show(e.target);
      });
    }, { rootMargin: "200px 0px" });
    figures.forEach(function (f) { observer.observe(f); });
  });
})();
