// The comparison tray: the profiles picked for comparison, kept for the
// browser tab in sessionStorage, shown in a bar at the bottom of the page.
import { h } from './dom.js'
import { href } from './nav.js'

export const maxCompare = 4
const key = 'karir.banding'
const listeners = new Set()
let memory = null // the list, when sessionStorage cannot hold it

// picked returns the picked profiles, [{slug, title}], in the order picked.
function picked() {
  if (memory) return memory
  try {
    const list = JSON.parse(sessionStorage.getItem(key) || '[]')
    return Array.isArray(list) ? list.filter((p) => p && typeof p.slug === 'string') : []
  } catch {
    return []
  }
}

function save(list) {
  try {
    sessionStorage.setItem(key, JSON.stringify(list))
  } catch {
    // Storage is off or full: keep the list for this page's life.
    memory = list
  }
  for (const fn of listeners) fn(list)
}

// toggle adds or removes a profile; it refuses a fifth one.
export function toggle(slug, title) {
  const list = picked()
  if (list.some((p) => p.slug === slug)) return save(list.filter((p) => p.slug !== slug))
  if (list.length < maxCompare) save([...list, { slug, title }])
}

// onChange calls fn with the list after every change.
export function onChange(fn) {
  listeners.add(fn)
}

// pickBox returns a checkbox that picks the profile for comparison.
export function pickBox(slug, title) {
  const input = h('input', { type: 'checkbox', class: 'pick', 'data-slug': slug })
  syncBox(input, picked())
  input.addEventListener('change', () => toggle(slug, title))
  return h('label', { class: 'pick-label' }, input, ' Bandingkan')
}

function syncBox(input, list) {
  input.checked = list.some((p) => p.slug === input.dataset.slug)
  input.disabled = !input.checked && list.length >= maxCompare
}

export function initTray() {
  const bar = document.getElementById('baki')
  const draw = (list) => {
    bar.hidden = list.length === 0
    const ready = list.length >= 2
    bar.replaceChildren(
      h('p', { class: 'tray-title' }, `Dibandingkan (${list.length}/${maxCompare}):`),
      h('ul', { class: 'tray-list' }, list.map((p) =>
        h('li', {},
          p.title, ' ',
          h('button', { type: 'button', class: 'remove', 'aria-label': `Hapus ${p.title} dari perbandingan`, onclick: () => toggle(p.slug, p.title) }, '×')))),
      ready
        ? h('a', { class: 'button primary', id: 'bandingkan', href: href({ banding: list.map((p) => p.slug).join(',') }), 'data-nav': true }, 'Bandingkan')
        : h('span', { class: 'hint' }, 'Pilih satu profil lagi untuk membandingkan.'),
    )
  }
  draw(picked())
  onChange(draw)
  // The boxes on the page follow the list, whichever view made them.
  onChange((list) => document.querySelectorAll('input.pick').forEach((input) => syncBox(input, list)))
}
