// Command ceiling is the fastest a net/http server can answer on this
// machine: it serves files read at start, each with the header lines of
// FILE.headers (those karir sent with the same bytes), and does nothing
// else. make bench measures karir against it.
//
//	ceiling ADDR PATH=FILE...
package main

import (
	"log"
	"net/http"
	"net/textproto"
	"os"
	"strings"
)

func main() {
	mux := http.NewServeMux()
	for _, arg := range os.Args[2:] {
		path, file, _ := strings.Cut(arg, "=")
		body, err := os.ReadFile(file)
		if err != nil {
			log.Fatal(err)
		}
		lines, err := os.ReadFile(file + ".headers")
		if err != nil {
			log.Fatal(err)
		}
		header := http.Header{}
		for line := range strings.Lines(string(lines)) {
			name, value, _ := strings.Cut(strings.TrimSpace(line), ": ")
			header[textproto.CanonicalMIMEHeaderKey(name)] = []string{value}
		}
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			for name, values := range header {
				h[name] = values
			}
			w.Write(body)
		})
	}
	log.Fatal(http.ListenAndServe(os.Args[1], mux))
}
