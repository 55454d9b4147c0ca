// GraphiQL, from the bundle that @graphql-yoga/render-graphiql ships (no CDN: it works
// offline), served as files rather than as Yoga's one page with everything inline: that page is
// megabytes, rebuilt and sent uncompressed on every visit, and its inline scripts would need a
// content security policy that allows any inline script. Here the page is a few hundred bytes
// that revalidate, and the bundle, its stylesheet and its editor's workers are compressed once
// and named by content hash, so that a browser keeps them for a year.
import { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } from '@graphql-yoga/render-graphiql/graphiql';
import { GRAPHIQL_POLICY } from '../security-headers.js';
import { ServedFile } from './static-files.js';

export interface GraphiQLOptions {
  title: string;
  defaultTabs: { query: string }[];
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * GraphiQL's tabs animate into place (a layout animation on each tab), and with many tabs open
 * at once the animation stays stuck part way: each tab is drawn shifted by a translateX, over
 * its neighbour, and a click on a tab other than the first or last lands on another (seen in
 * Chromium). A stylesheet rule with !important outranks the inline transform: tabs stay where
 * they are laid out, at the cost of the animation while a tab is dragged to reorder it.
 */
const TAB_FIX = '\n.graphiql-tab { transform: none !important; }\n';

/** A file named by its content: /graphiql/<name>.<hash>.<extension>. */
function hashedFile(name: string, extension: string, body: Buffer, contentType: string, policy?: string): [string, ServedFile] {
  const file = new ServedFile({ body, contentType, immutable: true, ...(policy && { policy }) });
  return [`/graphiql/${name}.${file.hash.slice(0, 16)}.${extension}`, file];
}

/** The files that are the same for every app: built once per process, when first asked for. */
let bundle: { files: Map<string, ServedFile>; paths: { favicon: string; css: string; environment: string; js: string } } | undefined;

function sharedFiles(): NonNullable<typeof bundle> {
  if (bundle) return bundle;
  // Workers are scripts of their own, and take their policy from their own response.
  const workers = Object.fromEntries(
    Object.entries({ editorWorkerService, json: jsonWorker, graphql: graphqlWorker }).map(([label, source]) => [
      label,
      hashedFile(`worker-${label}`, 'js', Buffer.from(source), JAVASCRIPT, GRAPHIQL_POLICY),
    ]),
  );
  const workerUrls = Object.fromEntries(Object.entries(workers).map(([label, [path]]) => [label, path]));
  // Set before the bundle runs, as Yoga's page does: where the editor finds its workers.
  const environment = `self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => (${JSON.stringify(workerUrls)})[label] };\n`;
  const comma = favicon.indexOf(',');
  const entries = [
    hashedFile('favicon', 'ico', Buffer.from(favicon.slice(comma + 1), 'base64'), favicon.slice('data:'.length, favicon.indexOf(';'))),
    hashedFile('graphiql', 'css', Buffer.from(css + TAB_FIX), 'text/css; charset=utf-8'),
    hashedFile('environment', 'js', Buffer.from(environment), JAVASCRIPT),
    hashedFile('graphiql', 'js', Buffer.from(js), JAVASCRIPT),
  ];
  const [faviconPath, cssPath, environmentPath, jsPath] = entries.map(([path]) => path) as [string, string, string, string];
  bundle = {
    files: new Map([...entries, ...Object.values(workers)]),
    paths: { favicon: faviconPath, css: cssPath, environment: environmentPath, js: jsPath },
  };
  return bundle;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * GraphiQL for one app: the page (served at the GraphQL endpoint to browsers, see
 * `isPageRequest`) and every file it loads, by path.
 */
export function graphiqlFiles(options: GraphiQLOptions): { page: ServedFile; files: Map<string, ServedFile> } {
  const shared = sharedFiles();
  const [setupPath, setup] = hashedFile(
    'setup',
    'js',
    Buffer.from(`YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${JSON.stringify(options)});\n`),
    JAVASCRIPT,
  );
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title)}</title>
    <link rel="icon" href="${shared.paths.favicon}" />
    <link rel="stylesheet" href="${shared.paths.css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${shared.paths.environment}"></script>
    <script src="${shared.paths.js}"></script>
    <script src="${setupPath}"></script>
  </body>
</html>
`;
  const page = new ServedFile({ body: Buffer.from(html), contentType: 'text/html; charset=utf-8', immutable: false, policy: GRAPHIQL_POLICY });
  return { page, files: new Map([...shared.files, [setupPath, setup]]) };
}

/** Whether a request to the GraphQL endpoint is a browser asking for GraphiQL, as Yoga decides it. */
export function isPageRequest(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.get('accept')?.includes('text/html') ?? false);
}
