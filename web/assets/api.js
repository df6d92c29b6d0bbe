// The explorer's only door to data: karir's public JSON API, on this server.

// ApiError is a failed call: status is the HTTP status (0 when the server
// could not be reached) and message a sentence for people, in Indonesian
// unless the server's own problem detail says more.
export class ApiError extends Error {
  constructor(status, message, detail = '') {
    super(message)
    this.status = status
    this.detail = detail
  }
}

// getJSON fetches a path of the API and returns its JSON, or throws ApiError.
export async function getJSON(path, { signal } = {}) {
  let resp
  try {
    resp = await fetch(path, { headers: { Accept: 'application/json' }, signal })
  } catch (err) {
    if (err.name === 'AbortError') throw err
    throw new ApiError(0, 'Server tidak dapat dihubungi. Periksa koneksi Anda lalu coba lagi.')
  }
  if (resp.ok) return resp.json()
  let detail = ''
  try {
    detail = (await resp.json()).detail || ''
  } catch {
    // A body that is not a problem document leaves only the status.
  }
  const messages = {
    400: 'Permintaan tidak valid.',
    404: 'Tidak ditemukan.',
    503: 'Layanan sedang tidak siap. Coba lagi sebentar lagi.',
  }
  throw new ApiError(resp.status, messages[resp.status] || `Server menjawab dengan galat ${resp.status}.`, detail)
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
    .catch(() => new Set())
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
