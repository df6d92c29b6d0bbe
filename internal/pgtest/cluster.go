package pgtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a PostgreSQL server of one test's own, for tests that stop,
// kill or restart the database, which the shared DATABASE_URL server must
// never see. It lives in a temporary folder and is removed with the test.
type Cluster struct {
	Port int
	dir  string
	bin  string
}

// StartCluster initialises and starts a private cluster on a free port
// below 32768: a port in Linux's ephemeral range (32768–60999) can be taken
// by a client's own dial while the server is down, which then keeps the
// server from starting again.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	bin, err := binDir()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	dir, err := os.MkdirTemp("", "karir-cluster-")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	c := &Cluster{Port: freePort(t), dir: dir, bin: bin}
	t.Cleanup(func() {
		_ = c.command("pg_ctl", "stop", "-D", c.data(), "-m", "immediate", "-w").Run()
		os.RemoveAll(dir)
	})
	if err := c.ownByServerUser(); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if out, err := c.command("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C").CombinedOutput(); err != nil {
		t.Fatalf("pgtest: initdb: %v\n%s", err, out)
	}
	c.Start(t)
	return c
}

// URL is the address of database name on the cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, name)
}

// CreateDatabase makes an empty database on the cluster and returns its URL.
func (c *Cluster) CreateDatabase(t testing.TB, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := adminExec(ctx, c.URL("postgres"), "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	return c.URL(name)
}

// Start starts the server and waits until it accepts connections.
func (c *Cluster) Start(t testing.TB) {
	t.Helper()
	opts := fmt.Sprintf("-h 127.0.0.1 -p %d -k %s", c.Port, c.dir)
	if out, err := c.command("pg_ctl", "start", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60", "-o", opts).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		t.Fatalf("pgtest: pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// Stop shuts the server down fast, ending every connection, and waits
// until it has stopped.
func (c *Cluster) Stop(t testing.TB) {
	t.Helper()
	if out, err := c.command("pg_ctl", "stop", "-D", c.data(), "-m", "fast", "-w", "-t", "60").CombinedOutput(); err != nil {
		t.Fatalf("pgtest: pg_ctl stop: %v\n%s", err, out)
	}
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// command runs a server binary as the postgres user when the tests run as
// root: initdb and the server refuse to run as root.
func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if os.Geteuid() == 0 {
		cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
		cmd.Dir = "/"
		return cmd
	}
	return exec.Command(path, args...)
}

// ownByServerUser hands the cluster's folder to the postgres user when
// the tests run as root.
func (c *Cluster) ownByServerUser() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chmod(c.dir, 0o755); err != nil {
		return err
	}
	return os.Chown(c.dir, uid, gid)
}

// binDir finds the newest installed PostgreSQL's binaries, as .ci/postgres does.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	out, err := exec.Command("pg_config", "--bindir").Output()
	if err != nil {
		return "", fmt.Errorf("no PostgreSQL binaries found: run .ci/postgres start once to install them")
	}
	return strings.TrimSpace(string(out)), nil
}

// freePort returns a port from 20000 to 32767 that nothing listens on now.
func freePort(t testing.TB) int {
	t.Helper()
	for range 100 {
		port := 20000 + rand.IntN(12768)
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err == nil {
			ln.Close()
			return port
		}
	}
	t.Fatal("pgtest: no free port below 32768")
	return 0
}
