package watch

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tocsin/tocsin/internal/crosscheck"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// Loader returns the cross-checked report of one event (crosscheck.Load
// bound to a store).
type Loader func(ctx context.Context, event string) (crosscheck.Report, error)

// Store is what alerting reads and writes.
type Store interface {
	store.Watches
	Events(ctx context.Context, q store.EventQuery) ([]news.Event, error)
}

// Checker matches events against the stored rules and raises alerts.
type Checker struct {
	st   Store
	load Loader
	now  func() time.Time

	loadErrors atomic.Int64
}

// NewChecker returns a Checker; now is time.Now when nil.
func NewChecker(st Store, load Loader, now func() time.Time) *Checker {
	if now == nil {
		now = time.Now
	}
	return &Checker{st: st, load: load, now: now}
}

// Check matches events against every rule and stores the alerts due: the
// first match of an event by a rule, or a material change of its figures
// since the rule's last alert about it. It returns the alerts it raised.
// An event that cannot be loaded is skipped and named in the error; the
// others are still checked.
func (c *Checker) Check(ctx context.Context, events []string) ([]store.Alert, error) {
	rules, err := c.st.Rules(ctx)
	if err != nil || len(rules) == 0 {
		return nil, err
	}
	var raised []store.Alert
	var errs []error
	for _, id := range events {
		if ctx.Err() != nil {
			return raised, ctx.Err()
		}
		r, err := c.load(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // reclustered away since it was named
		}
		if err != nil {
			c.loadErrors.Add(1)
			errs = append(errs, fmt.Errorf("event %s: %w", id, err))
			continue
		}
		for _, rule := range rules {
			a, ok, err := c.decide(ctx, rule, r)
			if err != nil {
				return raised, err
			}
			if ok {
				raised = append(raised, a)
			}
		}
	}
	return raised, errors.Join(errs...)
}

// decide raises an alert of rule about r when one is due.
func (c *Checker) decide(ctx context.Context, rule store.Rule, r crosscheck.Report) (store.Alert, bool, error) {
	if !Match(rule, r) {
		return store.Alert{}, false, nil
	}
	a := store.Alert{Rule: rule.ID, Event: r.Event.ID, Reason: store.AlertNew, Title: r.Event.Title,
		Type: r.Event.Type, Severity: Severity(r), Sources: r.Sources.Independent, Figures: Figures(r), Raised: c.now()}
	if r.Headline != "" {
		a.Title = r.Headline
	}
	if p := r.Event.Place; p != nil {
		a.Place, a.Country = p.Name, p.Country
	}
	last, err := c.st.LatestAlert(ctx, rule.ID, r.Event.ID)
	switch {
	case err == nil:
		if !Material(last.Figures, a.Figures) {
			return a, false, nil
		}
		a.Reason, a.Revision = store.AlertFigures, last.Revision+1
	case !errors.Is(err, store.ErrNotFound):
		return a, false, err
	}
	ok, err := c.st.InsertAlert(ctx, &a)
	return a, ok, err
}

// Options configure a Dispatcher. Zero values mean the defaults.
type Options struct {
	Webhook WebhookOptions
	// Recheck is how often events active within Window are checked again
	// without an ingest naming them (figures a re-cross-check revised);
	// 0 means never.
	Recheck time.Duration
	Window  time.Duration // default 72h
	// OnAlert, when not nil, is called for every alert raised, before it
	// is delivered.
	OnAlert func(store.Alert)
	// OnError, when not nil, receives errors the dispatcher goes on after
	// (an event that failed to load, a webhook that gave up).
	OnError func(error)
	Now     func() time.Time
}

// Dispatcher checks the events each ingest commit touches, and
// periodically the recent ones, and delivers the alerts raised.
type Dispatcher struct {
	st      Store
	checker *Checker
	hook    *Webhook
	opts    Options

	checked, alerts atomic.Int64

	mu      sync.Mutex
	pending []string
	seen    map[string]bool
	wake    chan struct{}
}

// NewDispatcher returns a Dispatcher; call Run to start it.
func NewDispatcher(st Store, load Loader, opts Options) *Dispatcher {
	if opts.Window <= 0 {
		opts.Window = 72 * time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Dispatcher{
		st: st, checker: NewChecker(st, load, opts.Now), hook: NewWebhook(st, opts.Webhook), opts: opts,
		seen: map[string]bool{}, wake: make(chan struct{}, 1),
	}
}

// Notify queues events for checking and returns at once; its signature
// fits ingest.Options.OnCommit.
func (d *Dispatcher) Notify(events []string) {
	d.mu.Lock()
	for _, e := range events {
		if !d.seen[e] {
			d.seen[e] = true
			d.pending = append(d.pending, e)
		}
	}
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run checks queued events as they come, and recent events every Recheck,
// until ctx is done; then it checks what is still queued and returns.
func (d *Dispatcher) Run(ctx context.Context) error {
	var tick <-chan time.Time
	if d.opts.Recheck > 0 {
		t := time.NewTicker(d.opts.Recheck)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			d.Flush(context.WithoutCancel(ctx))
			return nil
		case <-d.wake:
			d.Flush(ctx)
		case <-tick:
			d.Recent(ctx)
		}
	}
}

// Flush checks the queued events now and delivers their alerts.
func (d *Dispatcher) Flush(ctx context.Context) []store.Alert {
	d.mu.Lock()
	events := d.pending
	d.pending, d.seen = nil, map[string]bool{}
	d.mu.Unlock()
	return d.check(ctx, events)
}

// Recent delivers again the alerts of the window that never reached their
// webhook (see Redeliver), then checks every event active within the
// window and delivers the alerts raised.
func (d *Dispatcher) Recent(ctx context.Context) []store.Alert {
	events, err := d.st.Events(ctx, store.EventQuery{Since: d.opts.Now().Add(-d.opts.Window)})
	if err != nil {
		d.fail(fmt.Errorf("recheck: %w", err))
		return nil
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	// Redelivery first, so that alerts raised now get one round, not two.
	d.Redeliver(ctx)
	return d.check(ctx, ids)
}

// maxRounds bounds how often an undeliverable alert is tried: each round
// is up to WebhookOptions.Attempts attempts.
const maxRounds = 3

// Redeliver posts again the alerts raised within the window whose webhook
// has never answered 2xx — a receiver that was down for longer than the
// retries, or a process stopped between raising and delivering — up to
// maxRounds rounds of attempts each.
func (d *Dispatcher) Redeliver(ctx context.Context) {
	alerts, err := d.st.Alerts(ctx, store.AlertQuery{Since: d.opts.Now().Add(-d.opts.Window)})
	if err != nil {
		d.fail(fmt.Errorf("redeliver: %w", err))
		return
	}
	rules := map[int64]store.Rule{}
	for _, a := range alerts {
		rule, ok := rules[a.Rule]
		if !ok {
			if rule, err = d.st.Rule(ctx, a.Rule); err != nil {
				continue
			}
			rules[a.Rule] = rule
		}
		if rule.Webhook == "" {
			continue
		}
		log, err := d.st.Deliveries(ctx, a.ID)
		if err != nil {
			d.fail(fmt.Errorf("redeliver: %w", err))
			return
		}
		if len(log) >= maxRounds*d.hook.opts.Attempts || slices.ContainsFunc(log, func(x store.Delivery) bool { return x.OK }) {
			continue
		}
		if err := d.hook.Deliver(ctx, rule, a); err != nil {
			d.fail(fmt.Errorf("alert %d: %w", a.ID, err))
		}
	}
}

func (d *Dispatcher) check(ctx context.Context, events []string) []store.Alert {
	if len(events) == 0 {
		return nil
	}
	raised, err := d.checker.Check(ctx, events)
	d.checked.Add(int64(len(events)))
	d.alerts.Add(int64(len(raised)))
	if err != nil {
		d.fail(err)
	}
	for _, a := range raised {
		if d.opts.OnAlert != nil {
			d.opts.OnAlert(a)
		}
		rule, err := d.st.Rule(ctx, a.Rule)
		if err != nil || rule.Webhook == "" {
			continue
		}
		if err := d.hook.Deliver(ctx, rule, a); err != nil {
			d.fail(fmt.Errorf("alert %d: %w", a.ID, err))
		}
	}
	return raised
}

func (d *Dispatcher) fail(err error) {
	if d.opts.OnError != nil {
		d.opts.OnError(err)
	}
}
