// The explorer's error pages: for each way a view can fail, what happened
// and what to do, in Indonesian. Retrying is offered only where it can help,
// and where the server says how long to wait, only once that time is up.
import { ApiError } from './api.js'
import { h } from './dom.js'
import { link } from './nav.js'

// kindOf names the way err failed; <main> carries it as data-error.
function kindOf(err) {
  if (!(err instanceof ApiError)) return 'broken'
  if (err.status === 0) return err.offline ? 'offline' : 'unreachable'
  const kinds = { 400: 'bad-request', 404: 'not-found', 410: 'gone', 429: 'rate-limited', 503: 'unavailable' }
  return kinds[err.status] || 'server'
}

// pages says, for each kind, what happened, what to do, and whether trying
// again can help.
const pages = {
  offline: {
    heading: 'Anda sedang luring',
    happened: 'Perangkat ini tidak terhubung ke internet, jadi halaman tidak dapat dimuat.',
    todo: 'Periksa Wi-Fi atau data seluler Anda. Halaman ini dimuat ulang sendiri begitu koneksi kembali.',
    retry: true,
  },
  unreachable: {
    heading: 'Server tidak dapat dihubungi',
    happened: 'Permintaan tidak sampai ke server karir.',
    todo: 'Periksa koneksi Anda, lalu coba lagi sebentar lagi.',
    retry: true,
  },
  'not-found': {
    heading: 'Tidak ditemukan',
    happened: 'Tidak ada profil di alamat ini. Mungkin alamatnya salah ketik, atau tautannya sudah usang.',
    todo: 'Cari profilnya dengan kotak pencarian di atas, atau buka daftar semua profil.',
    retry: false,
  },
  gone: {
    heading: 'Profil ini sudah dihapus',
    happened: 'Editor telah menghapus profil ini, jadi isinya tidak ditampilkan lagi.',
    todo: 'Riwayatnya tetap tersimpan: setiap versi sebelum penghapusan masih dapat dibaca.',
    retry: false,
  },
  'rate-limited': {
    heading: 'Terlalu banyak permintaan',
    happened: 'Anda membuka terlalu banyak halaman dalam waktu singkat, jadi server menahan permintaan dari alamat Anda sebentar.',
    todo: 'Tunggu sampai tombol di bawah dapat ditekan, lalu coba lagi.',
    retry: true,
  },
  unavailable: {
    heading: 'Layanan sedang tidak tersedia',
    happened: 'Server sedang sibuk, atau untuk sementara tidak dapat menjangkau basis datanya.',
    todo: 'Biasanya ini hanya sebentar. Tunggu sampai tombol di bawah dapat ditekan, lalu coba lagi.',
    retry: true,
  },
  'bad-request': {
    heading: 'Alamat halaman tidak valid',
    happened: 'Server tidak dapat membaca alamat halaman ini, misalnya karena penanda halamannya sudah tidak berlaku.',
    todo: 'Mulai lagi dari daftar semua profil.',
    retry: false,
  },
  server: {
    heading: 'Terjadi kesalahan di server',
    happened: 'Server gagal menjawab permintaan ini.',
    todo: 'Coba lagi. Jika masih gagal, sampaikan kode permintaan di rincian teknis kepada pengelola situs.',
    retry: true,
  },
  broken: {
    heading: 'Halaman tidak dapat ditampilkan',
    happened: 'Terjadi kesalahan pada halaman ini.',
    todo: 'Coba muat lagi. Jika masih gagal, kembali ke daftar semua profil.',
    retry: true,
  },
}

// errorView is the view of err; retry renders the view again.
export function errorView(err, retry) {
  const kind = kindOf(err)
  const page = pages[kind]
  return {
    name: 'error',
    error: kind,
    title: page.heading,
    nodes: [
      h('h1', { tabindex: '-1' }, page.heading),
      h('div', { class: 'state error', role: 'alert' }, h('p', {}, page.happened), h('p', {}, page.todo)),
      h('p', { class: 'actions' },
        page.retry ? retryButton(err.retryAfter, retry) : null,
        kind === 'gone' ? historyLink(err.history) : null,
        link({}, 'Kembali ke semua profil')),
      technical(err),
    ],
  }
}

// retryButton renders the view again. Where the server asked to wait
// (Retry-After), it stays disabled and counts the seconds down; the count
// is in the button, outside the alert, so that it is not read out anew
// every second.
function retryButton(wait, retry) {
  const button = h('button', { type: 'button', class: 'button primary retry', onclick: () => retry() }, 'Coba lagi')
  if (!wait) return button
  let left = wait
  button.disabled = true
  button.textContent = `Coba lagi dalam ${left} detik`
  const tick = () => {
    if (!button.isConnected) return // another view replaced this one
    left--
    if (left > 0) {
      button.textContent = `Coba lagi dalam ${left} detik`
      setTimeout(tick, 1000)
      return
    }
    button.disabled = false
    button.textContent = 'Coba lagi'
  }
  setTimeout(tick, 1000)
  return button
}

// historyLink leads from a deleted profile to its revisions: the history
// view for the API's revisions path, else that path itself.
function historyLink(history) {
  if (!history) return null
  const slug = history.match(/^\/v1\/profiles\/([^/]+)\/revisions$/)?.[1]
  if (!slug) return h('a', { href: history, class: 'history' }, 'Lihat riwayat profil (JSON)')
  const a = link({ riwayat: decodeURIComponent(slug) }, 'Lihat riwayat profil')
  a.classList.add('button', 'history')
  return a
}

// technical holds, folded away, what a report of the failure needs: the
// status, the server's own words (in English) and the request's ID.
function technical(err) {
  const rows = []
  if (!(err instanceof ApiError)) {
    rows.push(['Galat', String(err)])
  } else {
    if (err.status) rows.push(['Status HTTP', String(err.status)])
    if (err.detail) rows.push(['Pesan server (bahasa Inggris)', err.detail])
    if (err.requestId) rows.push(['Kode permintaan', err.requestId])
  }
  if (rows.length === 0) return null
  return h('details', { class: 'tech' },
    h('summary', {}, 'Rincian teknis'),
    h('dl', {}, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])))
}
