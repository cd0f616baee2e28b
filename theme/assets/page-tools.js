/* Page tools (theme/partials/page-tools.html): the text-size buttons and the print button;
 * and the keyboard for Material's phone menu and search buttons.
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

  /* Material's phone menu button and the header search button are labels for
     hidden check boxes, which a keyboard cannot reach: make each a button
     (Tab reaches it, Enter or Space opens it), move the focus into what it
     opened, and let Escape close the menu and return to its button. */
  var NAMES = { __drawer: "打开导航菜单", __search: "打开搜索" };
  var toggles = document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]');
  function box(label) { return document.getElementById(label.getAttribute("for")); }
  function opened(label) {
    var id = label.getAttribute("for");
    var target = id === "__drawer"
      ? document.querySelector(".md-sidebar--primary a.md-nav__link[href]")
      : document.getElementById("cat-search-input");
    if (target && box(label).checked) target.focus();
  }
  for (var t = 0; t < toggles.length; t++) {
    var label = toggles[t];
    var input = box(label);
    if (!input) continue;
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (!label.getAttribute("aria-label")) label.setAttribute("aria-label", NAMES[input.id]);
    label.setAttribute("aria-expanded", String(input.checked));
    input.addEventListener("change", (function (l, i) {
      return function () { l.setAttribute("aria-expanded", String(i.checked)); };
    })(label, input));
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      var l = event.currentTarget, i = box(l);
      i.checked = !i.checked;
      i.dispatchEvent(new Event("change", { bubbles: true }));
      opened(l);
    });
  }
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    var button = document.querySelector('label.md-header__button[for="__drawer"]');
    if (button) button.focus();
  });

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
