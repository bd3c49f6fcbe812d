/**
 * The Content-Security-Policy of the viewer: scripts and data from the app only (no inline or
 * evaluated scripts), no frames, plugins or form targets. Styles may be inline because
 * vis-timeline writes style attributes into the markup it builds.
 */
export const VIEWER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The viewer's HTML page: a timeline of the events drawn by vis-timeline, with its controls. */
export const VIEWER_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Annals · timeline</title>
  <link rel="stylesheet" href="/viewer/vis-timeline.css">
  <link rel="stylesheet" href="/viewer/viewer.css">
</head>
<body>
  <header>
    <h1>Annals</h1>
    <nav class="languages" aria-label="Language">
      <button type="button" data-lang="zh-Hans" id="lang-zh-Hans">中文</button>
      <button type="button" data-lang="en" id="lang-en">English</button>
    </nav>
    <a class="playground" href="/graphql">GraphQL</a>
  </header>
  <section class="controls">
    <fieldset id="kinds"><legend data-text="kinds">Kinds</legend></fieldset>
    <label class="actors"><span data-text="actor">Actor</span> <select id="actor"></select></label>
    <label class="as-of"><span data-text="asOf">As of</span>
      <input type="range" id="as-of" min="0" max="0" step="1" value="0">
      <output id="as-of-label"></output>
    </label>
  </section>
  <main>
    <div id="timeline"></div>
    <aside id="details" aria-live="polite"></aside>
  </main>
  <p id="status" role="status"></p>
  <script src="/viewer/vis-timeline.js"></script>
  <script src="/viewer/viewer.js"></script>
</body>
</html>
`;
