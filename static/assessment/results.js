// The grade distribution of an assessment cycle (templates/assessment/results/_summary.html): one
// bar a grade, 优秀, 良好, 合格 and 不合格, drawn with ECharts from the JSON the page carries.
(function () {
  "use strict";
  var COLOURS = { excellent: "#198754", good: "#0d6efd", pass: "#6c757d", fail: "#dc3545" };
  function draw() {
    var holder = document.getElementById("grade-chart");
    var source = document.getElementById("grade-chart-data");
    if (!holder || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: "category", data: data.grades.map(function (g) { return g.name; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: data.title,
          type: "bar",
          label: { show: true, position: "top" },
          data: data.grades.map(function (g) {
            return { value: g.count, itemStyle: { color: COLOURS[g.key] } };
          }),
        },
      ],
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
