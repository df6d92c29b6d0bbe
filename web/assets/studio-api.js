// The studio's door to the API: the editor's token, kept for this tab only
// (sessionStorage), goes with every write as Authorization: Bearer.
import { ApiError, profilePath } from './api.js'

const tokenKey = 'karir.token'

export const token = {
  get: () => sessionStorage.getItem(tokenKey) || '',
  set: (value) => sessionStorage.setItem(tokenKey, value),
  clear: () => sessionStorage.removeItem(tokenKey),
}

// call sends a request and returns {status, etag, json} for a 2xx answer;
// any other throws ApiError with the problem's detail and its errors.
export async function call(method, path, { body, type, headers = {}, signal } = {}) {
  const h = { Accept: 'application/json', ...headers }
  if (token.get()) h.Authorization = `Bearer ${token.get()}`
  if (type) h['Content-Type'] = type
  let resp
  try {
    resp = await fetch(path, { method, headers: h, body, signal, cache: 'no-store' })
  } catch (err) {
    if (err.name === 'AbortError') throw err
    throw new ApiError(0, { offline: navigator.onLine === false })
  }
  const text = await resp.text()
  const json = text ? JSON.parse(text) : null
  if (resp.ok) return { status: resp.status, etag: resp.headers.get('ETag') || '', json }
  const err = new ApiError(resp.status, { detail: json?.detail || '', requestId: resp.headers.get('X-Request-ID') || '' })
  err.errors = json?.errors || []
  throw err
}

export const revisionsPath = (slug) => `${profilePath(slug)}/revisions`

// checkToken asks the server whether it knows the token, changing nothing:
// a restore without a condition is refused with 428 once the token is
// accepted, before anything is read or written.
export async function checkToken() {
  try {
    await call('POST', `${revisionsPath('periksa-token')}/1/restore`)
  } catch (err) {
    if (err.status === 428) return 'ok'
    if (err.status === 401) return 'wrong'
    if (err.status === 403) return 'disabled'
    throw err
  }
  return 'ok'
}

// newest returns the newest revision of slug, with its source text.
export async function newest(slug) {
  const page = await call('GET', `${revisionsPath(slug)}?limit=1`)
  return (await call('GET', page.json.items[0].url)).json
}
