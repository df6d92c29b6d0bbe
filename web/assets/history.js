// The revisions of a profile, newest first (?riwayat=slug): where a deleted
// profile's page leads. Each revision's document is the API's JSON.
import { getJSON, profilePath } from './api.js'
import { h } from './dom.js'
import { link } from './nav.js'
import { pageLimit, pager } from './views.js'

// actions names what each kind of revision did to the profile.
export const actions = {
  create: 'dibuat',
  replace: 'diubah',
  delete: 'dihapus',
  seed: 'dimuat dari teks awal',
  restore: 'dipulihkan',
}

// byPerson names the editor behind a revision; seed and import are
// commands, not people.
export const byPerson = (author) => (['seed', 'import'].includes(author) ? '' : ` oleh ${author}`)

export const when = (iso) => new Date(iso).toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short' })

export async function historyView(params, signal) {
  const slug = params.get('riwayat')
  const query = new URLSearchParams({ limit: pageLimit(params) })
  if (params.get('kursor')) query.set('cursor', params.get('kursor'))
  const page = await getJSON(`${profilePath(slug)}/revisions?${query}`, { signal })
  // The first revision listed keeps the document as it was then, title
  // included (for a delete, as it was before).
  const shown = await getJSON(page.items[0].url, { signal })
  const title = shown.document.title
  const deleted = !params.has('kursor') && page.items[0].action === 'delete'
  return {
    name: 'history',
    title: `Riwayat ${title}`,
    nodes: [
      h('p', { class: 'crumbs' }, link({}, '← Semua profil')),
      h('h1', { tabindex: '-1' }, `Riwayat ${title}`),
      h('p', { class: 'lead' },
        `${page.total} revisi, yang terbaru lebih dahulu. `,
        deleted
          ? `Profil ini dihapus pada ${when(page.items[0].created_at)}; revisi terakhir menyimpan isinya sebelum dihapus.`
          : link({ profil: slug }, 'Buka profilnya')),
      h('ol', { class: 'revisions' }, page.items.map((r) =>
        h('li', { 'data-revision': r.revision, 'data-action': r.action },
          h('strong', {}, `Revisi ${r.revision}`),
          ` — ${actions[r.action] || r.action}${byPerson(r.author)}, ${when(r.created_at)} · `,
          h('a', { href: r.url, class: 'json' }, 'Lihat JSON')))),
      pager(params, page.next),
    ],
  }
}
