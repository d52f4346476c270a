// The compare page's enhancement. The page is whole without it: a matrix of
// every profile and a side-by-side table of every profile. This script
// shows the form that filters the matrix by country and period and picks
// two or three profiles, whose columns alone then stay in the side-by-side
// table. It only hides and shows what the page already holds, so it works
// the same from file://. A choice can be shared as compare/#p=slug,slug.
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  var matrix = document.getElementById("matrix");
  var side = document.getElementById("side-by-side");
  if (!form || !matrix || !side) return;

  var MAX = 3;
  var country = document.getElementById("filter-country");
  var year = document.getElementById("filter-year");
  var status = document.getElementById("compare-status");
  var hint = document.getElementById("side-hint");
  var empty = document.getElementById("matrix-empty");
  var clear = document.getElementById("compare-clear");
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="profile"]'));
  var rows = Array.prototype.slice.call(matrix.querySelectorAll("tbody tr[data-profile]"));
  var picks = Array.prototype.slice.call(form.querySelectorAll(".pick-list li[data-profile]"));
  var cells = Array.prototype.slice.call(side.querySelectorAll("[data-profile]"));
  var hintText = hint ? hint.textContent : "";
  // The page's UI strings (data-strings, in the site's language), with
  // English when a string is missing.
  var strings = {};
  try { strings = JSON.parse(form.getAttribute("data-strings") || "{}") || {}; } catch (e) { strings = {}; }
  function str(key, fallback, vars) {
    var s = typeof strings[key] === "string" ? strings[key] : fallback;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }

  function matches(el) {
    var c = country ? country.value : "";
    var y = year ? parseInt(year.value, 10) : NaN;
    if (c && el.getAttribute("data-country") !== c) return false;
    if (!isNaN(y)) {
      var from = parseInt(el.getAttribute("data-from"), 10);
      var to = parseInt(el.getAttribute("data-to"), 10);
      if (!(from <= y && y <= to)) return false;
    }
    return true;
  }

  function chosen() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function update() {
    var picked = chosen();
    var visible = 0;
    rows.forEach(function (r) {
      var show = matches(r);
      r.hidden = !show;
      if (show) visible++;
      r.classList.toggle("chosen", picked.indexOf(r.getAttribute("data-profile")) >= 0);
    });
    if (empty) empty.hidden = visible > 0;
    picks.forEach(function (li) {
      var box = li.querySelector("input");
      li.hidden = !box.checked && !matches(li);
      box.disabled = !box.checked && picked.length >= MAX;
    });
    // The side-by-side table: the chosen profiles, or every profile the
    // filter lets through while fewer than two are chosen.
    var showAll = picked.length < 2;
    var shown = {};
    rows.forEach(function (r) {
      var slug = r.getAttribute("data-profile");
      shown[slug] = showAll ? !r.hidden : picked.indexOf(slug) >= 0;
    });
    cells.forEach(function (c) { c.hidden = !shown[c.getAttribute("data-profile")]; });

    var msg;
    if (picked.length >= 2) {
      msg = str("showing", "Showing {n} profiles side by side.", { n: picked.length });
      if (picked.length >= MAX) msg += str("most", " That is the most; clear one to choose another.");
    } else if (picked.length === 1) {
      msg = str("choose_more", "Choose one or two more profiles to compare them side by side.");
    } else {
      msg = str("matching", "{visible} of {total} profiles match the filter.", { visible: visible, total: rows.length });
    }
    if (status) status.textContent = msg;
    if (hint) hint.textContent = showAll ? hintText : str("chosen", "The chosen profiles, area by area.");
  }

  function readHash() {
    var m = /(?:^#|&)p=([^&]*)/.exec(location.hash);
    if (!m) return;
    var want = decodeURIComponent(m[1]).split(",");
    var n = 0;
    boxes.forEach(function (b) {
      if (want.indexOf(b.value) >= 0 && n < MAX) { b.checked = true; n++; }
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  if (clear) clear.addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = false; });
    update();
  });
  readHash();
  form.hidden = false;
  update();
})();
