// Package browsertest drives the pages karir serves (the explorer at / and
// the API reference at /docs) in a real headless Chromium with chromedp,
// against the real handler over a seeded PostgreSQL. It has only tests; with
// -screenshots=DIR they also save the PNGs that README shows (make
// screenshots).
package browsertest
