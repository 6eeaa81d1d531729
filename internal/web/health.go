package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tocsin/tocsin/internal/feeds"
	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
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

// watchCounters exports the totals of the feed poller and the alert
// dispatcher, when the server runs them, read at each scrape.
func (m *metrics) watchCounters(feedStats func() feeds.Stats, alertStats func() watch.Stats) {
	counter := func(name, help string, v func() int64) {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help},
			func() float64 { return float64(v()) }))
	}
	if feedStats != nil {
		counter("tocsin_feed_polls_total", "Feed polls by this process.", func() int64 { return feedStats().Polls })
		counter("tocsin_feed_errors_total", "Feed polls that failed.", func() int64 { return feedStats().Errors })
		counter("tocsin_feed_not_modified_total", "Feed polls answered 304 Not Modified.", func() int64 { return feedStats().NotModified })
		counter("tocsin_feed_items_total", "Feed items not seen before.", func() int64 { return feedStats().NewItems })
		counter("tocsin_feed_articles_stored_total", "New original articles stored from feeds.", func() int64 { return feedStats().Stored })
		counter("tocsin_feed_pages_total", "Linked pages fetched for summary-only feed items.", func() int64 { return feedStats().Pages })
		counter("tocsin_feed_page_errors_total", "Linked pages that could not be fetched.", func() int64 { return feedStats().PageErrors })
	}
	if alertStats != nil {
		counter("tocsin_alert_events_checked_total", "Events checked against the watch rules.", func() int64 { return alertStats().Checked })
		counter("tocsin_alerts_raised_total", "Alerts raised.", func() int64 { return alertStats().Alerts })
		counter("tocsin_alert_deliveries_total", "Webhook deliveries answered 2xx.", func() int64 { return alertStats().Delivered })
		counter("tocsin_alert_delivery_failures_total", "Webhook delivery attempts that failed.", func() int64 { return alertStats().Failed })
		counter("tocsin_alert_deliveries_given_up_total", "Webhook deliveries given up after every retry.", func() int64 { return alertStats().GaveUp })
		counter("tocsin_alert_load_errors_total", "Events whose report could not be read for alerting.", func() int64 { return alertStats().LoadErrors })
	}
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
