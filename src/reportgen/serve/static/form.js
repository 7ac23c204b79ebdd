/* reportgen serve: the form, made from the input models' JSON Schema (their Chinese titles and
   descriptions): fields, cards for the parts, lists of paragraphs/sub-sections/pictures, and the
   statistics tables as grids (grid.js). Every input is registered by its JSON place in state.fields. */
"use strict";

(() => {
  const { S, fill, $, el, state, metrics, api, banner, getAt, setAt, saveState } = window.RG;
  // -- the form -------------------------------------------------------------------------------------
  const deref = (node) => (node && node.$ref ? state.defs[node.$ref.split("/").pop()] : node);
  const defName = (node) => (node && node.$ref ? node.$ref.split("/").pop() : "");

  function unwrap(prop) {
    const options = (prop.anyOf || []).filter((o) => o.type !== "null");
    if (prop.anyOf && options.length === 1) return { ...options[0], title: prop.title, description: prop.description, nullable: true, $refName: defName(options[0]) };
    return { ...prop, $refName: defName(prop) };
  }

  function renderForm() {
    state.fields = new Map();
    const form = $("form");
    form.replaceChildren();
    const props = Object.entries(state.schema.properties).filter(([key]) => key !== "$schema");
    const simple = props.filter(([, p]) => !isCard(p));
    const grid = el("div", { class: "fields" });
    for (const [key, prop] of simple) grid.append(field(key, prop, [key], state.schema.required || []));
    form.append(el("section", { class: "card" }, el("h2", { text: S.general }), grid));
    // the cards in printed order: title, preamble, the parts, then 落款 and the acknowledgements
    const last = ["signature", "acknowledged"];
    const cards = props.filter(([, p]) => isCard(p));
    cards.sort(([a], [b]) => last.indexOf(a) - last.indexOf(b));
    for (const [key, prop] of cards) form.append(card(key, prop));
  }

  function isCard(prop) {
    const p = unwrap(prop);
    const def = deref(p);
    return p.type === "array" || (def && def.properties && p.$refName !== "Signature") || p.$refName === "Signature";
  }

  function card(key, prop) {
    const p = unwrap(prop);
    const section = el("section", { class: "card", id: "part-" + key }, el("h2", { text: titleOf(key, p) }));
    if (p.description && p.type === "array") section.append(el("p", { class: "desc", text: p.description }));
    section.append(value(key, p, [key]), el("div", { class: "msgs" }));
    register([key], section);
    return section;
  }

  const titleOf = (key, p) => p.title || (deref(p) || {}).title || key;

  function register(path, node) { state.fields.set(path.join("/"), node); node.dataset.place = path.join("/"); }

  function value(key, p, path) {
    // the editor of one value: a table grid, an object's fields, a list, or a simple field
    const def = deref(p);
    if (p.$refName && p.$refName.startsWith("Table")) {
      return el("div", { class: "table-block" }, Grid.build(p.$refName, def, getAt(path), path, gridContext()),
        el("p", { class: "hint", text: `${S.blankHint}；${S.pasteHint}` }), el("div", { class: "msgs" }));
    }
    if (def && def.properties) {
      const box = el("div", { class: "fields" });
      for (const [k, sub] of Object.entries(def.properties)) box.append(field(k, sub, [...path, k], def.required || []));
      return box;
    }
    if (p.type === "array") return list(key, p, path);
    return el("span");
  }

  function field(key, prop, path, required) {
    const p = unwrap(prop);
    const def = deref(p);
    if (def && def.properties && !(p.$refName || "").startsWith("Table")) {
      const box = el("fieldset", { class: "group" }, el("legend", { text: titleOf(key, p) }), value(key, p, path));
      register(path, box);
      return box;
    }
    if ((p.$refName || "").startsWith("Table") || p.type === "array") {
      const box = el("div", { class: "field wide" }, el("span", { class: "title", text: titleOf(key, p) }), value(key, p, path), el("div", { class: "msgs" }));
      register(path, box);
      return box;
    }
    const current = getAt(path);
    const long = ["text", "reason"].includes(key) && p.type === "string";
    const input = el(long ? "textarea" : "input", { class: "input", name: path.join("/"), rows: long ? 3 : null,
      readonly: p.const ? "" : null, inputmode: p.type === "integer" || p.type === "number" ? "numeric" : null,
      placeholder: p.format === "date" ? "YYYY-MM-DD" : (p.default && typeof p.default === "string" ? p.default : null) });
    input.value = current === null || current === undefined ? "" : String(current);
    input.addEventListener("input", () => {
      const text = input.value;
      const optional = !required.includes(key);
      if (text === "" && optional) { setAt(path, undefined, true); return; }
      if (p.type === "integer" || p.type === "number") { setAt(path, Grid.parse(text)); return; }
      setAt(path, text);
    });
    if (long) grow(input);
    const box = el("label", { class: "field" + (long ? " wide" : "") }, el("span", { class: "title", text: p.title || key }), input,
      p.description ? el("small", { class: "desc", text: p.description }) : null, el("div", { class: "msgs" }));
    register(path, box);
    return box;
  }

  function grow(area) {
    const fit = () => { area.style.height = "auto"; area.style.height = area.scrollHeight + 2 + "px"; };
    area.addEventListener("input", fit);
    requestAnimationFrame(fit);
  }

  function list(key, p, path) {
    // a list: paragraphs/sub-sections/pictures (content), lines (title_lines, paragraphs), objects
    const items = p.items || {};
    const blocks = Array.isArray(items.oneOf);
    const box = el("div", { class: "list" });
    const draw = () => {
      const array = getAt(path) || [];
      box.replaceChildren();
      array.forEach((item, i) => box.append(listItem(items, blocks, [...path, i], i, array.length, draw)));
      const add = (label, make) => el("button", { type: "button", class: "add", text: "＋ " + label,
        onclick: () => { setAt(path, [...(getAt(path) || []), make()]); draw(); } });
      const tools = el("div", { class: "list-tools" });
      if (blocks) tools.append(add(S.addParagraph, () => ""), add(S.addSubsection, () => ({ title: "", text: "" })), add(S.addFigure, () => ({ image: "", caption: "" })));
      else if (items.type === "string") tools.append(add(S.addLine, () => ""));
      else tools.append(add(S.addItem, () => (defName(items) === "Acknowledgement" ? { check: "", reason: S.ackReason } : blankOf(deref(items)))));
      box.append(tools);
    };
    box.redraw = draw;
    draw();
    return box;
  }

  function blankOf(def) {
    const out = {};
    for (const key of def.required || []) out[key] = def.properties[key].type === "array" ? [] : "";
    return out;
  }

  function listItem(items, blocks, path, i, count, redraw) {
    const item = getAt(path);
    const move = (to) => {
      const array = getAt(path.slice(0, -1)).slice();
      const [taken] = array.splice(i, 1);
      if (to !== null) array.splice(to, 0, taken);
      setAt(path.slice(0, -1), array);
      redraw();
    };
    const tools = el("span", { class: "item-tools" },
      el("button", { type: "button", title: S.up, "aria-label": S.up, text: "↑", disabled: i === 0 ? "" : null, onclick: () => move(i - 1) }),
      el("button", { type: "button", title: S.down, "aria-label": S.down, text: "↓", disabled: i === count - 1 ? "" : null, onclick: () => move(i + 1) }),
      el("button", { type: "button", title: S.remove, "aria-label": S.remove, text: "✕", class: "danger", onclick: () => move(null) }));
    let kind, body;
    if (typeof item === "string") {
      kind = blocks ? S.paragraph : "";
      const area = el(blocks ? "textarea" : "input", { class: "input", rows: blocks ? 3 : null, name: path.join("/") });
      area.value = item;
      area.addEventListener("input", () => setAt(path, area.value));
      if (blocks) grow(area);
      body = area;
    } else {
      const option = blocks ? items.oneOf.find((o) => o.$ref && (item && "image" in item ? defName(o) === "Figure" : defName(o) === "Subsection")) : items;
      const def = deref(option);
      kind = blocks ? def.title : "";
      body = el("div", { class: "fields" });
      for (const [k, sub] of Object.entries(def.properties)) body.append(field(k, sub, [...path, k], def.required || []));
    }
    const node = el("div", { class: "item" + (blocks ? " block" : "") },
      el("div", { class: "item-head" }, el("span", { class: "kind", text: kind }), tools), body, el("div", { class: "msgs" }));
    register(path, node);
    return node;
  }

  function gridContext() {
    return { defs: state.defs, layouts: state.layouts, get: getAt, set: (path, v) => setAt(path, v),
      cellInput: (input, place) => { state.fields.set(place, input); },
      pasted: () => {} };
  }


  Object.assign(window.RG, { renderForm });
})();
