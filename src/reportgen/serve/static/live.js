/* reportgen serve: live checks placed at their field or cell, and the live preview. */
"use strict";

(() => {
  const { S, fill, $, el, state, metrics, api, banner, getAt, setAt, saveState } = window.RG;
  // -- live checks ------------------------------------------------------------------------------
  async function runChecks() {
    const seq = ++state.checkSeq;
    $("check-summary").classList.add("busy");
    const { ok, json } = await api("POST", "/api/check/" + encodeURIComponent(state.name), { data: state.data });
    if (seq !== state.checkSeq || !ok) return;
    metrics.checks += 1;
    applyChecks(json);
  }

  function owner(place) {
    // the field, cell or card a place belongs to: the place itself, else its nearest parent shown
    const parts = place ? place.split("/") : [];
    while (parts.length) {
      const node = state.fields.get(parts.join("/"));
      if (node) return node;
      parts.pop();
    }
    return null;
  }

  function tableOf(check) {
    return { A: "proactive/table", B: "applications/table", C: "reviews/table" }[check[0]];
  }

  function applyChecks(result) {
    document.querySelectorAll(".msgs").forEach((m) => m.replaceChildren());
    document.querySelectorAll(".has-error, .has-warning, .cell.error, .cell.warning, .cell.marked").forEach((n) => n.classList.remove("has-error", "has-warning", "error", "warning", "marked"));
    state.cellProblems = new Map();
    const all = [...(result.errors || []), ...(result.warnings || [])];
    for (const problem of all) {
      const level = problem.level;
      if (problem.check) {
        problem.cells.forEach((place, i) => {
          const cell = state.fields.get(place);
          if (!cell) return;
          cell.classList.add(i === 0 ? level : "marked");
          if (!state.cellProblems.has(place)) state.cellProblems.set(place, []);
          state.cellProblems.get(place).push(problem);
        });
      }
      const place = problem.check ? tableOf(problem.check) : problem.place;
      const target = owner(place);
      if (target && target.classList.contains("cell")) {
        target.classList.add(level);
        if (!state.cellProblems.has(place)) state.cellProblems.set(place, []);
        state.cellProblems.get(place).push(problem);
      }
      const holder = target && (target.classList.contains("cell") ? target.closest(".table-block") : target);
      const msgs = holder && [...holder.children].reverse().find((c) => c.classList.contains("msgs"));
      if (msgs) {
        holder.classList.add(level === "error" ? "has-error" : "has-warning");
        msgs.append(message(problem));
      }
    }
    summary(result);
    noteFor(document.activeElement);
  }

  function message(problem) {
    const node = el("div", { class: "msg " + problem.level, "data-check": problem.check || null },
      el("span", { class: "msg-text", text: problem.text }));
    if (problem.check && problem.level === "error") {
      node.append(el("button", { type: "button", class: "link", text: S.acknowledge, onclick: () => acknowledge(problem.check) }));
    }
    return node;
  }

  function acknowledge(check) {
    const list = (state.data.acknowledged || []).slice();
    list.push({ check, reason: S.ackReason });
    setAt(["acknowledged"], list);
    const box = document.querySelector('[data-place="acknowledged"] .list');
    if (box && box.redraw) box.redraw();
  }

  function summary(result) {
    const errors = result.errors || [], warnings = result.warnings || [];
    const node = $("check-summary");
    node.classList.remove("busy");
    const head = el("div", { class: "counts" });
    if (!errors.length) head.append(el("span", { class: "badge ok", text: S.checkOk }));
    if (errors.length) head.append(el("span", { class: "badge bad", text: fill(S.checkErrors, { count: errors.length }) }));
    if (warnings.length) head.append(el("span", { class: "badge warn", text: fill(S.checkWarnings, { count: warnings.length }) }));
    const details = el("details", { class: "all-problems", open: errors.length ? "" : null },
      el("summary", {}, head));
    const listOf = (title, items) => items.length ? el("div", { class: "problem-list" }, el("h3", { text: title }),
      ...items.map((p) => el("a", { href: "#", class: "msg " + p.level, text: p.text, onclick: (e) => { e.preventDefault(); reveal(p); } }))) : null;
    details.append(listOf(S.errorsHeading, errors) || "", listOf(S.warningsHeading, warnings) || "");
    node.replaceChildren(details);
  }

  function reveal(problem) {
    const target = state.fields.get((problem.cells || [])[0]) || owner(problem.check ? tableOf(problem.check) : problem.place);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    const input = target.matches("input, textarea") ? target : target.querySelector("input, textarea");
    if (input) input.focus({ preventScroll: true });
  }

  function noteFor(target) {
    const note = $("cell-note");
    const place = target && target.classList && target.classList.contains("cell") ? target.dataset.place : null;
    const problems = place ? state.cellProblems.get(place) || [] : [];
    if (!problems.length) { note.hidden = true; return; }
    note.replaceChildren(...problems.map((p) => el("div", { class: "msg " + p.level, text: p.text })));
    const box = target.getBoundingClientRect();
    note.style.top = window.scrollY + box.bottom + 6 + "px";
    note.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.innerWidth - 440)) + "px";
    note.hidden = false;
  }
  document.addEventListener("focusin", (event) => noteFor(event.target));

  // -- the preview ------------------------------------------------------------------------------
  async function requestPreview() {
    const seq = ++state.previewSeq;
    const asked = state.lastInput;
    $("preview-state").textContent = S.previewWaiting;
    $("preview-pane").classList.add("busy");
    const { status, json } = await api("POST", "/api/preview/" + encodeURIComponent(state.name), { data: state.data });
    if (seq !== state.previewSeq || status === 409) return;
    $("preview-pane").classList.remove("busy");
    if (status !== 200) { $("preview-state").textContent = S.previewFailed; $("preview-pane").classList.add("stale"); return; }
    $("preview-pane").classList.remove("stale");
    showPages(json, asked);
  }

  function showPages(made, asked) {
    const pages = $("pages");
    while (pages.children.length > made.pages) pages.lastChild.remove();
    let first = true;
    for (let n = 1; n <= made.pages; n += 1) {
      let img = pages.children[n - 1];
      if (!img) { img = el("img", { class: "page", alt: `${n}`, width: 794, height: 1123, loading: "lazy" }); pages.append(img); }
      const src = `/api/previews/${made.id}/${n}.png`;
      if (first && inView(img)) {
        first = false;
        img.addEventListener("load", () => {
          metrics.previews.push({ id: made.id, ms: performance.now() - asked, render: made.seconds * 1000 });
          pages.dataset.shown = made.id;
        }, { once: true });
      }
      img.src = src;
    }
    if (first) pages.dataset.shown = made.id;
    state.previewId = made.id;
    pages.dataset.preview = made.id;
    $("preview-state").textContent = fill(S.previewReady, { pages: made.pages, seconds: made.seconds.toFixed(1) });
    $("preview-state").title = (made.warnings || []).join("\n");  // what `reportgen render` would warn about
    for (const kind of ["docx", "pdf"]) {
      const link = $("download-" + kind);
      link.href = `/api/previews/${made.id}/download.${kind}`;
      link.setAttribute("download", state.name.replace(/\.json$/, "." + kind));
      link.hidden = false;
    }
  }

  function inView(node) {
    const box = node.getBoundingClientRect(), pane = $("pages").getBoundingClientRect();
    return box.bottom > pane.top && box.top < pane.bottom;
  }


  Object.assign(window.RG, { runChecks, applyChecks, requestPreview });
})();
