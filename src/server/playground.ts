import { readFileSync } from 'node:fs';

/** Files the playground page loads, all served by the app itself so it works with no internet. */
const ASSETS: Record<string, { module: string; type: string }> = {
  'react.js': { module: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql/graphiql.min.css', type: 'text/css' },
};

const DEFAULT_QUERY = `# Annals: the timeline of Xi Jinping's March 2023 visit to Moscow, from an RFI report.
# Press the run button (or Ctrl-Enter). Open the docs on the left to explore the schema.
query Timeline {
  timeline(first: 10) {
    totalCount
    edges {
      cursor
      node {
        title(lang: "en")
        kind
        status
        time { local timeZone asWritten approximate }
        participants { role actor { name(lang: "en") } }
        citations { quote attributedTo { name(lang: "en") } speaker { name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const INIT_SCRIPT = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false
  }));
})();
`;

/** The playground's HTML page (GraphiQL) for the GraphQL endpoint it is served from. */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Annals · GraphQL playground</title>
  <link rel="stylesheet" href="/playground/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script src="/playground/react.js"></script>
  <script src="/playground/react-dom.js"></script>
  <script src="/playground/graphiql.js"></script>
  <script src="/playground/init.js"></script>
</body>
</html>
`;

const cache = new Map<string, { body: Buffer; type: string }>();

/** A playground asset by file name, read from node_modules once; null for unknown names. */
export function playgroundAsset(name: string): { body: Buffer; type: string } | null {
  const cached = cache.get(name);
  if (cached) return cached;
  let asset: { body: Buffer; type: string } | null = null;
  if (name === 'init.js') asset = { body: Buffer.from(INIT_SCRIPT), type: 'text/javascript' };
  else if (Object.hasOwn(ASSETS, name)) {
    const { module, type } = ASSETS[name]!;
    asset = { body: readFileSync(require.resolve(module)), type };
  }
  if (asset) cache.set(name, asset);
  return asset;
}
