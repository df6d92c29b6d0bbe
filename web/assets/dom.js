// h builds an element: h('a', {href: '/', class: 'x', onclick: fn}, 'text', child).
// Text always goes in as text, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  setAttrs(el, attrs)
  append(el, children)
  return el
}

// s builds an SVG element the same way.
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag)
  setAttrs(el, attrs)
  append(el, children)
  return el
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value)
    } else if (value === true) {
      el.setAttribute(name, '')
    } else {
      el.setAttribute(name, String(value))
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
}

// marked turns a snippet of the search API (HTML-escaped text with
// <mark>...</mark> around the matched words) into nodes: only text and mark
// elements survive, whatever the snippet holds.
export function marked(snippet) {
  const doc = new DOMParser().parseFromString(`<body>${snippet}</body>`, 'text/html')
  return [...doc.body.childNodes].map((node) =>
    node.nodeName === 'MARK' ? h('mark', {}, node.textContent) : document.createTextNode(node.textContent),
  )
}
