import { Hono } from "hono";
import type { AppEnv } from "../env";

/**
 * GET /api/docs — a small self-contained reader of /api/v1/openapi.json.
 * Everything is served from here (no CDN), so it works on an offline intranet
 * and under a CSP of 'self'.
 */
export const docsRoutes = new Hono<AppEnv>();

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>汇表 Huibiao API</title>
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<header><h1>汇表 Huibiao API</h1><p>OpenAPI：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></header>
<nav id="toc"></nav>
<main id="ops"><p>正在加载…</p></main>
<script src="/api/docs/docs.js"></script>
</body>
</html>`;

const CSS = `body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2328}
header{padding:16px 24px;background:#0b5cad;color:#fff}header a{color:#fff}h1{margin:0;font-size:20px}
nav{padding:8px 24px;border-bottom:1px solid #d0d7de}nav a{margin-right:12px}
main{padding:0 24px 48px}h2{margin-top:32px;border-bottom:1px solid #d0d7de}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0}summary{cursor:pointer;padding:8px;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:60px;font-weight:600}.get{color:#1a7f37}.post{color:#0969da}.patch{color:#9a6700}.delete{color:#cf222e}
.body{padding:0 12px 12px}pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left}`;

const SCRIPT = `(async function () {
  var main = document.getElementById("ops"), toc = document.getElementById("toc");
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.append(c); });
    return e;
  }
  function resolve(doc, s) {
    var seen = 0;
    while (s && s.$ref && seen++ < 20) s = s.$ref.split("/").slice(1).reduce(function (o, k) { return o[k]; }, doc);
    return s;
  }
  function schemaText(doc, s) { return JSON.stringify(resolve(doc, s), null, 2); }
  var doc;
  try { doc = await (await fetch("/api/v1/openapi.json")).json(); }
  catch (e) { main.textContent = "无法加载 OpenAPI 文档：" + e; return; }
  main.textContent = "";
  var byTag = {};
  Object.keys(doc.paths).forEach(function (path) {
    Object.keys(doc.paths[path]).forEach(function (method) {
      var op = doc.paths[path][method];
      var tag = (op.tags && op.tags[0]) || "other";
      (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: op });
    });
  });
  Object.keys(byTag).forEach(function (tag) {
    toc.append(el("a", { href: "#" + tag }, [tag]));
    main.append(el("h2", { id: tag }, [tag]));
    byTag[tag].forEach(function (o) {
      var body = el("div", { class: "body" });
      if (o.op.description) body.append(el("p", {}, [o.op.description]));
      var params = o.op.parameters || [];
      if (params.length) {
        var t = el("table", {}, [el("tr", {}, [el("th", {}, ["参数"]), el("th", {}, ["位置"]), el("th", {}, ["说明"])])]);
        params.forEach(function (p) {
          t.append(el("tr", {}, [el("td", {}, [p.name + (p.required ? " *" : "")]), el("td", {}, [p.in]), el("td", {}, [p.description || ""])]));
        });
        body.append(t);
      }
      var rb = o.op.requestBody && o.op.requestBody.content && o.op.requestBody.content["application/json"];
      if (rb) body.append(el("h4", {}, ["请求体"]), el("pre", {}, [schemaText(doc, rb.schema)]));
      Object.keys(o.op.responses || {}).forEach(function (status) {
        var r = o.op.responses[status], c = r.content && r.content["application/json"];
        body.append(el("h4", {}, [status + " " + (r.description || "")]));
        if (c && status.charAt(0) === "2") body.append(el("pre", {}, [schemaText(doc, c.schema)]));
      });
      main.append(el("details", {}, [
        el("summary", {}, [el("span", { class: "m " + o.method }, [o.method.toUpperCase()]), o.path + "  — " + (o.op.summary || "")]),
        body,
      ]));
    });
  });
})();`;

docsRoutes.get("/api/docs", (c) => c.html(PAGE, 200, { "Content-Security-Policy": CSP }));
docsRoutes.get("/api/docs/docs.js", (c) => c.body(SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
docsRoutes.get("/api/docs/docs.css", (c) => c.body(CSS, 200, { "Content-Type": "text/css; charset=utf-8" }));
