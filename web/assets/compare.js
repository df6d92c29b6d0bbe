// Side-by-side comparison of two to four profiles (?banding=a,b,c).
import { features, getJSON, profilePath } from './api.js'
import { h, s } from './dom.js'
import { go, href, link } from './nav.js'
import { maxCompare } from './tray.js'

// parseSlugs reads ?banding=: distinct slugs, in the order given.
const parseSlugs = (params) => [...new Set((params.get('banding') || '').split(',').map((x) => x.trim()).filter(Boolean))]

// load returns {profiles, shared, distinct}: from GET /v1/compare where the
// server has it, else from the documents, with the same meaning: shared
// traits are the fit traits every profile names, a profile's distinct
// traits are the fit traits no other one names.
async function load(slugs, routes, signal) {
  if (routes.has('/v1/compare')) {
    const r = await getJSON(`/v1/compare?${new URLSearchParams({ slugs: slugs.join(',') })}`, { signal })
    return { profiles: r.profiles, shared: r.shared_traits, distinct: r.distinct_traits }
  }
  const profiles = await Promise.all(slugs.map((slug) => getJSON(profilePath(slug), { signal })))
  const fits = profiles.map((p) => p.sections.fit.traits)
  const shared = fits[0].filter((t) => fits.every((f) => f.includes(t)))
  const distinct = Object.fromEntries(profiles.map((p, i) =>
    [p.slug, fits[i].filter((t) => fits.every((f, j) => j === i || !f.includes(t)))]))
  return { profiles, shared, distinct }
}

export async function compareView(params, signal) {
  const slugs = parseSlugs(params)
  const routes = await features()
  const heading = h('h1', { tabindex: '-1' }, 'Perbandingan Profil')
  const all = await getJSON('/v1/profiles?limit=100', { signal })
  const picker = addPicker(slugs, all.items)
  if (slugs.length < 2 || slugs.length > maxCompare) {
    return {
      name: 'compare', title: 'Perbandingan Profil',
      nodes: [heading, h('p', { class: 'state empty', role: 'status' },
        `Pilih 2 sampai ${maxCompare} profil untuk dibandingkan${slugs.length > maxCompare ? `; Anda memilih ${slugs.length}` : ''}.`),
      picker],
    }
  }
  const { profiles, shared, distinct } = await load(slugs, routes, signal)
  return {
    name: 'compare',
    title: `Bandingkan ${profiles.map((p) => p.title).join(', ')}`,
    nodes: [
      h('p', { class: 'crumbs' }, link({}, '← Semua profil')),
      heading,
      h('p', { class: 'lead' }, `${profiles.length} profil berdampingan. Sifat yang disorot dibutuhkan oleh semua profil ini.`),
      h('div', { class: 'actions' }, picker),
      h('section', { class: 'panel', 'aria-labelledby': 'sifat-bersama' },
        h('h2', { id: 'sifat-bersama' }, 'Sifat bersama'),
        shared.length
          ? h('ul', { class: 'traits' }, shared.map((t) => h('li', { class: 'trait shared' }, t)))
          : h('p', { class: 'empty' }, 'Tidak ada sifat yang dibutuhkan oleh semua profil ini.')),
      h('section', { class: 'panel', 'aria-labelledby': 'peta-sifat' },
        h('h2', { id: 'peta-sifat' }, 'Peta sifat'),
        traitChart(profiles, shared),
        h('p', { class: 'legend' },
          h('span', { class: 'key fit' }, '●'), ' dibutuhkan (cocok) · ',
          h('span', { class: 'key nonfit' }, '○'), ' disebut untuk yang tidak cocok · baris yang disorot: sifat bersama')),
      compareTable(profiles, shared, distinct, slugs),
    ],
  }
}

// addPicker offers the profiles not yet compared.
function addPicker(slugs, items) {
  if (slugs.length >= maxCompare) return null
  const select = h('select', { id: 'tambah', onchange: () => {
    if (select.value) go(href({ banding: [...slugs, select.value].join(',') }))
  } },
  h('option', { value: '' }, '— pilih profil —'),
  items.filter((p) => !slugs.includes(p.slug)).map((p) => h('option', { value: p.slug }, p.title)))
  return h('p', { class: 'add' }, h('label', { for: 'tambah' }, 'Tambah profil: '), select)
}

const rows = [
  ['Ringkasan', (p) => h('p', {}, p.summary)],
  ['Sifat yang dibutuhkan', (p, shared, distinct) => traitList(p.sections.fit.traits, shared, distinct[p.slug] || [])],
  ['Sifat yang tidak cocok', (p) => traitList(p.sections.non_fit.traits, [], [], 'negative')],
  ['Tugas', (p) => sentenceList(p.sections.tasks.sentences)],
  ['Mitos dan realita', (p) => pairList(p.sections.misconceptions.items, 'myth', 'Mitos')],
  ['Ekspektasi dan realita', (p) => pairList(p.sections.expectations.items, 'expectation', 'Ekspektasi')],
  ['Profesi pembanding', (p) => p.sections.comparisons.items.length
    ? h('ul', { class: 'plain' }, p.sections.comparisons.items.map((c) => h('li', {}, h('strong', {}, c.profession), `: ${c.other_focus}`)))
    : h('p', { class: 'empty' }, '—')],
]

function compareTable(profiles, shared, distinct, slugs) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Tabel perbandingan' },
    h('table', { class: `compare cols-${profiles.length}` },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Bagian')),
        profiles.map((p, i) => h('th', { scope: 'col', 'data-slug': p.slug },
          h('span', { class: 'num' }, `${i + 1}`), ' ', link({ profil: p.slug }, p.title), ' ',
          removeLink(slugs, p))))),
      h('tbody', {}, rows.map(([label, cell]) => h('tr', {},
        h('th', { scope: 'row' }, label),
        profiles.map((p) => h('td', {}, cell(p, shared, distinct))))))))
}

// removeLink leads to the comparison without p.
function removeLink(slugs, p) {
  const a = link({ banding: slugs.filter((x) => x !== p.slug).join(',') }, '×')
  a.className = 'remove'
  a.setAttribute('aria-label', `Hapus ${p.title} dari perbandingan`)
  return a
}

function traitList(traits, shared, distinct, cls = '') {
  if (!traits.length) return h('p', { class: 'empty' }, '—')
  return h('ul', { class: `traits ${cls}`.trim() }, traits.map((t) =>
    h('li', { class: `trait${shared.includes(t) ? ' shared' : ''}${distinct.includes(t) ? ' distinct' : ''}` }, t)))
}

const sentenceList = (list) => list.length
  ? h('ul', { class: 'plain' }, list.map((x) => h('li', {}, x.text, ' ', h('span', { class: 'line' }, `baris ${x.line}`))))
  : h('p', { class: 'empty' }, '—')

const pairList = (items, field, label) => items.length
  ? h('div', { class: 'mini-pairs' }, items.map((item) => h('dl', {},
    h('dt', {}, label), h('dd', {}, item[field]),
    h('dt', {}, 'Realita'), h('dd', {}, item.reality))))
  : h('p', { class: 'empty' }, '—')

// traitChart draws one row per trait and one column per profile: a filled
// dot where the profile asks for the trait, a ring where it names the trait
// among those who do not fit; rows of shared traits are highlighted, and a
// bar tells how many of the profiles ask for the trait.
function traitChart(profiles, shared) {
  const fit = profiles.map((p) => p.sections.fit.traits)
  const nonFit = profiles.map((p) => p.sections.non_fit.traits)
  const traits = [...new Set([...fit.flat(), ...nonFit.flat()])]
  const count = (t) => fit.filter((f) => f.includes(t)).length
  traits.sort((a, b) => count(b) - count(a) || a.localeCompare(b, 'id'))

  const labelW = 190, colW = 44, barW = 90, rowH = 26, top = 34
  const width = labelW + colW * profiles.length + barW + 20
  const height = top + rowH * traits.length + 8
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, class: 'trait-chart', role: 'img',
    'aria-label': `Peta ${traits.length} sifat dari ${profiles.length} profil` })
  profiles.forEach((p, i) => svg.append(
    s('text', { x: labelW + colW * i + colW / 2, y: 20, 'text-anchor': 'middle', class: 'col' }, `${i + 1}`, s('title', {}, p.title))))
  svg.append(s('text', { x: labelW + colW * profiles.length + 10, y: 20, class: 'col' }, `dari ${profiles.length}`))
  traits.forEach((t, r) => {
    const y = top + rowH * r
    const g = s('g', { class: shared.includes(t) ? 'row shared' : 'row', 'data-trait': t })
    g.append(s('rect', { x: 0, y, width, height: rowH, class: 'band' }))
    g.append(s('text', { x: labelW - 10, y: y + rowH / 2 + 5, 'text-anchor': 'end', class: 'label' }, t))
    profiles.forEach((p, i) => {
      const cx = labelW + colW * i + colW / 2, cy = y + rowH / 2
      if (fit[i].includes(t)) g.append(s('circle', { cx, cy, r: 7, class: 'fit' }, s('title', {}, `${p.title}: dibutuhkan`)))
      else if (nonFit[i].includes(t)) g.append(s('circle', { cx, cy, r: 6, class: 'nonfit' }, s('title', {}, `${p.title}: disebut untuk yang tidak cocok`)))
      else g.append(s('circle', { cx, cy, r: 2, class: 'none' }))
    })
    const n = count(t)
    const x = labelW + colW * profiles.length + 10
    g.append(s('rect', { x, y: y + 8, width: barW - 20, height: rowH - 16, class: 'track' }))
    g.append(s('rect', { x, y: y + 8, width: ((barW - 20) * n) / profiles.length, height: rowH - 16, class: 'bar' }))
    svg.append(g)
  })
  return svg
}
