/* reportgen serve: what the page's scripts share — its words, the report being edited, the HTTP
   calls, and the data read and written by JSON place. Loaded first; the others read window.RG. */
"use strict";

(() => {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  const S = boot.strings;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const CHECK_DELAY = 250, PREVIEW_DELAY = 350;
  const state = { name: null, data: null, version: null, schema: null, defs: {}, layouts: {}, dirty: false,
    fields: new Map(), cellProblems: new Map(), checkSeq: 0, previewSeq: 0, lastInput: 0, previewId: null,
    timers: {}, schemas: {} };
  const metrics = { previews: [], checks: 0 };
  window.reportgen = { state, metrics };  // for the browser tests

  async function api(method, url, body) {
    const response = await fetch(url, { method, credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, ok: response.ok, json: json || {} };
  }

  function banner(text, kind, ...buttons) {
    const node = $("banner");
    node.replaceChildren(el("span", { text }), ...buttons);
    node.className = "banner " + (kind || "info");
    node.hidden = !text;
  }

  // -- the data: get and set by JSON place ---------------------------------------------------------
  function getAt(path) {
    let node = state.data;
    for (const key of path) { if (node === null || node === undefined) return undefined; node = node[key]; }
    return node;
  }

  function setAt(path, value, remove) {
    let node = state.data;
    path.slice(0, -1).forEach((key, i) => {
      if (node[key] === null || node[key] === undefined || typeof node[key] !== "object") node[key] = typeof path[i + 1] === "number" ? [] : {};
      node = node[key];
    });
    const last = path[path.length - 1];
    if (remove && !Array.isArray(node)) delete node[last]; else node[last] = value;
    changed();
  }

  function changed() {
    state.dirty = true;
    state.lastInput = performance.now();
    saveState(S.unsaved);
    clearTimeout(state.timers.check); clearTimeout(state.timers.preview);
    state.timers.check = setTimeout(() => window.RG.runChecks(), CHECK_DELAY);
    state.timers.preview = setTimeout(() => window.RG.requestPreview(), PREVIEW_DELAY);
  }

  function saveState(text) { $("save-state").textContent = text; $("save-state").className = "save-state" + (state.dirty ? " dirty" : ""); }


  window.RG = { S, fill, $, el, state, metrics, api, banner, getAt, setAt, changed, saveState };
})();
