/**
 * The HTML report's stylesheet, inlined in the page: light and dark from `prefers-color-scheme`, and a print
 * layout (light, no backgrounds but the status marks, nothing split across pages that need not be).
 */
export const HTML_REPORT_CSS = `
:root {
  color-scheme: light dark;
  --fg: #1d2330; --muted: #5b6475; --bg: #ffffff; --panel: #f4f6f9; --line: #d9dee7; --code: #eef1f5;
  --pass: #1a7f37; --fail: #c62828; --warn: #9a6700; --skip: #6e7781;
  --pass-bg: #e6f4ea; --fail-bg: #fdecea; --warn-bg: #fff4d6; --skip-bg: #eef0f3;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e4e8ef; --muted: #9aa4b5; --bg: #14171c; --panel: #1c2027; --line: #323946; --code: #232833;
    --pass: #56d364; --fail: #ff7b72; --warn: #e3b341; --skip: #8b949e;
    --pass-bg: #12301b; --fail-bg: #3d1614; --warn-bg: #3a2c0b; --skip-bg: #242a33;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .25rem; }
code, pre { font: 13px/1.45 ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
pre {
  background: var(--code); padding: .6rem .75rem; border-radius: 6px; margin: .25rem 0 0;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
a { color: inherit; }
.verdict { padding: 1rem 1.25rem; border-radius: 8px; border-left: 6px solid; background: var(--panel); }
.verdict.fail { border-color: var(--fail); background: var(--fail-bg); }
.verdict.warn { border-color: var(--warn); background: var(--warn-bg); }
.verdict.pass { border-color: var(--pass); background: var(--pass-bg); }
.target { margin: 0; overflow-wrap: anywhere; }
.counts { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
.counts li { font-weight: 600; }
nav { margin: .75rem 0 0; color: var(--muted); }
nav a { margin-right: 1rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.notes { color: var(--muted); }
.status {
  display: inline-block; min-width: 3.2em; padding: 0 .4em; border-radius: 4px; font-weight: 700;
  font-size: 12px; text-align: center; letter-spacing: .03em;
}
.status.pass { color: var(--pass); background: var(--pass-bg); }
.status.fail { color: var(--fail); background: var(--fail-bg); }
.status.warn { color: var(--warn); background: var(--warn-bg); }
.status.skip { color: var(--skip); background: var(--skip-bg); }
.severity { font-size: 12px; font-weight: 600; color: var(--muted); }
ol.findings { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
.finding { padding: .75rem 1rem; border: 1px solid var(--line); border-left: 4px solid; border-radius: 6px; }
.finding.fail { border-left-color: var(--fail); }
.finding.warn { border-left-color: var(--warn); }
.finding .title { color: var(--muted); margin: 0; }
.finding .reason { margin: .35rem 0; overflow-wrap: anywhere; }
.finding .label { margin: .5rem 0 0; font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.reason { overflow-wrap: anywhere; }
tr.fail td { background: var(--fail-bg); }
tr.warn td { background: var(--warn-bg); }
tr.skip td { color: var(--muted); }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
figure { margin: 0; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
figure.problem { border-color: var(--fail); }
figure img {
  display: block; max-width: 100%; height: auto; margin: 0 auto .5rem; border-radius: 4px;
  background: repeating-conic-gradient(#c9ced6 0 25%, #f2f4f7 0 50%) 0 0 / 16px 16px;
}
.placeholder {
  display: grid; place-items: center; min-height: 8rem; margin-bottom: .5rem; padding: .75rem;
  border: 2px dashed var(--fail); border-radius: 4px; color: var(--fail); text-align: center;
  overflow-wrap: anywhere;
}
figcaption { font-size: 13px; overflow-wrap: anywhere; }
figcaption p { margin: .15rem 0; }
figcaption .problems { color: var(--fail); margin: .25rem 0; padding-left: 1.1rem; }
figcaption pre { font-size: 12px; margin-top: .35rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: 13px; }
@media print {
  :root {
    color-scheme: light;
    --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --line: #bbb; --code: #f3f3f3;
    --pass: #1a7f37; --fail: #b71c1c; --warn: #8a5a00; --skip: #555;
    --pass-bg: #fff; --fail-bg: #fff; --warn-bg: #fff; --skip-bg: #fff;
  }
  body { padding: 0; max-width: none; font-size: 11pt; }
  nav { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .finding, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .gallery { grid-template-columns: repeat(3, 1fr); }
}
`;
