// A link to a party (positions.html#party-…) opens that party's tab; a cited paragraph is
// highlighted by CSS (:target).
function briefingOpenTab() {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id && document.getElementById(id);
  var content = target && target.closest(".sd-tab-content");
  var input = content && content.previousElementSibling && content.previousElementSibling.previousElementSibling;
  if (input && input.type === "radio") { input.checked = true; target.scrollIntoView(); }
}
window.addEventListener("DOMContentLoaded", briefingOpenTab);
window.addEventListener("hashchange", briefingOpenTab);

// Each cell names its column, for the stacked cards a narrow screen shows instead of rows.
window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.docutils").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"),
                                         function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i]) { cell.setAttribute("data-label", heads[i]); }
      });
    });
  });
});
