// Draws each chart from the data table beside it: the table is the chart's data, for everyone.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  var palette = ["#8b1a1a", "#0b4f8a", "#b8860b", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#546e7a", "#c2185b"];
  function num(cell) { var v = cell && cell.getAttribute("data-value"); return v === null || v === "" ? null : parseFloat(v); }
  ready(function () {
    if (typeof Chart === "undefined") return; // no library: the tables stand on their own
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      var canvas = figure.querySelector("canvas[data-chart]");
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
      canvas.parentNode.classList.add("has-chart");
      new Chart(canvas, {
        type: type,
        data: { labels: labels, datasets: datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { position: type === "bar" ? "top" : "right" } } }
      });
    });
  });
})();
