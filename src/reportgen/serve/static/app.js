/* reportgen serve: the list of reports, opening one, saving, rendering, and the page's routes
   (#/ the list, #/edit/NAME a report). The scripts are the package's own: no third-party code. */
"use strict";

(() => {
  const { S, fill, $, el, state, api, banner, saveState, renderForm, applyChecks, requestPreview } = window.RG;

  // -- the list ---------------------------------------------------------------------------------
  async function showList() {
    state.name = null;
    $("edit-view").hidden = true; $("actions").hidden = true; $("list-view").hidden = false;
    $("file-title").textContent = "";
    const { json } = await api("GET", "/api/files");
    const rows = (json.files || []).map((f) => {
      let badge;
      if (f.problem) badge = el("span", { class: "badge bad", title: f.problem, text: S.unreadable });
      else if (f.errors) badge = el("span", { class: "badge bad", text: fill(S.errors, { count: f.errors }) });
      else if (f.warnings) badge = el("span", { class: "badge warn", text: fill(S.warnings, { count: f.warnings }) });
      else badge = el("span", { class: "badge ok", text: S.valid });
      const open = el("button", { type: "button", class: "primary small", text: S.open, disabled: f.problem ? "" : null,
        onclick: () => { location.hash = "#/edit/" + encodeURIComponent(f.name); } });
      const link = f.problem ? el("span", { text: f.name })  // the name opens it as the button does
        : el("a", { href: "#/edit/" + encodeURIComponent(f.name), text: f.name });
      return el("tr", { "data-name": f.name }, el("td", { class: "mono" }, link), el("td", { text: f.issuer }),
        el("td", { text: f.year ?? "" }), el("td", { class: "mono", text: f.format }), el("td", {}, badge),
        el("td", { class: "mono", text: f.rendered }), el("td", {}, open));
    });
    $("file-rows").replaceChildren(...rows);
    $("new-from").replaceChildren(...(json.files || []).filter((f) => !f.problem).map((f) => el("option", { text: f.name })));
  }

  $("new-file").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = { name: form.get("name"), format: form.get("format") };
    if (form.get("kind") === "from") body.from = form.get("from");
    const { ok, json } = await api("POST", "/api/new", body);
    if (!ok) { banner(json.error, "bad"); return; }
    location.hash = "#/edit/" + encodeURIComponent(json.name);
  });

  // -- opening a report -------------------------------------------------------------------------
  async function openFile(name) {
    banner("");
    const { ok, json } = await api("GET", "/api/files/" + encodeURIComponent(name));
    if (!ok) { banner(`${S.loadFailed}：${json.error}`, "bad"); await showList(); return; }
    const format = json.data && json.data.format;
    if (!state.schemas[format]) {
      const got = await api("GET", "/api/schema/" + encodeURIComponent(format));
      if (!got.ok) { banner(`${S.loadFailed}：format ${format}`, "bad"); return; }
      state.schemas[format] = got.json;
    }
    Object.assign(state, { name, data: json.data, version: json.version, dirty: false,
      schema: state.schemas[format].schema, defs: state.schemas[format].schema.$defs || {},
      layouts: state.schemas[format].layouts, previewId: null });
    $("list-view").hidden = true; $("edit-view").hidden = false; $("actions").hidden = false;
    $("file-title").textContent = name;
    $("pages").replaceChildren();  // nothing of the report shown before stays
    delete $("pages").dataset.shown;
    delete $("pages").dataset.preview;
    $("download-docx").hidden = true; $("download-pdf").hidden = true;
    $("preview-state").textContent = "";
    saveState(S.saved);
    renderForm();
    applyChecks(json.checks);
    requestPreview();
  }

  // -- saving, rendering, leaving -----------------------------------------------------------------
  async function save(replace) {
    const { status, json } = await api("PUT", "/api/files/" + encodeURIComponent(state.name), { data: state.data, version: state.version, replace: !!replace });
    if (status === 409) {
      banner(json.error, "bad", el("button", { type: "button", text: S.reopen, onclick: () => openFile(state.name) }),
        el("button", { type: "button", class: "danger", text: S.overwrite, onclick: () => save(true) }));
      return false;
    }
    if (status !== 200) { banner(json.error, "bad"); return false; }
    banner("");
    state.version = json.version;
    state.dirty = false;
    saveState(`${S.saved} ${new Date().toLocaleTimeString()}`);
    applyChecks(json.checks);
    return true;
  }

  async function renderFiles() {
    if (state.dirty && !(await save())) return;
    banner(S.previewWaiting, "info");
    const { ok, json } = await api("POST", "/api/render/" + encodeURIComponent(state.name));
    banner(ok ? fill(S.renderedTo, json) : json.error, ok ? "ok" : "bad");
  }

  $("save").addEventListener("click", () => save());
  $("render").addEventListener("click", renderFiles);
  $("back").addEventListener("click", () => { location.hash = "#/"; });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s" && state.name) { event.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", (event) => { if (state.dirty) { event.preventDefault(); event.returnValue = S.leave; } });

  function route() {
    const match = location.hash.match(/^#\/edit\/(.+)$/);
    if (match) {
      const name = decodeURIComponent(match[1]);
      if (name !== state.name) openFile(name);
    } else {
      if (state.dirty && !confirm(S.leave)) { location.hash = "#/edit/" + encodeURIComponent(state.name); return; }
      state.dirty = false;
      showList();
    }
  }
  window.addEventListener("hashchange", route);
  route();
})();
