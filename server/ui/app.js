// sitrep web UI: plain JavaScript over the JSON API, no dependencies.
// Every piece of text from the API is inserted with textContent, never as
// HTML.
"use strict";

const main = document.getElementById("main");
const SVGNS = "http://www.w3.org/2000/svg";

// h builds an element: h("a", {href: "#"}, "text", child, ...).
function h(tag, attrs, ...children) {
  const el = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== undefined && v !== null) q.set(k, v);
  const url = "/api/" + path + (q.toString() ? "?" + q : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function fail(err) {
  show(h("p", { class: "error", role: "alert" }, "Error: " + err.message));
}

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [page, ...rest] = hash.split("/");
  const [name, query] = page.split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === (name || "search")));
  const pages = { "": searchPage, search: searchPage, doc: () => docPage(decodeURIComponent(rest.join("/"))), events: eventsPage, map: mapPage, timeline: timelinePage, network: networkPage };
  (pages[name] || searchPage)(params).catch(fail);
}

function go(page, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  location.hash = "#/" + page + (q.toString() ? "?" + q : "");
}

// filterForm renders inputs for the given filter fields, filled from params.
const FIELDS = {
  text: ["Text", "words, \"a phrase\", prefix*", "wide"],
  source: ["Source actor", "IRN"],
  target: ["Target actor", "SYR"],
  code: ["CAMEO codes", "19, 0311"],
  plover: ["PLOVER", "ASSAULT"],
  country: ["Country", "SY or SYR"],
  near: ["Near", "lat,lon,km"],
  from: ["From", "YYYY-MM-DD"],
  to: ["To", "YYYY-MM-DD"],
  speaker: ["Speaker", "name"],
};

function filterForm(fields, params, onSubmit) {
  const inputs = {};
  const form = h("form", { class: "filters", role: "search" },
    fields.map((f) => {
      const [label, ph, cls] = FIELDS[f];
      inputs[f] = h("input", { name: f, placeholder: ph, value: params[f] || "", class: cls, "aria-label": label });
      return h("label", {}, label, inputs[f]);
    }),
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const out = {};
    for (const [k, el] of Object.entries(inputs)) out[k] = el.value.trim();
    onSubmit(out);
  });
  return form;
}

function pager(params, n, limit, page) {
  const offset = Number(params.offset || 0);
  return h("div", { class: "pager" },
    offset > 0 ? h("button", { class: "secondary", onclick: () => go(page, { ...params, offset: Math.max(0, offset - limit) }) }, "← Previous") : null,
    n === limit ? h("button", { class: "secondary", onclick: () => go(page, { ...params, offset: offset + limit }) }, "Next →") : null);
}

async function searchPage(params) {
  const limit = 20;
  const form = filterForm(["text", "country", "from", "to", "speaker"], params, (f) => go("search", f));
  show(h("h1", {}, "Documents"), form, h("p", { class: "muted" }, "Searching…"));
  const r = await api("documents", { ...params, limit });
  const list = h("ul", { class: "results", id: "results" },
    r.documents.map((d) => h("li", {},
      h("a", { class: "title", href: "#/doc/" + encodeURIComponent(d.id) }, d.title || d.id),
      d.dup_of ? h("span", { class: "badge dup", title: "near or exact duplicate of " + d.dup_of }, "duplicate") : null,
      d.events ? h("span", { class: "badge" }, d.events + " events") : null,
      h("div", { class: "meta" }, [d.published, d.source, d.id].filter(Boolean).join(" · ")),
      h("div", {}, d.snippet))));
  show(h("h1", {}, "Documents"), form,
    r.documents.length ? list : h("p", { class: "muted", id: "results" }, "No documents match."),
    pager(params, r.documents.length, limit, "search"));
}

// cp converts between code point offsets and JS string indexes.
function codePoints(text) {
  return Array.from(text);
}

async function docPage(id) {
  const d = await api("documents/" + encodeURIComponent(id));
  const chars = codePoints(d.text || "");
  const spans = []; // {start, end, cls, key}
  const facts = { Entities: [], Places: [], Times: [], Quotes: [], Events: [] };
  const entName = {};
  (d.entities || []).forEach((e, i) => {
    entName[e.id] = e.name;
    const key = "entity-" + i;
    (e.mentions || []).forEach((m) => spans.push({ start: m.start, end: m.end, cls: "hl-entity", key }));
    facts.Entities.push({ key, label: e.name + " (" + e.type + (e.actor ? ", " + e.actor.code : "") + ")", evidence: (e.mentions || []).map((m) => m.text).join(" · ") });
  });
  (d.places || []).forEach((p, i) => {
    const key = "place-" + i;
    (p.mentions || []).forEach((m) => spans.push({ start: m.start, end: m.end, cls: "hl-place", key }));
    facts.Places.push({ key, label: p.name + (p.country ? ", " + p.country : ""), evidence: p.lat.toFixed(3) + ", " + p.lon.toFixed(3) + (p.geonameid ? " · GeoNames " + p.geonameid : "") });
  });
  (d.times || []).forEach((t, i) => {
    const key = "time-" + i;
    spans.push({ start: t.start, end: t.end, cls: "hl-time", key });
    facts.Times.push({ key, label: t.text + " → " + t.value, evidence: t.type });
  });
  (d.quotes || []).forEach((q, i) => {
    const key = "quote-" + i;
    spans.push({ start: q.start, end: q.end, cls: "hl-quote", key });
    const who = q.speaker ? entName[q.speaker] || q.speaker : "unknown speaker";
    facts.Quotes.push({ key, label: who + ": “" + (q.text.length > 80 ? q.text.slice(0, 80) + "…" : q.text) + "”", evidence: q.kind + (q.cue ? " · cue: " + q.cue.text : "") });
  });
  (d.events || []).forEach((ev, i) => {
    const key = "event-" + i;
    if (ev.trigger && ev.trigger.end > ev.trigger.start) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "hl-event", key });
    const who = (id, code) => [code, entName[id]].filter(Boolean).join(" ") || "?";
    const sentence = ev.sentence && ev.sentence.end > ev.sentence.start ? chars.slice(ev.sentence.start, ev.sentence.end).join("") : "";
    facts.Events.push({ key, label: ev.code + (ev.plover ? " " + ev.plover.type : "") + ": " + who(ev.source, ev.source_actor) + " → " + who(ev.target, ev.target_actor), evidence: sentence || (ev.trigger && ev.trigger.text) || "" });
  });

  // Cut the text at every span boundary; each piece carries the spans covering it.
  const cuts = new Set([0, chars.length]);
  spans.forEach((s) => { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); });
  const points = [...cuts].sort((a, b) => a - b);
  const textEl = h("div", { class: "text", id: "doc-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { textEl.append(piece); continue; }
    textEl.append(h("span", { class: [...new Set(cover.map((s) => s.cls))].join(" "), "data-keys": cover.map((s) => s.key).join(" ") }, piece));
  }
  const evidence = h("div", { class: "evidence", id: "evidence", hidden: true });
  const select = (f, li) => {
    document.querySelectorAll(".facts li.selected, .text .flash").forEach((el) => el.classList.remove("selected", "flash"));
    li.classList.add("selected");
    const marks = [...textEl.querySelectorAll("span[data-keys]")].filter((el) => el.dataset.keys.split(" ").includes(f.key));
    marks.forEach((el) => el.classList.add("flash"));
    if (marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    evidence.hidden = false;
    evidence.replaceChildren(h("strong", {}, f.label), h("div", {}, f.evidence || "(no evidence text)"));
  };
  const side = h("aside", { class: "facts", "aria-label": "facts" },
    h("div", { class: "legend" }, h("span", { class: "hl-entity" }, "entity"), h("span", { class: "hl-place" }, "place"), h("span", { class: "hl-time" }, "time"), h("span", { class: "hl-quote" }, "quote"), h("span", { class: "hl-event" }, "event")),
    evidence,
    Object.entries(facts).flatMap(([name, list]) => [
      h("h2", {}, name + " (" + list.length + ")"),
      h("ul", { "data-layer": name.toLowerCase() }, list.map((f) => { const li = h("li", { tabindex: 0 }, f.label); li.addEventListener("click", () => select(f, li)); li.addEventListener("keydown", (e) => { if (e.key === "Enter") select(f, li); }); return li; })),
    ]));
  show(h("h1", {}, d.title || d.id),
    h("div", { class: "meta" }, [d.published, d.source, d.url, d.id].filter(Boolean).join(" · "),
      d.dup_of ? h("span", { class: "badge dup" }, "duplicate of ", h("a", { href: "#/doc/" + encodeURIComponent(d.dup_of) }, d.dup_of), " (similarity " + d.similarity.toFixed(2) + ")") : null,
      h("span", { class: "badge" }, h("a", { href: "#/search?story=" + d.story }, "story " + d.story))),
    h("div", { class: "article" }, textEl, side));
}

async function eventsPage(params) {
  const limit = 50;
  const form = filterForm(["text", "source", "target", "code", "plover", "country", "near", "from", "to"], params, (f) => go("events", f));
  const r = await api("events", { ...params, limit });
  const table = h("table", { id: "events-table" },
    h("thead", {}, h("tr", {}, ["Day", "Code", "PLOVER", "Source", "Target", "Place", "Goldstein", "Trigger", "Document"].map((c) => h("th", {}, c)))),
    h("tbody", {}, r.events.map((e) => h("tr", {},
      h("td", {}, e.day || ""), h("td", {}, e.code), h("td", {}, e.plover_type || ""),
      h("td", {}, [e.source_actor, e.source_name].filter(Boolean).join(" ")),
      h("td", {}, [e.target_actor, e.target_name].filter(Boolean).join(" ")),
      h("td", {}, e.place_name || ""), h("td", {}, e.goldstein ?? ""), h("td", {}, e.trigger),
      h("td", {}, h("a", { href: "#/doc/" + encodeURIComponent(e.doc_id) }, e.doc_title || e.doc_id))))));
  show(h("h1", {}, "Events"), form, r.events.length ? table : h("p", { class: "muted" }, "No events match."), pager(params, r.events.length, limit, "events"));
}

// decodeTopo turns a TopoJSON topology into rings of [lon, lat] per feature.
function decodeTopo(topo, object) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
  const ring = (ids) => ids.flatMap((i, n) => { const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i]; return n ? a.slice(1) : a; });
  return topo.objects[object].geometries.map((g) => ({
    name: g.properties && g.properties.name,
    rings: g.type === "Polygon" ? g.arcs.map(ring) : g.type === "MultiPolygon" ? g.arcs.flatMap((p) => p.map(ring)) : [],
  }));
}

let countries = null;
async function mapPage(params) {
  const form = filterForm(["text", "source", "target", "code", "from", "to"], params, (f) => go("map", f));
  if (!countries) countries = decodeTopo(await (await fetch("countries-110m.json")).json(), "countries");
  const [evs, places] = await Promise.all([api("events", { ...params, limit: 1000 }), api("places", { text: params.text, from: params.from, to: params.to, limit: 1000 })]);
  const W = 960, H = 480, x = (lon) => (lon + 180) / 360 * W, y = (lat) => (90 - lat) / 180 * H;
  // A ring that crosses the antimeridian is cut there rather than drawn
  // across the whole map.
  const ringPath = (r) => r.map(([lo, la], i) => (i === 0 || Math.abs(lo - r[i - 1][0]) > 180 ? "M" : "L") + x(lo).toFixed(1) + "," + y(la).toFixed(1)).join("") + "Z";
  const tip = h("div", { class: "tooltip", id: "map-tip" }, "Hover a point.");
  const svg = h("svg:svg", { viewBox: "0 0 " + W + " " + H, width: "100%", id: "map", role: "img", "aria-label": "map of events and places" },
    countries.map((c) => h("svg:path", { class: "country", d: c.rings.map(ringPath).join("") }, h("svg:title", {}, c.name || ""))));
  const dot = (cls, lon, lat, r, label, href) => {
    const c = h("svg:circle", { class: cls, cx: x(lon).toFixed(1), cy: y(lat).toFixed(1), r });
    c.addEventListener("mouseenter", () => tip.replaceChildren(label));
    if (href) c.addEventListener("click", () => { location.hash = href; });
    svg.append(c);
  };
  places.places.forEach((p) => dot("pl", p.lon, p.lat, Math.min(8, 2 + Math.sqrt(p.documents)), p.name + ": " + p.documents + " documents"));
  evs.events.filter((e) => e.lat !== undefined).forEach((e) => dot("ev", e.lon, e.lat, 3, e.day + " " + e.code + " " + [e.source_actor, e.target_actor].join(" → ") + " at " + e.place_name, "#/doc/" + encodeURIComponent(e.doc_id)));
  show(h("h1", {}, "Map"), form, h("p", { class: "muted" }, "Red: events (" + evs.events.filter((e) => e.lat !== undefined).length + "), green: places (" + places.places.length + "). Country outlines: Natural Earth via world-atlas."), svg, tip);
}

const ROOT_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

async function timelinePage(params) {
  const form = filterForm(["text", "source", "target", "code", "country", "from", "to"], params, (f) => go("timeline", f));
  const r = await api("aggregates/per-day", params);
  const rows = r.rows;
  if (!rows.length) { show(h("h1", {}, "Timeline"), form, h("p", { class: "muted" }, "No dated events match.")); return; }
  const days = [...new Set(rows.map((x) => x.day))].sort();
  const roots = [...new Set(rows.map((x) => x.root))].sort();
  const byDay = {};
  rows.forEach((x) => { (byDay[x.day] = byDay[x.day] || {})[x.root] = x.events; });
  const total = (d) => Object.values(byDay[d]).reduce((a, b) => a + b, 0);
  const max = Math.max(...days.map(total));
  const W = 960, H = 320, P = 30, bw = (W - 2 * P) / days.length;
  const svg = h("svg:svg", { viewBox: "0 0 " + W + " " + (H + 40), width: "100%", id: "timeline", role: "img", "aria-label": "events per day per root code" },
    h("svg:line", { class: "axis", x1: P, y1: H, x2: W - P, y2: H }),
    h("svg:text", { x: 2, y: 12 }, String(max)), h("svg:text", { x: P, y: H + 14 }, days[0]), h("svg:text", { x: W - P - 60, y: H + 14 }, days[days.length - 1]));
  days.forEach((d, i) => {
    let y0 = H;
    roots.forEach((root, j) => {
      const n = byDay[d][root] || 0;
      if (!n) return;
      const hgt = n / max * (H - 20);
      y0 -= hgt;
      svg.append(h("svg:rect", { x: (P + i * bw).toFixed(2), y: y0.toFixed(2), width: Math.max(1, bw - 1).toFixed(2), height: hgt.toFixed(2), fill: ROOT_COLORS[j % ROOT_COLORS.length] }, h("svg:title", {}, d + " root " + root + ": " + n)));
    });
  });
  roots.forEach((root, j) => svg.append(h("svg:rect", { x: P + j * 60, y: H + 24, width: 10, height: 10, fill: ROOT_COLORS[j % ROOT_COLORS.length] }), h("svg:text", { x: P + j * 60 + 14, y: H + 33 }, "root " + root)));
  show(h("h1", {}, "Timeline"), form, h("p", { class: "muted" }, "Events per day, stacked by CAMEO root code (duplicates not counted)."), svg);
}

async function networkPage(params) {
  const form = filterForm(["text", "source", "target", "code", "from", "to"], params, (f) => go("network", f));
  const r = await api("aggregates/pairs", { ...params, limit: 60 });
  const pairs = r.rows.filter((p) => p.source !== p.target); // no self-loops in a circle layout
  if (!pairs.length) { show(h("h1", {}, "Actors"), form, h("p", { class: "muted" }, "No actor pairs match.")); return; }
  const names = [...new Set(pairs.flatMap((p) => [p.source, p.target]))];
  const W = 700, C = W / 2, R = W / 2 - 90;
  const pos = Object.fromEntries(names.map((n, i) => [n, [C + R * Math.cos(2 * Math.PI * i / names.length), C + R * Math.sin(2 * Math.PI * i / names.length)]]));
  const maxN = Math.max(...pairs.map((p) => p.events));
  const tip = h("div", { class: "tooltip", id: "network-tip" }, "Hover an edge.");
  const svg = h("svg:svg", { viewBox: "0 0 " + W + " " + W, width: Math.min(W, 900), id: "network", role: "img", "aria-label": "actor network" });
  pairs.forEach((p) => {
    const [x1, y1] = pos[p.source], [x2, y2] = pos[p.target];
    const e = h("svg:path", { class: "edge", d: "M" + x1 + "," + y1 + " Q" + C + "," + C + " " + x2 + "," + y2, "stroke-width": (1 + 7 * p.events / maxN).toFixed(1), stroke: p.goldstein_sum < 0 ? "#dc2626" : "#1f3a5f" });
    e.addEventListener("mouseenter", () => tip.replaceChildren(p.source + " → " + p.target + ": " + p.events + " events, Goldstein sum " + p.goldstein_sum.toFixed(1)));
    e.addEventListener("click", () => go("events", { source: p.source, target: p.target }));
    svg.append(e);
  });
  names.forEach((n) => {
    const [x, y] = pos[n];
    svg.append(h("svg:circle", { class: "node", cx: x, cy: y, r: 4 }), h("svg:text", { x: x + (x >= C ? 6 : -6), y: y + 3, "text-anchor": x >= C ? "start" : "end" }, n));
  });
  show(h("h1", {}, "Actors"), form, h("p", { class: "muted" }, "Who acts on whom: edge width is the number of events, red when the Goldstein sum is negative (conflict). Click an edge for its events."), svg, tip);
}

async function loadStats() {
  try {
    const s = await api("stats");
    document.getElementById("stats").textContent = s.documents + " documents · " + s.events + " events · " + s.duplicates + " duplicates";
  } catch (e) { /* the pages show errors */ }
}

window.addEventListener("hashchange", route);
loadStats();
route();
