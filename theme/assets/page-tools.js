/* Page tools (theme/partials/page-tools.html): the text-size buttons and the print button.
 *
 * Without JavaScript the buttons stay hidden; the browser's zoom and print menu do the same
 * job.  The chosen size is kept in localStorage ("catalogue.textSize") for every page of the
 * site; an inline script in <head> (theme/main.html) applies it before the first paint, this
 * file only wires the buttons and shows which size is on (aria-pressed). */
(function () {
  "use strict";
  var KEY = "catalogue.textSize";
  var SIZES = ["standard", "large", "x-large"];
  var root = document.documentElement;

  function current() {
    var size = root.getAttribute("data-cat-text-size");
    return SIZES.indexOf(size) > 0 ? size : "standard";
  }

  function show(size) {
    var buttons = document.querySelectorAll("[data-cat-text-size]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-cat-text-size") === size));
    }
  }

  function choose(size) {
    if (size === "standard") root.removeAttribute("data-cat-text-size");
    else root.setAttribute("data-cat-text-size", size);
    try {
      if (size === "standard") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, size);
    } catch (e) { /* storage off: the size holds for this page only */ }
    show(size);
  }

  var hidden = document.querySelectorAll("[data-cat-js]");
  for (var i = 0; i < hidden.length; i++) hidden[i].hidden = false;
  show(current());
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var sizeButton = target && target.closest("[data-cat-text-size]");
    if (sizeButton) choose(sizeButton.getAttribute("data-cat-text-size"));
    else if (target && target.closest("[data-cat-print]")) window.print();
  });
})();
