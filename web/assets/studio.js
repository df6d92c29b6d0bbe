// karir's studio at /edit: editors write a profile text beside a live
// preview of how it parses, save it (If-None-Match: * to create, If-Match
// to replace), resolve a clash with another editor without losing their
// text, read its history with diffs, restore any revision, delete and
// undelete. /edit starts a new profile, /edit?profil=slug opens one.
import { profilePath } from './api.js'
import { diffNodes, historyNodes, loadDiff, loadHistory } from './studio-history.js'
import { jumpTo, previewNodes, problemNodes } from './studio-preview.js'
import { call, checkToken, newest, token } from './studio-api.js'

const $ = (id) => document.getElementById(id)
const main = $('konten')
const textarea = $('teks')
const previewDelay = 300 // ms of quiet typing before the preview is asked

// state is what the editor started from: the profile's slug ('' for a new
// one), the ETag a save sends in If-Match, the revision the text was
// read from, and whether the profile is deleted.
const state = { slug: '', etag: '', base: 0, deleted: false, saved: '' }

function say(text) {
  $('status').textContent = text
}

// drafts are kept per slug in localStorage while the editor types.
const draftKey = () => `karir.draf.${state.slug || 'baru'}`
const drafts = {
  read: () => JSON.parse(localStorage.getItem(draftKey()) || 'null'),
  write: (text) => localStorage.setItem(draftKey(), JSON.stringify({ text, at: new Date().toISOString() })),
  clear: () => localStorage.removeItem(draftKey()),
}

function offerDraft() {
  const draft = drafts.read()
  $('draf').hidden = !draft || draft.text === textarea.value
  if ($('draf').hidden) return
  $('draf-pesan').textContent = `Ada draf yang belum disimpan dari ${new Date(draft.at).toLocaleString('id-ID')}. `
}

let previewing = null
let previewTimer = 0

async function preview() {
  previewing?.abort()
  const ctl = new AbortController()
  previewing = ctl
  const pane = $('pratinjau')
  pane.setAttribute('aria-busy', 'true')
  const jump = (n) => jumpTo(textarea, n)
  let nodes
  try {
    const { json } = await call('POST', '/v1/parse', { body: textarea.value, type: 'text/plain; charset=utf-8', signal: ctl.signal })
    nodes = previewNodes(json, jump)
    pane.dataset.slug = json.slug
  } catch (err) {
    if (err.name === 'AbortError') return
    nodes = err.status === 422 ? problemNodes(err, jump) : [failure(err)]
    delete pane.dataset.slug
  }
  $('pratinjau-isi').replaceChildren(...nodes.filter(Boolean))
  pane.setAttribute('aria-busy', 'false')
  pane.dataset.state = 'ready'
}

function failure(err) {
  const p = document.createElement('p')
  p.className = 'state error'
  p.setAttribute('role', 'alert')
  p.textContent = err.status
    ? `Server menolak permintaan (HTTP ${err.status}). ${err.detail}`
    : 'Server tidak dapat dihubungi. Teks Anda tetap tersimpan sebagai draf.'
  return p
}

function typed() {
  if (textarea.value === state.saved) drafts.clear()
  else drafts.write(textarea.value)
  clearTimeout(previewTimer)
  if (textarea.value.trim() === '') {
    $('pratinjau-isi').replaceChildren()
    return
  }
  previewTimer = setTimeout(preview, previewDelay)
}

// show sets the page for the profile as loaded: title, links, buttons.
function show(title) {
  $('judul').textContent = state.slug ? (state.deleted ? `${title} (dihapus)` : title) : 'Profil baru'
  document.title = `${state.slug ? title : 'Profil baru'} · Studio · karir`
  $('lihat').hidden = !state.slug || state.deleted
  $('lihat').href = `/?profil=${encodeURIComponent(state.slug)}`
  $('hapus').hidden = !state.slug || state.deleted
  $('buka-riwayat').hidden = !state.slug
  $('terhapus').hidden = !state.deleted
  $('simpan').disabled = state.deleted
  main.dataset.profile = state.slug
  main.dataset.deleted = String(state.deleted)
  main.dataset.base = String(state.base)
}

// load reads the profile under slug: its text from its newest revision
// (a deleted one's from the revision before the delete), its ETag from the
// profile. After a write, known says what the write left, {etag} or
// {deleted: true}: a server's read model may not show it yet.
async function load(slug, known = null) {
  state.slug = slug
  let latest = await newest(slug)
  state.base = latest.revision
  state.deleted = Boolean(known?.deleted)
  state.etag = known?.etag || ''
  if (!known) {
    try {
      state.etag = (await call('GET', profilePath(slug))).etag
    } catch (err) {
      if (err.status !== 410) throw err
      state.deleted = true
    }
  }
  if (state.deleted) latest = (await call('GET', `${profilePath(slug)}/revisions/${latest.revision - 1}`)).json
  state.saved = latest.source_text ?? ''
  textarea.value = state.saved
  show(latest.document.title)
  if (latest.source_text === null) say('Revisi ini tidak menyimpan teks sumber; teks di editor kosong.')
}

async function save() {
  if (state.deleted) return
  clearTimeout(previewTimer)
  say('Menyimpan…')
  const slug = state.slug || (await call('POST', '/v1/parse', { body: textarea.value, type: 'text/plain; charset=utf-8' }).catch(() => null))?.json.slug
  if (!slug) {
    await preview()
    say('Belum tersimpan: teks ini belum dapat dibaca sebagai profil. Lihat pratinjau.')
    return
  }
  const condition = state.slug ? { 'If-Match': state.etag } : { 'If-None-Match': '*' }
  try {
    const resp = await call('PUT', profilePath(slug), { body: textarea.value, type: 'text/plain; charset=utf-8', headers: condition })
    drafts.clear()
    state.slug = slug
    state.etag = resp.etag
    state.saved = textarea.value
    state.base = (await newest(slug)).revision
    history.replaceState(null, '', `/edit?profil=${encodeURIComponent(slug)}`)
    $('konflik').hidden = true
    show(resp.json.title)
    say(`Tersimpan sebagai revisi ${state.base}.`)
    if (!$('riwayat').hidden) await openHistory()
  } catch (err) {
    await refused(err, slug)
  }
}

async function refused(err, slug) {
  if (err.status === 412 && state.slug) return conflict()
  if (err.status === 412) {
    say(`Belum tersimpan: sudah ada profil dengan alamat “${slug}”. Bukalah di /edit?profil=${slug}, atau ubah judulnya.`)
    return
  }
  if (err.status === 401) return signOut('Token Anda tidak lagi diterima. Masuk lagi; teks Anda tersimpan sebagai draf.')
  say(err.status === 422
    ? `Belum tersimpan: ${err.detail}`
    : `Belum tersimpan (${err.status ? `HTTP ${err.status}` : 'server tidak dapat dihubungi'}). Teks Anda tetap tersimpan sebagai draf.`)
}

// conflict shows what another editor saved since this one's text was read;
// the editor's text stays in the textarea and in its draft.
async function conflict() {
  drafts.write(textarea.value)
  const latest = await newest(state.slug)
  const diff = await loadDiff(state.slug, state.base, latest.revision)
  $('konflik-beda').replaceChildren(diffNodes(diff))
  $('konflik').hidden = false
  $('konflik').dataset.latest = String(latest.revision)
  say('Belum tersimpan: profil ini diubah orang lain.')
  $('konflik-judul').focus()
}

// rebase makes the newest revision the one the editor works from; keep
// keeps their text in the editor, else it takes the newest text.
async function rebase(keep) {
  const mine = textarea.value
  await load(state.slug)
  $('konflik').hidden = true
  if (keep) {
    textarea.value = mine
    await save()
    return
  }
  drafts.write(mine)
  offerDraft()
  say('Versi terbaru dimuat. Teks Anda tetap tersimpan sebagai draf.')
  await preview()
}

async function openHistory() {
  const panel = $('riwayat')
  panel.hidden = false
  const items = await loadHistory(state.slug)
  $('riwayat-daftar').replaceChildren(...historyNodes(items, {
    onPick: async ([from, to]) => {
      $('riwayat-beda').replaceChildren(diffNodes(await loadDiff(state.slug, from, to)))
    },
    onRestore: restore,
  }))
  $('riwayat-beda').replaceChildren()
  panel.dataset.count = String(items.length)
}

// restore makes revision n current: If-Match names the version it
// replaces, If-None-Match: * says there is none (the profile is deleted).
async function restore(n) {
  const condition = state.deleted ? { 'If-None-Match': '*' } : { 'If-Match': state.etag }
  let etag
  try {
    etag = (await call('POST', `${profilePath(state.slug)}/revisions/${n}/restore`, { headers: condition })).etag
  } catch (err) {
    if (err.status === 412) return conflict()
    say(`Revisi ${n} tidak dapat dipulihkan (HTTP ${err.status}). ${err.detail}`)
    return
  }
  await load(state.slug, { etag })
  say(`Revisi ${n} dipulihkan sebagai revisi ${state.base}.`)
  await preview()
  if (!$('riwayat').hidden) await openHistory()
}

async function remove() {
  $('konfirmasi-hapus').hidden = true
  try {
    await call('DELETE', profilePath(state.slug), { headers: { 'If-Match': state.etag } })
  } catch (err) {
    if (err.status === 412) return conflict()
    say(`Profil tidak dapat dihapus (HTTP ${err.status}). ${err.detail}`)
    return
  }
  await load(state.slug, { deleted: true })
  say('Profil dihapus.')
  if (!$('riwayat').hidden) await openHistory()
  $('batal-hapus').focus()
}

// undelete restores the revision before the delete: the document it kept,
// with its text.
async function undelete() {
  await restore(state.base - 1)
  if (!state.deleted) say('Penghapusan dibatalkan; profil tampil lagi.')
}

function signOut(message = '') {
  token.clear()
  $('studio').hidden = true
  $('masuk').hidden = false
  $('masuk-pesan').hidden = !message
  $('masuk-pesan').textContent = message
  main.dataset.state = 'signed-out'
  $('token').focus()
}

async function signIn(event) {
  event.preventDefault()
  token.set($('token').value.trim())
  const verdict = await checkToken().catch(() => 'unreachable')
  const messages = {
    wrong: 'Token salah: server tidak mengenalnya. Periksa lagi token Anda.',
    disabled: 'Server ini tidak menerima suntingan: tidak ada token editor yang dipasang.',
    unreachable: 'Server tidak dapat dihubungi. Coba lagi sebentar lagi.',
  }
  $('token').value = ''
  if (verdict !== 'ok') return signOut(messages[verdict])
  await start()
}

async function start() {
  $('masuk').hidden = true
  $('studio').hidden = false
  main.dataset.state = 'loading'
  const slug = new URLSearchParams(location.search).get('profil')
  try {
    if (slug) await load(slug)
    else show('')
  } catch (err) {
    say(err.status === 404 ? `Tidak ada profil “${slug}”. Anda dapat menulis profil baru di sini.` : `Profil tidak dapat dimuat (HTTP ${err.status}).`)
    state.slug = ''
    show('')
  }
  offerDraft()
  if (textarea.value) await preview()
  main.dataset.state = 'ready'
  $('judul').focus()
}

textarea.addEventListener('input', typed)
$('masuk-form').addEventListener('submit', signIn)
$('simpan').addEventListener('click', save)
$('keluar').addEventListener('click', () => signOut())
$('buka-riwayat').addEventListener('click', async () => {
  await openHistory()
  $('riwayat-judul').focus()
})
$('hapus').addEventListener('click', () => {
  $('konfirmasi-hapus').hidden = false
  $('hapus-batal').focus()
})
$('hapus-batal').addEventListener('click', () => {
  $('konfirmasi-hapus').hidden = true
  $('hapus').focus()
})
$('hapus-ya').addEventListener('click', remove)
$('batal-hapus').addEventListener('click', undelete)
$('konflik-timpa').addEventListener('click', () => rebase(true))
$('konflik-ambil').addEventListener('click', () => rebase(false))
$('draf-pulihkan').addEventListener('click', () => {
  textarea.value = drafts.read()?.text ?? textarea.value
  $('draf').hidden = true
  typed()
})
$('draf-buang').addEventListener('click', () => {
  drafts.clear()
  $('draf').hidden = true
})
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && !$('studio').hidden) {
    event.preventDefault()
    save()
  }
})

if (token.get()) start()
else signOut()
