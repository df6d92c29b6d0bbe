// Renders /openapi.yaml with Scalar's API reference (web/assets/scalar-api-reference.js,
// copied from the npm package pinned in web/package-lock.json by `make docs-assets`).
// Every option that would reach another host is off: the page works offline.
window.Scalar.createApiReference('#reference', {
  url: '/openapi.yaml',
  // The document's server is "/", which Scalar would join to each path as
  // "//v1/...": name this origin itself, so that "try it" calls this server.
  servers: [{ url: window.location.origin, description: 'This server' }],
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: false,
  defaultOpenAllTags: true,
  documentDownloadType: 'yaml',
  metaData: { title: 'karir API reference' },
})
