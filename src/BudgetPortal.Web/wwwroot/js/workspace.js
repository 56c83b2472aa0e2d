// The officers' forms (工作台): everything works without this script; it adds what a person expects.
(function () {
    "use strict";

    // 0. A page answered to a POST (a row added, a refused save) gets its plain address in the history,
    //    so the back button and reload open the page instead of asking to send the form again.
    //    (Razor always writes data-* attributes — as "" when the value is null — so the value is what counts.)
    if (document.body.getAttribute("data-posted") === "true" && window.history.replaceState) {
        var url = new URL(window.location.href);
        url.searchParams.delete("handler");
        url.searchParams.delete("next");
        window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    // 1. A warning before leaving a form with unsaved changes (forms marked data-unsaved-warning).
    var dirty = new Set();
    document.querySelectorAll("form[data-unsaved-warning]").forEach(function (form) {
        var initial = new URLSearchParams(new FormData(form)).toString();
        var check = function () {
            if (new URLSearchParams(new FormData(form)).toString() !== initial) dirty.add(form); else dirty.delete(form);
            form.classList.toggle("is-dirty", dirty.has(form));
        };
        form.addEventListener("input", check);
        form.addEventListener("change", check);
        // Saving, adding a row or summing leaves the page on purpose.
        form.addEventListener("submit", function () { dirty.clear(); });
        // A page that came back with the officer's unsaved input (a refused save, a row just added) is unsaved.
        if (form.getAttribute("data-unsaved") === "true") { initial = ""; check(); }
    });
    window.addEventListener("beforeunload", function (event) {
        if (dirty.size === 0) return;
        event.preventDefault();
        event.returnValue = "";
    });

    // 2. Enter in a field marked data-enter-clicks="ID" presses that button (添加 in the add-row box);
    //    everywhere else Enter presses the form's first button, the hidden default 保存.
    document.querySelectorAll("[data-enter-clicks]").forEach(function (input) {
        input.addEventListener("keydown", function (event) {
            if (event.key !== "Enter" || event.isComposing) return;
            var button = document.getElementById(input.getAttribute("data-enter-clicks"));
            if (!button) return;
            event.preventDefault();
            button.click();
        });
    });

    // 3. Jump links to a finding's field open the right place and focus it.
    document.querySelectorAll("a[data-focus]").forEach(function (link) {
        link.addEventListener("click", function () {
            var target = document.getElementById(link.getAttribute("data-focus"));
            if (target) setTimeout(function () { target.focus(); }, 0);
        });
    });
})();
