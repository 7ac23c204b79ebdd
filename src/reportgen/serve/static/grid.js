/* reportgen serve: the statistics tables as grids laid out like the printed tables.
   Rows, cells and their labels come from the input models' JSON Schema; the header bands the
   printed tables add (法人或其他组织, 表三 printed across) come from /api/schema's "layouts".
   A cell is addressed by its JSON place ("applications/table/new_received/total"); a row written
   as an array in the file stays an array (the cell's index is its column's position). */
"use strict";

const Grid = (() => {
  const refName = (node) => (node && node.$ref ? node.$ref.split("/").pop() : "");

  function rowColumns(node, defs) {
    // a table row: oneOf [array of cells, object with named cells] → its columns, or null
    const def = node.$ref ? defs[refName(node)] : node;
    if (!def || !def.oneOf) return null;
    const object = def.oneOf.find((o) => o.type === "object" && o.properties);
    const array = def.oneOf.find((o) => o.type === "array" && o.prefixItems);
    if (!object || !array) return null;
    return { name: refName(node), title: def.title || "",
      columns: Object.entries(object.properties).map(([key, s]) => ({ key, title: s.title || key })) };
  }

  function isCell(node) {
    const options = node.anyOf || [];
    return options.some((o) => o.type === "integer" || o.type === "number") && options.some((o) => o.type === "null");
  }

  function oneRowValue(value, columns) {
    if (Array.isArray(value)) return true;
    if (!value || typeof value !== "object") return false;
    const keys = Object.keys(value);
    return keys.length > 0 && keys.every((k) => columns.some((c) => c.key === k)) && !keys.some((k) => typeof value[k] === "object" && value[k] !== null);
  }

  // Every data row of a table, in printed order: {path, label, chain: [group labels], columns, row}
  function leaves(def, defs, value, path, chain, out) {
    for (const [key, prop] of Object.entries(def.properties || {})) {
      const sub = value && typeof value === "object" ? value[key] : undefined;
      const here = [...path, key];
      const title = prop.title || (defs[refName(prop)] || {}).title || key;
      const row = rowColumns(prop, defs);
      if (row) { out.push({ path: here, label: title, chain, columns: row.columns, row, prop }); continue; }
      if (isCell(prop)) {
        out.push({ path: here, label: title, chain, columns: [{ key: null, title: cellHeading(prop) }], prop });
        continue;
      }
      if (prop.oneOf) { // （六）其他处理: three sub-rows, or one row
        const single = prop.oneOf.map((o) => rowColumns(o, defs)).find(Boolean);
        const group = prop.oneOf.find((o) => !rowColumns(o, defs));
        if (single && (oneRowValue(sub, single.columns) || !group)) {
          out.push({ path: here, label: title, chain, columns: single.columns, row: single, prop, either: true });
        } else if (group) {
          leaves(defs[refName(group)], defs, sub, here, [...chain, { title, key: here.join("/"), either: true }], out);
        }
        continue;
      }
      const inner = prop.$ref ? defs[refName(prop)] : prop;
      if (inner && inner.properties) leaves(inner, defs, sub, here, [...chain, { title, key: here.join("/") }], out);
    }
    return out;
  }

  function cellHeading(prop) {
    // "第二十条第（五）项：行政许可的本年处理决定数量" → "本年处理决定数量"
    const text = (prop.description || "").split("：").slice(1).join("：") || prop.title || "";
    return text.replace(new RegExp("^" + (prop.title || "") + "的"), "").split("，")[0];
  }

  const section = (leaf) => ((leaf.prop.description || "").match(/^(第[^：]+项)：/) || [])[1] || "";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  /* Build the grid of table `def` (its definition name `name`) holding `value` at `path`.
     ctx: {defs, layouts, get(path), set(path, value), cellInput(input, place, leaf)} */
  function build(name, def, value, path, ctx) {
    const rows = leaves(def, ctx.defs, value, path, [], []);
    const across = (ctx.layouts.across || []).includes(name);
    const table = el("table", { class: "grid" + (across ? " grid-across" : ""), "data-table": path.join("/") });
    const inputs = [];  // navigation matrix: inputs[r][c]
    if (across) buildAcross(table, rows, ctx, inputs); else buildDown(table, name, rows, ctx, inputs);
    table.addEventListener("keydown", (event) => navigate(event, inputs));
    table.addEventListener("paste", (event) => paste(event, inputs, ctx));
    return el("div", { class: "grid-wrap" }, table);
  }

  function cellInput(leaf, column, ctx) {
    const place = column.key ? [...leaf.path, column.key].join("/") : leaf.path.join("/");
    const input = el("input", { class: "cell", inputmode: "decimal", "data-place": place,
      "aria-label": `${leaf.chain.map((g) => g.title).join(" › ")}${leaf.chain.length ? " › " : ""}${leaf.label} › ${column.title}` });
    const index = leaf.columns.indexOf(column);
    input.value = show(readCell(ctx, leaf, column, index));
    input.addEventListener("input", () => writeCell(ctx, leaf, column, index, parse(input.value)));
    ctx.cellInput(input, place, leaf);
    return input;
  }

  function readCell(ctx, leaf, column, index) {
    const row = ctx.get(leaf.path);
    if (!column.key) return row;
    if (Array.isArray(row)) return row[index];
    return row && typeof row === "object" ? row[column.key] : null;
  }

  function writeCell(ctx, leaf, column, index, value) {
    if (!column.key) { ctx.set(leaf.path, value); return; }
    let row = ctx.get(leaf.path);
    if (Array.isArray(row)) { row = row.slice(); row[index] = value; }
    else if (row && typeof row === "object") row = { ...row, [column.key]: value };
    else { row = leaf.columns.map(() => null); row[index] = value; }
    ctx.set(leaf.path, row);
  }

  const show = (v) => (v === null || v === undefined ? "" : String(v));

  function parse(text) {
    // what the cell holds in the JSON: blank → null, a number → the number, else the text as typed
    // (validate names it: “应为数字；没有就写 0”, full-width digits, …)
    const plain = text.trim().replace(/(\d),(?=\d{3}\b)/g, "$1");
    if (plain === "") return null;
    if (/^-?\d+$/.test(plain) && plain.length < 16) return parseInt(plain, 10);
    if (/^-?\d+\.\d+$/.test(plain) && plain.length < 18) return parseFloat(plain);
    return text;
  }

  function spanOf(j, n, width) {
    // columns of a row with fewer cells than the table is wide: equal spans, else the last takes the rest
    if (width % n === 0) return width / n;
    return j === n - 1 ? width - (n - 1) : 1;
  }

  function buildDown(table, name, rows, ctx, inputs) {
    const width = Math.max(...rows.map((r) => r.columns.length));
    const depth = Math.max(...rows.map((r) => r.chain.length)) + 1;
    const bands = rows[0].row && (ctx.layouts.bands || {})[rows[0].row.name];
    const corner = (ctx.layouts.corner || {})[name] || "";
    const head = el("thead");
    let lastSection = null;
    const body = el("tbody");
    if (bands) {  // 表二: 申请人情况 / 自然人 · 法人或其他组织 · 总计 / the five columns
      const cols = rows[0].columns;
      head.append(el("tr", {}, el("th", { class: "corner", colspan: depth, rowspan: 3, text: corner }),
        el("th", { colspan: width, text: rows[0].row.title })));
      const second = el("tr"), third = el("tr");
      let at = 0;
      for (const [label, span] of bands) {
        if (span === 1) second.append(el("th", { rowspan: 2, text: cols[at].title }));
        else {
          second.append(el("th", { colspan: span, text: label }));
          for (const c of cols.slice(at, at + span)) third.append(el("th", { text: c.title }));
        }
        at += span;
      }
      head.append(second, third);
    } else if (!rows.some(section)) {
      head.append(el("tr", {}, el("th", { class: "corner", colspan: depth, text: corner }),
        ...rows[0].columns.map((c) => el("th", { text: c.title }))));
    }
    const spans = new Map();  // group key → number of rows under it
    for (const r of rows) for (const g of r.chain) spans.set(g.key, (spans.get(g.key) || 0) + 1);
    const opened = new Set();
    rows.forEach((leaf, r) => {
      const sec = section(leaf);
      if (sec && sec !== lastSection) {  // 表一: a caption row, then its header row
        lastSection = sec;
        body.append(el("tr", { class: "caption-row" }, el("th", { colspan: depth + width, text: sec })));
        body.append(el("tr", { class: "head-row" }, el("th", { colspan: depth, text: corner }),
          ...leaf.columns.map((c, j) => el("th", { colspan: spanOf(j, leaf.columns.length, width), text: c.title }))));
      }
      const tr = el("tr", { "data-row": leaf.path.join("/") });
      for (const g of leaf.chain) {
        if (opened.has(g.key)) continue;
        opened.add(g.key);
        tr.append(el("th", { class: "group", rowspan: spans.get(g.key), scope: "rowgroup", text: g.title }));
      }
      tr.append(el("th", { class: "label", scope: "row", colspan: depth - leaf.chain.length, text: leaf.label }));
      inputs[r] = leaf.columns.map((column, j) => {
        const input = cellInput(leaf, column, ctx);
        const span = spanOf(j, leaf.columns.length, width);
        tr.append(el("td", { colspan: span > 1 ? span : null }, input));
        return input;
      });
      body.append(tr);
    });
    table.append(head, body);
  }

  function buildAcross(table, rows, ctx, inputs) {
    // 表三: the rows printed side by side; "行政诉讼 › 未经复议直接起诉" is a two-level heading
    const levels = rows.map((r) => r.label.split(" › "));
    const first = el("tr"), second = el("tr"), third = el("tr"), data = el("tr");
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && levels[j + 1][0] === levels[i][0] && levels[i].length > 1) j += 1;
      const cols = rows.slice(i, j + 1).reduce((n, r) => n + r.columns.length, 0);
      first.append(el("th", { colspan: cols, rowspan: levels[i].length > 1 ? 1 : 2, text: levels[i][0] }));
      for (let k = i; k <= j; k += 1) if (levels[k].length > 1) second.append(el("th", { colspan: rows[k].columns.length, text: levels[k][1] }));
      i = j + 1;
    }
    inputs[0] = [];
    for (const leaf of rows) {
      for (const column of leaf.columns) {
        third.append(el("th", { text: column.title }));
        const input = cellInput(leaf, column, ctx);
        data.append(el("td", {}, input));
        inputs[0].push(input);
      }
    }
    table.append(el("thead", {}, first, second, third), el("tbody", {}, data));
  }

  function position(inputs, target) {
    for (let r = 0; r < inputs.length; r += 1) {
      const c = (inputs[r] || []).indexOf(target);
      if (c >= 0) return [r, c];
    }
    return null;
  }

  function navigate(event, inputs) {
    const at = position(inputs, event.target);
    if (!at) return;
    const [r, c] = at;
    const input = event.target;
    const whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    let next = null;
    if (event.key === "ArrowUp") next = [r - 1, c];
    else if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) next = [r + 1, c];
    else if (event.key === "ArrowLeft" && (whole || input.selectionStart === 0)) next = [r, c - 1];
    else if (event.key === "ArrowRight" && (whole || input.selectionEnd === input.value.length)) next = [r, c + 1];
    if (!next) return;
    const row = inputs[next[0]];
    if (!row) return;
    const target = row[Math.min(next[1], row.length - 1)];
    if (!target || next[1] < 0) return;
    event.preventDefault();
    target.focus();
    target.select();
  }

  function paste(event, inputs, ctx) {
    // a block copied from Excel/WPS: rows by line, cells by tab, filled from the focused cell
    const text = (event.clipboardData || window.clipboardData).getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
    const at = position(inputs, event.target);
    if (!at) return;
    event.preventDefault();
    const lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    lines.forEach((line, i) => {
      line.split("\t").forEach((value, j) => {
        const row = inputs[at[0] + i];
        const input = row && row[at[1] + j];
        if (!input) return;
        input.value = value.trim();
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
    ctx.pasted && ctx.pasted();
  }

  return { build, parse, leaves, rowColumns };
})();
