package parser

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// largeInput is a text just under MaxInputSize made of the fresh texts one
// after another: the most a client may make the parser read.
func largeInput(tb testing.TB) []byte {
	files, err := filepath.Glob("testdata/fresh/*.txt")
	require.NoError(tb, err)
	var buf bytes.Buffer
	for buf.Len() < MaxInputSize {
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(tb, err)
			buf.Write(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
			buf.WriteString("\n\n")
		}
	}
	return buf.Bytes()[:bytes.LastIndex(buf.Bytes()[:MaxInputSize], []byte("\n\n"))]
}

// BenchmarkParseLarge measures the largest input Parse accepts: the parse
// must stay near-linear in the size of the text, since POST /v1/parse is
// open to anyone. Besides the wall time it reports the process's CPU time
// per parse (cpu-ms/op), which other work on a shared machine does not
// inflate.
func BenchmarkParseLarge(b *testing.B) {
	benchmarkParse(b, largeInput(b))
}

// benchmarkParse measures parsing data, which must parse, in wall and CPU
// time.
func benchmarkParse(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	before := cpuTime(b)
	for b.Loop() {
		if _, err := Parse("large.txt", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime(b)-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkParseLargeShuffled measures the limit filled with the fresh
// texts, each with its parts shuffled: the order a text takes costs a
// second reading where the tasks open late, and a text of many profiles
// is read as one.
func BenchmarkParseLargeShuffled(b *testing.B) {
	rng := rand.New(rand.NewPCG(19, 6))
	var buf bytes.Buffer
	for buf.Len() < MaxInputSize {
		for _, kt := range keyedTexts(b, "fresh") {
			preamble, parts := partsOf(kt)
			buf.WriteString(shuffled(preamble, parts, rng.Perm(len(parts))))
			buf.WriteString("\n\n")
		}
	}
	benchmarkParse(b, buf.Bytes()[:bytes.LastIndex(buf.Bytes()[:MaxInputSize], []byte("\n\n"))])
}

// BenchmarkParseManySentences measures the other way to fill the limit:
// some 130,000 sentences of two words each, where what the parser does per
// sentence, not per byte, decides the cost.
func BenchmarkParseManySentences(b *testing.B) {
	data := []byte(strings.Repeat("Ia ada. ", (MaxInputSize-100)/len("Ia ada. ")))
	b.SetBytes(int64(len(data)))
	before := cpuTime(b)
	for b.Loop() {
		if _, err := Parse("many.txt", data); err == nil {
			b.Fatal("a text without the genre's parts was accepted")
		}
	}
	b.ReportMetric(float64((cpuTime(b)-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	require.NoError(tb, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
