// The studio's history: the revisions with time, author, action and the
// parts they changed; two picked show their diff; any can be restored.
import { sectionKeys, sectionLabels } from './api.js'
import { h } from './dom.js'
import { actions, byPerson, when } from './history.js'
import { call, revisionsPath } from './studio-api.js'

// fieldLabels name the fields outside the parts that a diff lists.
const fieldLabels = { title: 'Judul', summary: 'Ringkasan', 'source.file': 'Berkas sumber' }

// diffNodes renders what the diff route answers: per part, the sentences
// removed and added, the other fields, and the text diff.
export function diffNodes(diff) {
  const parts = sectionKeys.filter((key) => diff.sections[key])
  return h('div', { class: 'diff', 'data-from': diff.from, 'data-to': diff.to },
    h('h3', {}, diff.from ? `Revisi ${diff.from} → revisi ${diff.to}` : `Isi revisi ${diff.to}`),
    parts.length === 0 && diff.fields.length === 0 ? h('p', { class: 'empty' }, 'Tidak ada perubahan isi.') : null,
    parts.map((key) => h('section', { class: 'diff-part', 'data-part': key },
      h('h4', {}, sectionLabels[key]),
      h('ul', {},
        diff.sections[key].removed.map((s) => h('li', { class: 'removed' }, h('span', { class: 'sr-only' }, 'Dihapus: '), s)),
        diff.sections[key].added.map((s) => h('li', { class: 'added' }, h('span', { class: 'sr-only' }, 'Ditambah: '), s))))),
    diff.fields.map((f) => h('p', { class: 'diff-field' }, `${fieldLabels[f.field] || f.field}: `, h('del', {}, f.from), ' → ', h('ins', {}, f.to))),
    diff.text
      ? h('details', { class: 'text-diff', open: true },
        h('summary', {}, 'Perbedaan teks'),
        h('pre', {}, diff.text.split('\n').map((line, i) =>
          h('span', { class: i < 2 ? 'file' : { '+': 'added', '-': 'removed', '@': 'hunk' }[line[0]] || '' }, line, '\n'))))
      : null)
}

// historyNodes renders the list of revisions; onPick gets the numbers of
// the two checked, onRestore the number to restore.
export function historyNodes(items, { onPick, onRestore }) {
  const picked = () => [...document.querySelectorAll('#riwayat-daftar input:checked')].map((i) => Number(i.value))
  return items.map((r) =>
    h('li', { 'data-revision': r.revision, 'data-action': r.action },
      h('label', {},
        h('input', { type: 'checkbox', value: r.revision, onchange: () => {
          const numbers = picked()
          if (numbers.length === 2) onPick(numbers.sort((a, b) => a - b))
        } }),
        ' ', h('strong', {}, `Revisi ${r.revision}`)),
      ` — ${actions[r.action] || r.action}${byPerson(r.author)}, ${when(r.created_at)}`,
      r.changed_sections.length
        ? h('span', { class: 'changed' }, ` · bagian berubah: ${r.changed_sections.map((k) => sectionLabels[k]).join(', ')}`)
        : null,
      ' ',
      r.action === 'delete' ? null : h('button', { type: 'button', class: 'button restore', onclick: () => onRestore(r.revision) }, 'Pulihkan')))
}

// loadHistory reads up to 100 revisions of slug, newest first.
export async function loadHistory(slug) {
  return (await call('GET', `${revisionsPath(slug)}?limit=100`)).json.items
}

// loadDiff reads what revision to changed against revision from.
export async function loadDiff(slug, from, to) {
  return (await call('GET', `${revisionsPath(slug)}/${to}/diff?against=${from}`)).json
}
