/* SVG export for every chart: the modebar offers PNG (plotly's camera button); this adds an
   "SVG" button beside it. Plotly re-draws its modebar, so an observer adds the button back. */
(function () {
  "use strict";
  function addButtons() {
    document.querySelectorAll(".js-plotly-plot .modebar").forEach(function (bar) {
      if (bar.querySelector(".eim-svg")) { return; }
      var group = document.createElement("div");
      group.className = "modebar-group";
      var button = document.createElement("a");
      button.className = "modebar-btn eim-svg";
      button.setAttribute("rel", "tooltip");
      button.setAttribute("data-title", "SVG");
      button.title = "SVG";
      button.textContent = "SVG";
      button.addEventListener("click", function () {
        var chart = bar.closest(".js-plotly-plot");
        var title = (chart.layout && chart.layout.title && chart.layout.title.text) || "chart";
        window.Plotly.downloadImage(chart, {format: "svg", filename: title.slice(0, 60)});
      });
      group.appendChild(button);
      bar.appendChild(group);
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; addButtons(); });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
