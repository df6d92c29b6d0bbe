package wire_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/karir/karir/internal/wire"
)

func quotedSum(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func TestRepresent(t *testing.T) {
	short := bytes.Repeat([]byte("a"), wire.MinGzip-1)
	enc := wire.Represent(short)
	assert.Equal(t, wire.Encoded{Body: short, ETag: quotedSum(short)}, enc, "too short to compress")

	long := bytes.Repeat([]byte("ab"), wire.MinGzip)
	enc = wire.Represent(long)
	assert.Equal(t, long, enc.Body)
	assert.Equal(t, quotedSum(long), enc.ETag)
	assert.Equal(t, quotedSum(enc.Gzip), enc.GzipETag)
	assert.Less(t, len(enc.Gzip), len(long))
	zr, err := gzip.NewReader(bytes.NewReader(enc.Gzip))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, long, plain)
}
