// The search box in the header, with suggestions as you type. It shows only
// when the server has /v1/search or /v1/suggest.
import { getJSON } from './api.js'
import { h } from './dom.js'
import { go, href } from './nav.js'

const form = document.getElementById('cari')
const box = document.getElementById('cari-q')
const list = document.getElementById('saran')

// setQuery shows the query of the current URL in the box.
export function setQuery(q) {
  if (document.activeElement !== box) box.value = q
  close()
}

// pending cancels the suggestions on their way; asked is the text they
// are for.
let pending = null
let asked = ''

// close hides the suggestions and cancels those on their way, which would
// otherwise open over the view the user has gone on to; the same text typed
// again asks anew.
function close() {
  pending?.abort()
  pending = null
  asked = ''
  list.hidden = true
  list.replaceChildren()
  box.setAttribute('aria-expanded', 'false')
  box.removeAttribute('aria-activedescendant')
}

function options() {
  return [...list.querySelectorAll('[role=option]')]
}

function activate(index) {
  const all = options()
  all.forEach((o, i) => o.setAttribute('aria-selected', i === index ? 'true' : 'false'))
  if (all[index]) box.setAttribute('aria-activedescendant', all[index].id)
  else box.removeAttribute('aria-activedescendant')
}

export function initSearch(routes) {
  const canSearch = routes.has('/v1/search')
  const canSuggest = routes.has('/v1/suggest')
  if (!canSearch && !canSuggest) return
  form.hidden = false

  const suggest = async () => {
    const q = box.value.trim()
    if (!canSuggest || q.length < 2) return close()
    if (q === asked) return
    asked = q
    pending?.abort()
    pending = new AbortController()
    let result
    try {
      result = await getJSON(`/v1/suggest?${new URLSearchParams({ q })}`, { signal: pending.signal })
    } catch (err) {
      // A newer text or close() cancelled this one.
      if (err.name === 'AbortError') return
      // Suggestions are a help, not the search: a failed one shows none.
      return close()
    }
    if (box.value.trim() !== q) return
    if (!result.items.length) return close()
    list.replaceChildren(...result.items.map((item, i) =>
      h('li', { id: `saran-${i}`, role: 'option', 'aria-selected': 'false', 'data-slug': item.slug,
        onmousedown: (event) => { event.preventDefault(); pick(item.slug) } }, item.title)))
    list.hidden = false
    box.setAttribute('aria-expanded', 'true')
  }
  // pick opens a suggested profile; the box empties, as the URL of the
  // profile holds no query.
  const pick = (slug) => {
    close()
    box.value = ''
    go(href({ profil: slug }))
  }

  box.addEventListener('input', suggest)
  box.addEventListener('blur', close)
  box.addEventListener('keydown', (event) => {
    const all = options()
    const index = all.findIndex((o) => o.getAttribute('aria-selected') === 'true')
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault()
      activate((index + 1) % all.length)
    } else if (event.key === 'ArrowUp' && all.length) {
      event.preventDefault()
      activate(index <= 0 ? all.length - 1 : index - 1)
    } else if (event.key === 'Enter' && index >= 0) {
      event.preventDefault()
      pick(all[index].dataset.slug)
    } else if (event.key === 'Escape') {
      close()
    }
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const q = box.value.trim()
    if (!q) return
    const first = options()[0]
    if (!canSearch && first) return pick(first.dataset.slug)
    close()
    if (canSearch) go(href({ q }))
  })
}
