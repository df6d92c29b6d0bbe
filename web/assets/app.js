// karir's profile explorer: the state of the page lives in the URL (?profil=,
// ?banding=, ?q=, ?sifat=, ?kursor=, ?riwayat=), so every view has a link of
// its own.
import { features } from './api.js'
import { h } from './dom.js'
import { listView, profileView, searchView } from './views.js'
import { compareView } from './compare.js'
import { errorView } from './errors.js'
import { historyView } from './history.js'
import { initSearch, setQuery } from './search.js'
import { initTray } from './tray.js'
import { go, onNavigate } from './nav.js'

const main = document.getElementById('konten')
let current = null // AbortController of the view being loaded

// render shows the view the URL names.
async function render() {
  current?.abort()
  const ctl = new AbortController()
  current = ctl
  shown = location.search
  const params = new URLSearchParams(location.search)
  setQuery(params.get('q') ?? '')
  main.dataset.state = 'loading'
  main.setAttribute('aria-busy', 'true')
  main.replaceChildren(h('p', { class: 'state loading', role: 'status' }, 'Memuat…'))
  let view
  try {
    view = await pick(params)(params, ctl.signal)
  } catch (err) {
    if (err.name === 'AbortError') return
    view = errorView(err, render)
  }
  if (ctl.signal.aborted) return
  main.replaceChildren(...view.nodes.filter(Boolean))
  main.dataset.view = view.name
  document.body.dataset.view = view.name
  main.dataset.state = view.name === 'error' ? 'error' : 'ready'
  if (view.error) main.dataset.error = view.error
  else delete main.dataset.error
  main.removeAttribute('aria-busy')
  document.title = `${view.title} · karir`
  if (focusNext) main.querySelector('h1')?.focus({ preventScroll: true })
  focusNext = true
  // A link to a section of the view (#bagian-...) lands on it.
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))
  if (target) target.scrollIntoView()
  else window.scrollTo(0, 0)
}

function pick(params) {
  if (params.has('profil')) return profileView
  if (params.has('riwayat')) return historyView
  if (params.has('banding')) return compareView
  if (params.has('q')) return searchView
  return listView
}

// The first view keeps the focus where the browser put it; later ones move
// it to their heading, so that keyboard and screen-reader users land there.
let focusNext = false

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-nav]')
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  go(a.href)
})
// Following a link to a section (#bagian-...) changes only the fragment:
// the view stays.
let shown = null
window.addEventListener('popstate', () => {
  if (location.search !== shown) render()
})
onNavigate(render)
// A page that failed for want of a network loads again once it is back.
window.addEventListener('online', () => {
  if (main.dataset.error === 'offline' || main.dataset.error === 'unreachable') render()
})

// "/" jumps to the search box, as on most sites with one.
document.addEventListener('keydown', (event) => {
  const box = document.getElementById('cari-q')
  if (event.key === '/' && !event.target.closest('input, textarea, select') && !box.closest('form').hidden) {
    event.preventDefault()
    box.focus()
  }
})

features().then((routes) => initSearch(routes))
initTray()
render()
