// The code picker: an <input data-code-picker="functional|economic" data-year="2026"> gets a <datalist>
// filled as the officer types (codes starting with, or names containing, the text) from
// /api/v1/classification/{year}/{scheme}?q=…. Without this script the input is a plain text box,
// and the form takes a code or a name as typed.
(function () {
    "use strict";

    var DEBOUNCE_MS = 200;
    var STATUS_NOTE = { previousYear: "（上一年度目录）", notInCatalog: "（目录外编码，名称按填写）" };

    function attach(input, index) {
        var scheme = input.getAttribute("data-code-picker");
        var year = input.getAttribute("data-year");
        if (!scheme || !year || input.hasAttribute("data-code-picker-ready")) return;
        input.setAttribute("data-code-picker-ready", "");

        // The list is made when there is something to offer: a form of 2,000 budget lines has 4,000 code fields.
        var listId = (input.id || "code-picker-" + index) + "-options";
        var list = null;
        input.setAttribute("list", listId);
        input.setAttribute("autocomplete", "off");

        var timer = 0;
        var asked = null;
        var pending = null;

        function show(items) {
            var options = items.map(function (item) {
                var option = document.createElement("option");
                // The chosen option puts just the code into the field.
                option.value = item.code;
                var text = item.printed + (item.name ? " " + item.name : "") + (STATUS_NOTE[item.status] || "");
                option.label = text;
                option.textContent = text;
                return option;
            });
            if (!list) {
                list = document.createElement("datalist");
                list.id = listId;
                input.insertAdjacentElement("afterend", list);
            }
            list.replaceChildren.apply(list, options);
        }

        function ask() {
            var text = input.value.trim();
            if (text === asked) return;
            asked = text;
            if (text === "") { show([]); return; }
            if (pending) pending.abort();
            pending = new AbortController();
            var url = "/api/v1/classification/" + encodeURIComponent(year) + "/" + encodeURIComponent(scheme) + "?q=" + encodeURIComponent(text);
            fetch(url, { headers: { Accept: "application/json" }, signal: pending.signal })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (items) { if (input.value.trim() === text) show(items); })
                .catch(function () { /* typing on: the next request answers */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, DEBOUNCE_MS);
        });
    }

    document.querySelectorAll("input[data-code-picker]").forEach(attach);
})();
