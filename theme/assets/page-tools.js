/* Page tools (partials/page-tools.html): text size and print buttons (hidden without JavaScript:
 * the browser's zoom and print do the same), and the keyboard for Material's phone menu and search.
 * The size is kept in localStorage ("catalogue.textSize"); an inline script in <head> applies it. */
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
    var buttons = document.querySelectorAll("button[data-cat-text-size]");
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

  /* Material's menu and search buttons are labels for hidden check boxes, out of the keyboard's
     reach: each becomes a real button (Enter, Space; Escape closes the menu and returns to it).
     Without JavaScript the footer's 网站导航 is the keyboard's way (gov-footer.html). */
  var TOGGLES = { __drawer: "导航菜单", __search: "搜索" };
  function box(button) { return document.getElementById(button.getAttribute("data-cat-toggle")); }
  function toggled(button) {
    var input = box(button);
    button.setAttribute("aria-expanded", String(input.checked));
    var target = input.id === "__drawer"
      ? document.querySelector(".md-sidebar--primary a.md-nav__link[href]")
      : document.getElementById("cat-search-input");
    if (target && input.checked) target.focus();
  }
  for (var id in TOGGLES) {
    var input = document.getElementById(id);
    var label = document.querySelector('label.md-header__button[for="' + id + '"]');
    if (!input || !label) continue;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " cat-toggle cat-toggle--" + id.slice(2);
    button.setAttribute("data-cat-toggle", id);
    button.setAttribute("aria-label", "打开" + TOGGLES[id]);
    button.setAttribute("aria-expanded", String(input.checked));
    button.innerHTML = label.innerHTML;
    label.parentNode.insertBefore(button, label);
    label.classList.add("cat-toggle-replaced");
    input.addEventListener("change", (function (b, i) {
      return function () { b.setAttribute("aria-expanded", String(i.checked)); };
    })(button, input));
    button.addEventListener("click", function (event) {
      var b = event.currentTarget, i = box(b);
      i.checked = !i.checked;
      i.dispatchEvent(new Event("change", { bubbles: true }));
      toggled(b);
    });
  }
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    var button = document.querySelector('[data-cat-toggle="__drawer"]');
    if (button) button.focus();
  });

  /* A table of a record's text wider than the screen scrolls in the box Material's JavaScript puts round it: that box
     becomes a tab stop named as a region, as the site's own scroll boxes are (docs/dev/accessibility.md); a keyboard
     could not reach the hidden columns (axe: scrollable-region-focusable, a review).  Again when the width changes
     (a phone turned, the text size chosen). */
  function scrollRegions() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var wrap = boxes[i], wide = wrap.scrollWidth > wrap.clientWidth + 1, caption = wrap.querySelector("caption");
      if (wide && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption && caption.textContent.trim()) || "表格（可左右滚动）");
        wrap.setAttribute("data-cat-region", "");
      } else if (!wide && wrap.hasAttribute("data-cat-region")) {
        ["tabindex", "role", "aria-label", "data-cat-region"].forEach(function (a) { wrap.removeAttribute(a); });
      }
    }
  }
  var resizing;
  window.addEventListener("load", scrollRegions);
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(scrollRegions, 200); });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(scrollRegions); });

  var hidden = document.querySelectorAll("[data-cat-js]");
  for (var i = 0; i < hidden.length; i++) hidden[i].hidden = false;
  show(current());
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var sizeButton = target && target.closest("button[data-cat-text-size]");
    if (sizeButton) choose(sizeButton.getAttribute("data-cat-text-size"));
    else if (target && target.closest("[data-cat-print]")) window.print();
  });
})();
