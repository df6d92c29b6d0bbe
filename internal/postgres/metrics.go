package postgres

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector exposes a pool's statistics and its database's
// availability to Prometheus, read at each scrape.
type poolCollector struct {
	pool  *pgxpool.Pool
	avail *Availability
}

// NewCollector returns a collector of pool's statistics and avail.
func NewCollector(pool *pgxpool.Pool, avail *Availability) prometheus.Collector {
	return poolCollector{pool: pool, avail: avail}
}

var (
	descUp           = prometheus.NewDesc("karir_db_up", "1 while the latest connection attempt to the database succeeded, 0 while it is away.", nil, nil)
	descDials        = prometheus.NewDesc("karir_db_dials_total", "Times the pool dialled the database.", nil, nil)
	descConns        = prometheus.NewDesc("karir_db_pool_conns", "Connections of the pool, by state.", []string{"state"}, nil)
	descMaxConns     = prometheus.NewDesc("karir_db_pool_max_conns", "Size limit of the pool.", nil, nil)
	descAcquires     = prometheus.NewDesc("karir_db_pool_acquires_total", "Connections taken from the pool.", nil, nil)
	descEmptyAcq     = prometheus.NewDesc("karir_db_pool_empty_acquires_total", "Acquires that had to wait for a connection, or make one.", nil, nil)
	descCanceledAcq  = prometheus.NewDesc("karir_db_pool_canceled_acquires_total", "Acquires given up because their context ended.", nil, nil)
	descAcquireTime  = prometheus.NewDesc("karir_db_pool_acquire_seconds_total", "Time spent acquiring connections.", nil, nil)
	descEmptyAcqWait = prometheus.NewDesc("karir_db_pool_empty_acquire_wait_seconds_total", "Time spent waiting by the acquires that found no idle connection.", nil, nil)
)

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	prometheus.DescribeByCollect(c, ch)
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	up := 0.0
	if c.avail.Up() {
		up = 1
	}
	s := c.pool.Stat()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(descUp, up)
	counter(descDials, float64(c.avail.Dials()))
	gauge(descConns, float64(s.AcquiredConns()), "acquired")
	gauge(descConns, float64(s.IdleConns()), "idle")
	gauge(descConns, float64(s.ConstructingConns()), "constructing")
	gauge(descMaxConns, float64(s.MaxConns()))
	counter(descAcquires, float64(s.AcquireCount()))
	counter(descEmptyAcq, float64(s.EmptyAcquireCount()))
	counter(descCanceledAcq, float64(s.CanceledAcquireCount()))
	counter(descAcquireTime, s.AcquireDuration().Seconds())
	counter(descEmptyAcqWait, s.EmptyAcquireWaitTime().Seconds())
}
