// The chart of a site's weekly report statistics (templates/tickets/report_stats/week.html):
// one stacked bar a week, on time, late, overdue and missing, drawn with ECharts from the JSON
// the page carries.
(function () {
  "use strict";
  var COLOURS = { on_time: "#198754", late: "#fd7e14", overdue: "#dc3545", missing: "#6c757d" };
  function draw() {
    var holder = document.getElementById("stats-chart");
    var source = document.getElementById("stats-chart-data");
    if (!holder || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      color: data.series.map(function (s) { return COLOURS[s.key]; }),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: "category", data: data.weeks, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "reports", data: s.data };
      }),
    });
    window.addEventListener("resize", function () { chart.resize(); });
    holder.dataset.drawn = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
