// The list, profile and search views. Each resolves to {name, title, nodes}.
import { features, getJSON, profilePath, sectionKeys, sectionLabels } from './api.js'
import { h, marked } from './dom.js'
import { go, href, link } from './nav.js'
import { pickBox } from './tray.js'

const defaultLimit = 20

// pageLimit reads ?batas=, the page size (1 to 100).
export function pageLimit(params) {
  const n = Number(params.get('batas'))
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : defaultLimit
}

const traitChips = (traits, cls = '') =>
  traits.length ? h('ul', { class: `traits ${cls}`.trim() }, traits.map((t) => h('li', { class: 'trait' }, t))) : null

// pager links to the first page and to the next one, keeping the other
// parameters of the URL.
export function pager(params, next) {
  const first = new URLSearchParams(params)
  first.delete('kursor')
  const after = new URLSearchParams(params)
  if (next) after.set('kursor', next)
  if (!params.has('kursor') && !next) return null
  return h('nav', { class: 'pager', 'aria-label': 'Halaman' },
    params.has('kursor') ? link(first, '« Halaman pertama') : null,
    next ? link(after, 'Berikutnya »') : null)
}

export async function listView(params, signal) {
  const routes = await features()
  const limit = pageLimit(params)
  const traits = params.getAll('sifat')
  const query = new URLSearchParams({ limit })
  if (params.get('kursor')) query.set('cursor', params.get('kursor'))
  const filtering = routes.has('/v1/traits') && traits.length > 0
  if (filtering) traits.forEach((t) => query.append('trait', t))
  const [page, vocabulary] = await Promise.all([
    getJSON(`/v1/profiles?${query}`, { signal }),
    routes.has('/v1/traits') ? getJSON('/v1/traits', { signal }).catch(() => null) : null,
  ])
  const nodes = [
    h('h1', { tabindex: '-1' }, 'Profil Karier'),
    h('p', { class: 'lead' },
      `${page.total} profil pekerjaan bidang kesejahteraan sosial${filtering ? ' dengan sifat yang dipilih' : ''}. `,
      'Buka satu untuk membaca tugas, siapa yang cocok, mitos dan realitanya; centang 2–4 untuk membandingkannya.'),
  ]
  if (vocabulary?.items?.length) nodes.push(traitFilter(params, vocabulary.items, traits))
  if (page.items.length === 0) {
    nodes.push(h('p', { class: 'state empty', role: 'status' },
      filtering ? 'Tidak ada profil yang memiliki semua sifat yang dipilih.' : 'Belum ada profil.'))
  } else {
    nodes.push(h('ul', { class: 'cards', id: 'daftar-profil' }, page.items.map((p) =>
      h('li', { class: 'card', 'data-slug': p.slug },
        h('h2', {}, link({ profil: p.slug }, p.title)),
        h('p', { class: 'summary' }, p.summary),
        traitChips(p.traits),
        pickBox(p.slug, p.title)))))
  }
  nodes.push(pager(params, page.next))
  return { name: 'list', title: 'Profil Karier', nodes }
}

// traitFilter lets the list be narrowed to profiles whose fit section names
// every chosen trait (GET /v1/profiles?trait=...).
function traitFilter(params, vocabulary, chosen) {
  const toggled = (name) => {
    const next = new URLSearchParams(params)
    next.delete('kursor')
    next.delete('sifat')
    const set = chosen.includes(name) ? chosen.filter((t) => t !== name) : [...chosen, name]
    set.forEach((t) => next.append('sifat', t))
    return next
  }
  return h('section', { class: 'filter', 'aria-labelledby': 'saring' },
    h('h2', { id: 'saring', class: 'small' }, 'Saring menurut sifat yang dibutuhkan'),
    h('ul', { class: 'traits' }, vocabulary.filter((t) => t.fit_count > 0).map((t) => {
      const on = chosen.includes(t.name)
      const a = link(toggled(t.name), `${t.label || t.name} (${t.fit_count})`)
      a.className = on ? 'trait toggle on' : 'trait toggle'
      a.dataset.trait = t.name
      a.setAttribute('aria-pressed', on ? 'true' : 'false')
      return h('li', {}, a)
    })))
}

export async function profileView(params, signal) {
  const slug = params.get('profil')
  const routes = await features()
  const [doc, related] = await Promise.all([
    getJSON(profilePath(slug), { signal }),
    routes.has('/v1/profiles/{slug}/related')
      ? getJSON(`${profilePath(slug)}/related`, { signal }).catch((err) => {
        if (err.name === 'AbortError') throw err
        return null // the profile itself is what the page is for
      })
      : null,
  ])
  const nodes = [
    h('p', { class: 'crumbs' }, link({}, '← Semua profil')),
    h('h1', { tabindex: '-1' }, doc.title),
    h('p', { class: 'lead' }, doc.summary),
    h('div', { class: 'actions' },
      pickBox(doc.slug, doc.title),
      h('a', { href: profilePath(doc.slug), class: 'json' }, 'Lihat JSON'),
      h('a', { href: `/edit?profil=${encodeURIComponent(doc.slug)}`, class: 'edit' }, 'Sunting di studio')),
    h('nav', { class: 'toc', 'aria-label': 'Bagian profil' },
      h('ol', {}, sectionKeys.map((key) =>
        h('li', {}, h('a', { href: `#bagian-${key}` }, doc.sections[key].label))))),
    ...sectionKeys.map((key) => sectionNode(key, doc.sections[key], doc.title)),
    related?.items?.length ? relatedNode(related.items) : null,
    h('p', { class: 'source' },
      `Sumber: ${doc.source.file} · diperbarui ${new Date(doc.updated_at).toLocaleDateString('id-ID', { dateStyle: 'long' })}. `,
      'Angka “baris” menunjuk baris teks sumber tempat kalimat dimulai.'),
  ]
  return { name: 'profile', title: doc.title, nodes }
}

// relatedNode lists the profiles GET /v1/profiles/{slug}/related ranks
// closest, each with the server's reason.
function relatedNode(items) {
  return h('section', { class: 'sec', id: 'serupa', 'aria-labelledby': 'serupa-judul' },
    h('h2', { id: 'serupa-judul' }, 'Profil serupa'),
    h('ul', { class: 'plain related' }, items.map((item) =>
      h('li', { 'data-slug': item.slug }, link({ profil: item.slug }, item.title), ` — ${item.reason}`))))
}

function sectionNode(key, section, title) {
  const body = []
  if (section.sentences.length === 0) {
    body.push(h('p', { class: 'empty' }, 'Teks sumber tidak membahas bagian ini.'))
  } else {
    if (key === 'fit' || key === 'non_fit') {
      body.push(traitChips(section.traits, key === 'non_fit' ? 'negative' : ''))
    }
    if (key === 'misconceptions') body.push(pairs(section.items, 'myth', 'Mitos'))
    if (key === 'expectations') body.push(pairs(section.items, 'expectation', 'Ekspektasi'))
    if (key === 'comparisons') body.push(comparisons(section.items, title))
    const pairsShown = ['misconceptions', 'expectations', 'comparisons'].includes(key) && section.items.length > 0
    body.push(sentences(section.sentences, pairsShown))
  }
  return h('section', { id: `bagian-${key}`, class: 'sec', 'data-section': key },
    h('h2', {}, section.label), body)
}

// sentences lists a section's sentences with the source line of each; under
// pairs they are headed as the source text the pairs were read from.
function sentences(list, underPairs) {
  const ol = h('ol', { class: 'sentences' }, list.map((s) =>
    h('li', { class: 'sentence' },
      h('span', { class: 'text' }, s.text), ' ',
      h('span', { class: 'line', title: `Baris ${s.line} teks sumber` }, `baris ${s.line}`))))
  if (!underPairs) return ol
  ol.classList.add('source-text')
  return [h('h3', { class: 'source-head' }, 'Kalimat sumber'), ol]
}

// pairs sets each myth or expectation beside its reality.
function pairs(items, field, label) {
  return h('div', { class: 'pairs' }, items.map((item) =>
    h('div', { class: 'pair' },
      h('div', { class: 'side claim' }, h('h3', {}, label), h('p', {}, item[field])),
      h('div', { class: 'side reality' }, h('h3', {}, 'Realita'), h('p', {}, item.reality)))))
}

function comparisons(items, title) {
  return h('div', { class: 'pairs' }, items.map((item) =>
    h('div', { class: 'versus' },
      h('h3', {}, 'Dibandingkan dengan ', h('strong', { class: 'profession' }, item.profession)),
      h('div', { class: 'pair' },
        h('div', { class: 'side' }, h('h4', {}, `Fokus ${title}`), h('p', {}, item.this_focus)),
        h('div', { class: 'side other' }, h('h4', {}, `Fokus ${item.profession}`), h('p', {}, item.other_focus))))))
}

export async function searchView(params, signal) {
  const q = (params.get('q') || '').trim()
  const routes = await features()
  const heading = h('h1', { tabindex: '-1' }, `Hasil pencarian “${q}”`)
  if (!routes.has('/v1/search')) {
    return {
      name: 'search', title: 'Pencarian',
      nodes: [heading, h('p', { class: 'state empty', role: 'status' }, 'Pencarian belum tersedia di server ini. ', link({}, 'Lihat semua profil'), '.')],
    }
  }
  const section = params.get('bagian') || ''
  const query = new URLSearchParams({ q, limit: pageLimit(params) })
  if (section) query.set('section', section)
  if (params.get('kursor')) query.set('cursor', params.get('kursor'))
  const result = await getJSON(`/v1/search?${query}`, { signal })
  const select = h('select', { id: 'bagian', onchange: () => {
    const next = new URLSearchParams(params)
    next.delete('kursor')
    if (select.value) next.set('bagian', select.value)
    else next.delete('bagian')
    go(href(next))
  } },
  h('option', { value: '' }, 'Semua bagian'),
  sectionKeys.map((key) => h('option', { value: key, selected: key === section }, sectionLabels[key])))
  const nodes = [
    heading,
    h('div', { class: 'toolbar' },
      h('p', { class: 'lead' }, `${result.total} profil ditemukan.`),
      h('label', { for: 'bagian' }, 'Cari di '), select),
  ]
  if (result.fuzzy) {
    nodes.push(h('p', { class: 'notice' }, 'Tidak ada yang cocok persis; ini hasil dengan ejaan yang mirip.'))
  }
  if (result.items.length === 0) {
    nodes.push(h('p', { class: 'state empty', role: 'status' }, `Tidak ada profil yang cocok dengan “${q}”. Coba kata lain atau `, link({}, 'lihat semua profil'), '.'))
  } else {
    nodes.push(h('ol', { class: 'cards results' }, result.items.map((item) =>
      h('li', { class: 'card', 'data-slug': item.slug },
        h('h2', {}, link({ profil: item.slug }, item.title)),
        h('p', { class: 'score' }, `skor ${Number(item.score).toFixed(2)}`),
        h('ul', { class: 'matches' }, (item.matches || []).map((m) =>
          h('li', {},
            h('span', { class: 'where' }, `${sectionLabels[m.section] || m.section}, baris ${m.line}: `),
            h('span', { class: 'snippet' }, marked(m.snippet))))),
        pickBox(item.slug, item.title)))))
  }
  nodes.push(pager(params, result.next))
  return { name: 'search', title: `Cari “${q}”`, nodes }
}
