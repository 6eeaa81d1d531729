package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
)

// healthz answers 200 while the store answers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	// A lookup by primary key: cheap, and it fails when the store is gone.
	if _, err := s.cfg.Store.Event(r.Context(), ""); err != nil && !errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusServiceUnavailable, "store_unavailable", "the store does not answer")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// metrics are the server's Prometheus metrics, in a registry of its own
// (no global state: tests run several servers).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	articles *prometheus.CounterVec
	queued   prometheus.Gauge
}

func newMetrics(st store.Store) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tocsin_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tocsin_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tocsin_ingest_articles_total", Help: "Articles ingested by this process by outcome (accepted, duplicate, near_duplicate, unchanged, rejected); rate() of it is the ingest rate.",
		}, []string{"outcome"}),
		queued: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tocsin_ingest_queue_depth", Help: "Ingest runs waiting for the one in progress.",
		}),
	}
	stored := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tocsin_articles_stored", Help: "Articles in the store, duplicates included.",
	}, func() float64 {
		st, err := st.Stats(context.Background())
		if err != nil {
			return -1
		}
		return float64(st.Articles)
	})
	m.reg.MustRegister(m.requests, m.latency, m.articles, m.queued, stored,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) ingested(sum ingest.Summary) {
	for outcome, n := range map[string]int{"accepted": sum.Accepted, "duplicate": sum.Duplicates,
		"near_duplicate": sum.Near, "unchanged": sum.Unchanged, "rejected": sum.Rejected} {
		m.articles.WithLabelValues(outcome).Add(float64(n))
	}
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) {
	promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}
