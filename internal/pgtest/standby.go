package pgtest

import (
	"os"
	"strconv"
	"testing"
)

// StartStandby makes a streaming hot standby of primary with pg_basebackup
// -R, starts it on a port of its own and waits until it accepts
// connections. initdb's default pg_hba.conf lets 127.0.0.1 replicate with
// the cluster's trust authentication, and wal_level defaults to replica,
// so any cluster of StartCluster can be the primary. It is removed with the
// test.
func StartStandby(t testing.TB, primary *Cluster) *Cluster {
	t.Helper()
	dir, err := os.MkdirTemp("", "karir-standby-")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	c := &Cluster{Port: freePort(t), dir: dir, bin: primary.bin}
	t.Cleanup(func() {
		_ = c.command("pg_ctl", "stop", "-D", c.data(), "-m", "immediate", "-w").Run()
		os.RemoveAll(dir)
	})
	if err := c.ownByServerUser(); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	out, err := c.command("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port), "-U", "postgres",
		"-D", c.data(), "-R", "-X", "stream", "-c", "fast").CombinedOutput()
	if err != nil {
		t.Fatalf("pgtest: pg_basebackup: %v\n%s", err, out)
	}
	c.Start(t)
	return c
}
