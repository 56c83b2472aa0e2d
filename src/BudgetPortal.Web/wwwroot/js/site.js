// Reading aids for every page; the page works without them (issue 18).
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }

  // A table wider than its box scrolls inside the box (the shadows at its edges say so without a script):
  // say it in words above the box for as long as it does.
  function hint(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var before = box.previousElementSibling;
    var shown = before !== null && before.classList.contains("scroll-hint");
    if (wide && !shown) {
      var p = document.createElement("p");
      p.className = "scroll-hint";
      p.setAttribute("aria-hidden", "true");
      p.textContent = "表格较宽，可在框内左右滑动查看 →";
      box.parentNode.insertBefore(p, box);
    } else if (!wide && shown) {
      before.parentNode.removeChild(before);
    }
  }

  // The part navigation marks the part being read (aria-current), as the page scrolls.
  function follow(nav) {
    if (typeof IntersectionObserver === "undefined") return;
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#'][data-part]"));
    var byId = {};
    links.forEach(function (a) { byId[a.getAttribute("href").slice(1)] = a; });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        links.forEach(function (a) { a.removeAttribute("aria-current"); });
        byId[e.target.id].setAttribute("aria-current", "location");
      });
    }, { rootMargin: "-20% 0px -75% 0px" });
    Object.keys(byId).forEach(function (id) { var t = document.getElementById(id); if (t) observer.observe(t); });
  }

  ready(function () {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
    boxes.forEach(hint);
    if (typeof ResizeObserver !== "undefined") {
      var resized = new ResizeObserver(function (entries) { entries.forEach(function (e) { hint(e.target); }); });
      boxes.forEach(function (b) { resized.observe(b); });
    }
    document.querySelectorAll("nav.part-nav").forEach(follow);
  });
})();
