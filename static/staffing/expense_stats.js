// The chart of the expense statistics (templates/staffing/expenses/stats.html): one stacked bar a
// month, a colour a category, drawn with ECharts from the JSON the page carries. Every month is
// labelled (interval 0): twelve labels fit at 360 px once rotated.
(function () {
  "use strict";
  var COLOURS = {
    transport: "#0d6efd",
    lodging: "#6f42c1",
    meals: "#fd7e14",
    communication: "#20c997",
    subsidy: "#6c757d",
  };
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
      grid: { left: 8, right: 8, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: "category", data: data.months, axisLabel: { interval: 0, rotate: 45 } },
      yAxis: { type: "value", axisLabel: { formatter: "¥{value}" } },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "expenses", data: s.data };
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
