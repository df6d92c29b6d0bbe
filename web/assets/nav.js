// Navigation within the explorer: links change the URL and the app renders
// the view it names, without reloading the page.
import { h } from './dom.js'

let renderer = () => {}

// onNavigate sets what runs after the URL changes.
export function onNavigate(fn) {
  renderer = fn
}

// go navigates to url (a state of the explorer).
export function go(url, { replace = false } = {}) {
  const next = new URL(url, location.href)
  if (replace) history.replaceState(null, '', next)
  else history.pushState(null, '', next)
  renderer()
}

// href returns the explorer's URL for params (an object or URLSearchParams).
export function href(params) {
  const query = new URLSearchParams(params).toString()
  return query ? `/?${query}` : '/'
}

// link returns an anchor to a state of the explorer that navigates in place.
export function link(params, ...children) {
  return h('a', { href: href(params), 'data-nav': true }, ...children)
}
