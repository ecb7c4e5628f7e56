// The chart of a site's monthly service report (templates/tickets/report.html): tickets by
// category, one stacked bar a priority, drawn with ECharts from the JSON the page carries.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("report-chart");
    var source = document.getElementById("report-chart-data");
    if (!holder || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var colours = ["#dc3545", "#fd7e14", "#0d6efd", "#6c757d"];
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      color: colours,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "tickets", data: s.data };
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
