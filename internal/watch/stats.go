package watch

// Stats are the dispatcher's running totals since it was made, for
// metrics (a server exports them as Prometheus counters).
type Stats struct {
	Checked    int64 `json:"events_checked"`
	Alerts     int64 `json:"alerts_raised"`
	Delivered  int64 `json:"deliveries_ok"`
	Failed     int64 `json:"delivery_attempts_failed"`
	GaveUp     int64 `json:"deliveries_given_up"`
	LoadErrors int64 `json:"load_errors"` // events whose report could not be read
}

// Stats returns the totals so far; safe to call while dispatching.
func (d *Dispatcher) Stats() Stats {
	return Stats{Checked: d.checked.Load(), Alerts: d.alerts.Load(), Delivered: d.hook.delivered.Load(),
		Failed: d.hook.failed.Load(), GaveUp: d.hook.gaveUp.Load(), LoadErrors: d.checker.loadErrors.Load()}
}
