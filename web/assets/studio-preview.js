// The studio's preview: the six parts the parser reads in the text, each
// sentence with the line it starts on, the items it derives, and the
// warnings; every line number jumps to that line of the text.
import { sectionKeys } from './api.js'
import { h } from './dom.js'

// jumpTo selects line n (from 1) of the textarea and scrolls it into view.
export function jumpTo(textarea, n) {
  const lines = textarea.value.split('\n')
  const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0)
  textarea.focus()
  textarea.setSelectionRange(start, start + (lines[n - 1] ?? '').length)
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20
  textarea.scrollTop = Math.max(0, (n - 3) * lineHeight)
}

const lineButton = (n, jump) =>
  h('button', { type: 'button', class: 'line', 'data-line': n, 'aria-label': `Ke baris ${n}`, onclick: () => jump(n) }, `baris ${n}`)

// items names the structured items of a section, as text.
function items(key, section) {
  switch (key) {
    case 'misconceptions':
      return section.items.map((i) => `Mitos: ${i.myth} — Realita: ${i.reality}`)
    case 'expectations':
      return section.items.map((i) => `Harapan: ${i.expectation} — Realita: ${i.reality}`)
    case 'comparisons':
      return section.items.map((i) => `${i.profession}: ${i.this_focus} ↔ ${i.other_focus}`)
    case 'fit':
    case 'non_fit':
      return section.traits.length ? [`Sifat: ${section.traits.join(', ')}`] : []
  }
  return []
}

// previewNodes renders a parsed document.
export function previewNodes(doc, jump) {
  return [
    h('p', { class: 'preview-title' }, h('strong', {}, doc.title), ` · ${doc.slug}`),
    doc.warnings.length
      ? h('div', { class: 'warnings', id: 'peringatan' },
        h('h3', {}, `${doc.warnings.length} peringatan`),
        h('ul', {}, doc.warnings.map((w) =>
          h('li', { 'data-section': w.section }, lineButton(w.line, jump), ' ', w.detail))))
      : h('p', { class: 'hint' }, 'Tidak ada peringatan.'),
    ...sectionKeys.map((key) => {
      const section = doc.sections[key]
      return h('section', { class: `part part-${key}`, 'data-part': key },
        h('h3', {}, section.label, ` (${section.sentences.length})`),
        section.sentences.length
          ? h('ol', {}, section.sentences.map((s) => h('li', {}, lineButton(s.line, jump), ' ', s.text)))
          : h('p', { class: 'empty' }, 'Tidak ada kalimat di bagian ini.'),
        items(key, section).length ? h('ul', { class: 'items' }, items(key, section).map((i) => h('li', {}, i))) : null)
    }),
  ]
}

// problemNodes renders a text the parser refused: what it said, and the
// line to blame when there is one.
export function problemNodes(err, jump) {
  return [
    h('div', { class: 'state error', role: 'alert' },
      h('p', {}, 'Teks ini belum dapat dibaca sebagai profil karier.'),
      h('p', { class: 'tech' }, err.detail),
      err.errors?.length
        ? h('ul', {}, err.errors.map((e) => h('li', {}, lineButton(e.line, jump), ' ', e.detail)))
        : null),
  ]
}
