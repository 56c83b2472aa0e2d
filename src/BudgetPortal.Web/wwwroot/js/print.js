// Pagination of the print view: on which page each part, table and note of the official PDF
// starts, worked out from the laid-out document before it is printed, so that the 目录 carries its
// page numbers after a single print.
//
// The document is laid out at each page's printed width (read from the @page rules), cut into
// unbreakable pieces and laid onto pages as Chromium 156 breaks print.css (each rule checked
// against printed probes): forced breaks and changes of named page; boxes that avoid breaks inside
// (rows, headings) kept whole; no break after a heading (break-after: avoid); a break after any
// line of text (print.css sets orphans and widows to 1); a table's header rows repeated on every
// page it runs onto if they take at most a quarter of the page; a row with row-spanning cells kept
// with the rows it spans, or started on a new page when that group is taller than a page; margins
// dropped at an unforced break. The printer checks every number against the named destinations of
// the PDF it printed and prints again only if one disagrees, so a wrong guess costs time, never a
// wrong 目录.
"use strict";

window.budgetPrint = (() => {
    const PX = { mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, pc: 16, px: 1 };
    const SHEETS = { A3: [297, 420], A4: [210, 297], A5: [148, 210], B5: [176, 250], letter: [215.9, 279.4] };
    const FORCED = new Set(["page", "left", "right", "recto", "verso", "always", "all"]);
    // Layout positions are multiples of 1/64 px; a box ending on the page's last pixel fits.
    const SLACK = 1 / 64;

    const length = text => {
        const m = /^(-?[\d.]+)(mm|cm|in|pt|pc|px)$/.exec((text || "").trim());
        return m ? parseFloat(m[1]) * PX[m[2]] : 0;
    };

    /** The printable area of every named page (the unnamed one under ""), from the @page rules. */
    function pageAreas() {
        // Later rules win, declaration by declaration, as in the cascade; a named page starts from the unnamed one.
        const declared = {};
        for (const sheet of document.styleSheets) {
            let rules;
            try { rules = sheet.cssRules; } catch { continue; }
            for (const rule of rules) {
                if (!(rule instanceof CSSPageRule)) continue;
                const name = rule.selectorText.trim();
                if (name.includes(":")) continue;
                const into = declared[name] ??= {};
                for (const property of ["size", "margin-top", "margin-right", "margin-bottom", "margin-left"]) {
                    const value = rule.style.getPropertyValue(property).trim();
                    if (value) into[property] = value;
                }
            }
        }
        const areas = {};
        for (const name of new Set(["", ...Object.keys(declared)])) {
            const d = { ...declared[""], ...declared[name] };
            const size = (d.size ?? "A4").split(/\s+/);
            let [width, height] = (SHEETS[size[0]] ?? SHEETS.A4).map(v => v * PX.mm);
            if (size.length >= 2 && length(size[0]) > 0) [width, height] = [length(size[0]), length(size[1])];
            if (size.includes("landscape")) [width, height] = [Math.max(width, height), Math.min(width, height)];
            // Chromium prints on whole CSS pixels: the sheet and each margin are rounded (measured on
            // Chromium 156: A4 with 20/18 mm margins lays out 658 × 979 px, not 657.6 × 978.9).
            const px = v => Math.round(length(v));
            areas[name] = {
                width: Math.round(width) - px(d["margin-left"]) - px(d["margin-right"]),
                height: Math.round(height) - px(d["margin-top"]) - px(d["margin-bottom"]),
            };
        }
        return areas;
    }

    const isBlockLevel = display => /^(block|flex|grid|table|list-item|flow-root)$/.test(display);

    /** An element's displayed children with their computed styles. */
    const shown = el => Array.from(el.children, c => [c, getComputedStyle(c)]).filter(([, s]) => s.display !== "none");

    /**
     * The document as a sequence of unbreakable pieces in reading order: lines of text, table rows,
     * boxes that avoid breaks inside. Each knows its place in the continuous layout, its named page,
     * whether a break before it is forced or to be avoided, and the ids that start with it.
     */
    function pieces(root, areas) {
        const list = [];
        let forced = false, avoid = false, ids = [];
        const push = (top, bottom, page, extra = {}) => {
            list.push({ top, bottom, page, forced, avoidBefore: !forced && (avoid || !!extra.avoidBefore), ids, repeat: extra.repeat ?? 0, fresh: !!extra.fresh });
            forced = false; avoid = false; ids = [];
        };

        const lines = (el, page) => {
            const box = el.getBoundingClientRect();
            if (box.height === 0) return;
            const range = document.createRange();
            range.selectNodeContents(el);
            const rows = [];
            for (const r of range.getClientRects()) {
                if (r.height === 0) continue;
                const middle = (r.top + r.bottom) / 2;
                const row = rows.find(x => middle >= x.top && middle <= x.bottom);
                if (row) { row.top = Math.min(row.top, r.top); row.bottom = Math.max(row.bottom, r.bottom); }
                else rows.push({ top: r.top, bottom: r.bottom });
            }
            rows.sort((a, b) => a.top - b.top);
            if (rows.length <= 1) { push(box.top, box.bottom, page); return; }
            for (let i = 0; i < rows.length; i++) {
                // Line boxes meet halfway between the glyphs of neighbouring lines.
                const top = i === 0 ? box.top : (rows[i - 1].bottom + rows[i].top) / 2;
                const bottom = i === rows.length - 1 ? box.bottom : (rows[i].bottom + rows[i + 1].top) / 2;
                push(top, bottom, page);
            }
        };

        /**
         * A table's rows, grouped: a row that avoids breaks inside holds together the rows its
         * row-spanning cells cover (Chromium moves such a row with everything it spans).
         */
        const rowGroups = el => {
            const groups = [];
            for (const section of [...el.tBodies, ...(el.tFoot ? [el.tFoot] : [])]) {
                const rows = Array.from(section.rows);
                for (let i = 0; i < rows.length;) {
                    let end = i;
                    if (getComputedStyle(rows[i]).breakInside.startsWith("avoid"))
                        for (let j = i; j <= end; j++)
                            for (const cell of rows[j].cells) end = Math.max(end, Math.min(rows.length - 1, j + cell.rowSpan - 1));
                    groups.push(rows.slice(i, end + 1));
                    i = end + 1;
                }
            }
            return groups;
        };

        const table = (el, page) => {
            const box = el.getBoundingClientRect();
            const head = el.tHead && getComputedStyle(el.tHead).display === "table-header-group" ? el.tHead.getBoundingClientRect() : null;
            const area = (areas[page] ?? areas[""]).height;
            // Chromium repeats the header rows only when they take at most a quarter of the page.
            const repeat = head && head.height <= area / 4 + 0.5 ? head.height : 0;
            const groups = rowGroups(el);
            if (head) push(box.top, head.bottom, page);
            groups.forEach((rows, i) => {
                const top = i === 0 && !head ? box.top : rows[0].getBoundingClientRect().top;
                const bottom = i === groups.length - 1 ? box.bottom : rows[rows.length - 1].getBoundingClientRect().bottom;
                const whole = bottom - top <= area - repeat || rows.length === 1;
                // A group taller than a page: Chromium starts it on a new page, then breaks between its rows.
                (whole ? [rows] : rows.map(r => [r])).forEach((part, j, parts) => push(
                    j === 0 ? top : part[0].getBoundingClientRect().top,
                    j === parts.length - 1 ? bottom : part[part.length - 1].getBoundingClientRect().bottom,
                    page, { avoidBefore: i === 0 && j === 0 && !!head, repeat, fresh: !whole && j === 0 }));
            });
            if (groups.length === 0 && !head) push(box.top, box.bottom, page);
        };

        const walk = (el, style, page) => {
            if (style.position === "absolute" || style.position === "fixed") return;
            if (style.page && style.page !== "auto") page = style.page;
            if (FORCED.has(style.breakBefore)) forced = true;
            if (el.id) ids.push(el.id);
            if (style.display === "table") table(el, page);
            else if (style.breakInside.startsWith("avoid") || /flex|grid/.test(style.display)) {
                const box = el.getBoundingClientRect();
                push(box.top, box.bottom, page);
            }
            else {
                const children = shown(el);
                if (children.some(([, s]) => isBlockLevel(s.display))) for (const [c, s] of children) walk(c, s, page);
                else lines(el, page);
            }
            if (FORCED.has(style.breakAfter)) forced = true;
            else if (style.breakAfter.startsWith("avoid")) avoid = true;
        };

        for (const [c, s] of shown(root)) walk(c, s, "");
        return list;
    }

    /** Lays the pieces onto pages as Chromium does; returns each piece's page number (from 1). */
    function layOut(list, areas) {
        let page = 0, start = 0, top = 0, offset = 0, height = 0;
        const begin = i => {
            page++;
            start = i;
            top = list[i].top;
            // A table row opening a page sits under the repeated header rows.
            offset = list[i].repeat;
            height = (areas[list[i].page] ?? areas[""]).height;
            list[i].pageNumber = page;
        };
        for (let i = 0; i < list.length; i++) {
            const p = list[i];
            if (i === 0 || p.forced || p.page !== list[i - 1].page || (p.fresh && i > start)) { begin(i); continue; }
            if (offset + p.bottom - top <= height + SLACK) { p.pageNumber = page; continue; }
            // Break before p, or earlier where a break is not to be avoided (not before the page's first piece).
            let at = i;
            while (at > start + 1 && list[at].avoidBefore) at--;
            if (list[at].avoidBefore) at = i;
            begin(at);
            i = at;
        }
        return page;
    }

    /**
     * Lays the document out at the printed widths: the body as wide as the page area, an element
     * on a named page as wide as that page's area. Done as soon as the script runs, so the first
     * layout of the view is already the one to measure.
     */
    let areas = null;
    function prepare() {
        if (areas) return areas;
        areas = pageAreas();
        document.body.style.width = areas[""].width + "px";
        for (const el of document.body.querySelectorAll("*")) {
            const name = getComputedStyle(el).page;
            if (name && name !== "auto" && areas[name]) el.style.width = areas[name].width + "px";
        }
        return areas;
    }

    /** Writes page numbers ({ target id: page }) into the 目录 (elements with data-toc-page). */
    let paginated = false;
    function show(targets) {
        for (const e of document.querySelectorAll("[data-toc-page]")) e.textContent = targets[e.dataset.tocPage] ? String(targets[e.dataset.tocPage]) : "";
        paginated = true;
    }

    /**
     * Works out where every 目录 target starts, shows the numbers in the 目录 and returns
     * { pages: total, targets: { id: page } } for the printer.
     */
    function paginate() {
        const contents = document.querySelectorAll("[data-toc-page]");
        if (contents.length === 0) return { pages: 0, targets: {} };
        const areas = prepare();
        const list = pieces(document.body, areas);
        const total = layOut(list, areas);
        const starts = {};
        for (const p of list) for (const id of p.ids) starts[id] ??= p.pageNumber;
        const targets = Object.fromEntries(Array.from(contents, e => [e.dataset.tocPage, starts[e.dataset.tocPage] ?? 0]));
        show(targets);
        return { pages: total, targets };
    }

    prepare();
    // Printed from a reader's own browser (Ctrl+P), the 目录 gets its numbers too. Chromium fires
    // beforeprint for the printer's page.pdf as well: numbers already shown (paginated, or
    // corrected by the printer from a first PDF) must stay.
    window.addEventListener("beforeprint", () => {
        if (paginated) return;
        try { paginate(); } catch { /* the 目录 stays without numbers */ }
    });

    return { paginate, show };
})();
