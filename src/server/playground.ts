import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Files the playground page loads, all served by the app itself so it works with no internet. */
const ASSETS: Record<string, { packageName: string; file: string; type: string }> = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphql-ws.js': { packageName: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'text/javascript' },
};

/** The installed package's folder (its `exports` map hides these files from require.resolve). */
function packageRoot(packageName: string): string {
  let dir = path.dirname(require.resolve(packageName));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== packageName.split('/').pop()) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${packageName}`);
    dir = parent;
  }
  return dir;
}

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
  // Subscriptions go over the WebSocket at the same path; they read public data, so they need no token.
  var socketUrl = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + window.location.pathname;
  var fetcher = GraphiQL.createFetcher({
    url: window.location.pathname,
    wsClient: graphqlWs.createClient({ url: socketUrl, lazy: true }),
  });
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
  <script src="/playground/graphql-ws.js"></script>
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
    const { packageName, file, type } = ASSETS[name]!;
    asset = { body: readFileSync(path.join(packageRoot(packageName), file)), type };
  }
  if (asset) cache.set(name, asset);
  return asset;
}
