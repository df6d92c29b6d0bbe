// The explorer's only door to data: karir's public JSON API, on this server.

// ApiError is a failed call. status is the HTTP status, 0 when no answer
// came; offline says the browser knew it had no network. The rest is what
// the answer said: detail is the problem's detail (in English, for the
// technical details), retryAfter the seconds Retry-After asked to wait (0
// without one), history the path of a deleted profile's revisions (the Link
// rel="version-history" of a 410), requestId the server's X-Request-ID.
export class ApiError extends Error {
  constructor(status, { offline = false, detail = '', retryAfter = 0, history = '', requestId = '' } = {}) {
    super(status ? `HTTP ${status}` : 'no answer')
    this.status = status
    this.offline = offline
    this.detail = detail
    this.retryAfter = retryAfter
    this.history = history
    this.requestId = requestId
  }
}

// getJSON fetches a path of the API and returns its JSON, or throws ApiError.
export async function getJSON(path, { signal } = {}) {
  let resp
  try {
    resp = await fetch(path, { headers: { Accept: 'application/json' }, signal })
  } catch (err) {
    if (err.name === 'AbortError') throw err
    throw new ApiError(0, { offline: navigator.onLine === false })
  }
  if (resp.ok) return resp.json()
  let detail = ''
  try {
    detail = (await resp.json()).detail || ''
  } catch {
    // A body that is not a problem document leaves only the status.
  }
  throw new ApiError(resp.status, {
    detail,
    retryAfter: retryAfterSeconds(resp.headers.get('Retry-After')),
    history: linkTo(resp.headers.get('Link'), 'version-history'),
    requestId: resp.headers.get('X-Request-ID') || '',
  })
}

// retryAfterSeconds reads Retry-After (seconds, or an HTTP date) as whole
// seconds from now, at most five minutes; 0 when there is none.
function retryAfterSeconds(value) {
  if (!value) return 0
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000
  return Number.isFinite(seconds) ? Math.min(300, Math.max(1, Math.ceil(seconds))) : 0
}

// linkTo returns the target of the link with relation rel in a Link header
// (RFC 8288), or ''. The API's link targets hold no commas.
function linkTo(header, rel) {
  for (const part of (header || '').split(',')) {
    const link = part.match(/<([^>]*)>(.*)/)
    const rels = link?.[2].match(/;\s*rel="?([^";]*)"?/i)?.[1].trim().split(/\s+/) ?? []
    if (rels.includes(rel)) return link[1]
  }
  return ''
}

let routes

// features resolves to the set of API paths this server serves, read from
// its OpenAPI document, so that the page offers search, suggestions, traits
// and server-side comparison only where the server has them, without
// probing routes that may answer 404.
export function features() {
  routes ??= fetch('/openapi.yaml')
    .then((resp) => (resp.ok ? resp.text() : ''))
    .then((text) => new Set([...text.matchAll(/^ {2}["']?(\/[^\s"']*)["']?:\s*$/gm)].map((m) => m[1])))
    .catch(() => {
      routes = null // asked again once the network is back
      return new Set()
    })
  return routes
}

export const sectionKeys = ['tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons']

export const profilePath = (slug) => `/v1/profiles/${encodeURIComponent(slug)}`

// sectionLabels are the headings the API gives each section.
export const sectionLabels = {
  tasks: 'Tugas dan Tanggung Jawab',
  fit: 'Siapa yang Cocok',
  non_fit: 'Siapa yang Tidak Cocok',
  misconceptions: 'Miskonsepsi',
  expectations: 'Ekspektasi dan Realita',
  comparisons: 'Perbedaan dengan Profesi Serupa',
}
