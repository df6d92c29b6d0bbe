// Drives the client against a real server: KARIR_URL names it and
// KARIR_TOKEN is an editor's token there (the Go test of api/ts starts one).
import assert from 'node:assert/strict'
import test from 'node:test'
import { isProfile, karir } from './client.js'

const baseUrl = process.env.KARIR_URL
const token = process.env.KARIR_TOKEN

test('list, get, search, a write with a token and a 412', async () => {
  assert.ok(baseUrl && token, 'KARIR_URL and KARIR_TOKEN name the server and a token')
  const api = karir({ baseUrl, token })

  const list = await api.GET('/v1/profiles', { params: { query: { limit: 2 } } })
  assert.equal(list.response.status, 200)
  assert.equal(list.data?.items.length, 2)
  const slug = list.data!.items[0].slug

  const got = await api.GET('/v1/profiles/{slug}', { params: { path: { slug } } })
  const doc = got.data
  assert.ok(isProfile(doc))
  assert.equal(doc.slug, slug)
  const etag = got.response.headers.get('ETag')!

  const found = await api.GET('/v1/search', { params: { query: { q: 'kesejahteraan' } } })
  assert.ok((found.data?.items.length ?? 0) > 0)

  const changed = { ...doc, summary: `Diperbarui lewat klien TypeScript. ${doc.summary}` }
  const put = await api.PUT('/v1/profiles/{slug}', {
    params: { path: { slug }, header: { 'If-Match': etag } },
    body: changed
  })
  assert.equal(put.response.status, 200)
  assert.equal(put.data?.summary, changed.summary)

  // The tag read before the write is stale now.
  const stale = await api.PUT('/v1/profiles/{slug}', {
    params: { path: { slug }, header: { 'If-Match': etag } },
    body: changed
  })
  assert.equal(stale.response.status, 412)
  assert.equal(stale.error?.status, 412)
})
