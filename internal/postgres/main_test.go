package postgres_test

import (
	"os"
	"testing"

	"github.com/karir/karir/internal/pgtest"
)

var db *pgtest.DB

func TestMain(m *testing.M) {
	db = pgtest.Create()
	code := m.Run()
	db.Drop()
	os.Exit(code)
}
